import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { AppError } from '../domain/app-error.ts';
import { findForbiddenCharacterInJson } from '../domain/control-characters.ts';
import { invalidFields } from '../domain/parse-input.ts';
import type { AppEnv } from './app-env.ts';
import { bodyLimitClassOf, DEFAULT_BODY_LIMITS, formatByteSize } from './body-limits.ts';
import { sentPathOf } from './routed-path.ts';

// The one reader of JSON request bodies, for every API route: it reads at most the route's body
// limit (413 past it, the rest unread), refuses text that is not UTF-8 or JSON, and refuses
// control characters in any string, naming the field (400) — before any of it reaches a service
// or the database (PostgreSQL refuses U+0000 in text and jsonb).

export type ReadJsonOptions = {
  /** The value of an empty body; without it an empty body is refused. */
  empty?: unknown;
  /**
   * Refuse a body not sent as `application/json`: a cross-site form cannot send that type without
   * a CORS preflight, which is what keeps sign-in and other session-less changes from being forged.
   */
  requireJsonType?: boolean;
};

/** The body as JSON, unvalidated: 400 `invalid-input` or 413 `payload-too-large` when it cannot be. */
export async function readJsonBody(c: Context<AppEnv>, options: ReadJsonOptions = {}): Promise<unknown> {
  if (options.requireJsonType && !/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw bodyProblem('send JSON with content-type application/json');
  }
  const text = await readBodyText(c);
  if (text.trim() === '' && options.empty !== undefined) return options.empty;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw bodyProblem(`not valid JSON (${(error as Error).message})`);
  }
  const problem = findForbiddenCharacterInJson(value);
  if (problem) throw invalidFields([problem]);
  return value;
}

function bodyProblem(message: string): AppError {
  return new AppError('invalid-input', `body: ${message}`, [
    { field: 'body', message, text: `body: ${message}` },
  ]);
}

/** The refusal of a body over its limit (the request guard answers with it too). */
export function bodyTooLarge(limit: number): AppError {
  return new AppError(
    'payload-too-large',
    `the request body is larger than this route takes (${formatByteSize(limit)})`,
    [{ limitBytes: limit }],
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as UTF-8 text, at most the route's limit. Under @hono/node-server the Node request is
 * `c.env.incoming` (its documented HttpBindings): reading it directly skips building a WHATWG
 * Request and web streams for a few hundred bytes (bench/RESULTS.md). Anywhere else (app.request()
 * in tests), or once the body was touched, the request's own stream.
 */
async function readBodyText(c: Context<AppEnv>): Promise<string> {
  const limit = c.get('bodyLimit') ?? DEFAULT_BODY_LIMITS[bodyLimitClassOf(sentPathOf(c.req.url))];
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const bytes =
    incoming && !incoming.readableDidRead && !incoming.readableEnded
      ? await readIncoming(incoming, limit)
      : await readStream(c.req.raw, limit);
  try {
    return utf8.decode(bytes);
  } catch {
    throw bodyProblem('not valid UTF-8 text');
  }
}

function readIncoming(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        incoming.off('data', onData);
        incoming.pause();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.once('error', reject);
  });
}

/** Reads a stream of bytes up to `limit`, then stops reading and refuses (413). */
export async function readStream(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  if (request.bodyUsed) throw new Error('the request body was read before');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
