import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../domain/app-error.ts';
import { forbiddenCharacterProblem } from '../domain/control-characters.ts';
import { type FieldProblem, invalidFields } from '../domain/parse-input.ts';
import type { AppEnv } from './app-env.ts';
import { type BodyLimits, bodyLimitClassOf } from './body-limits.ts';
import { bodyTooLarge, readStream } from './read-json-body.ts';
import { sentPathOf } from './routed-path.ts';

// Checks every request passes before any route sees it, so that no route can forget them
// (docs/decisions/025-request-body-limits.md): the address and its parameters carry no control
// characters; the body is not larger than its route's limit; a form's fields carry no control
// characters. JSON bodies are checked field by field by their one reader (read-json-body.ts).

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 400 for a control character in the path or a query parameter, named by where it is. */
export function refuseControlCharactersInUrl() {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Most requests (a survey submission) have neither an escape nor a query: nothing to parse.
    if (c.req.url.includes('%') || c.req.url.includes('?')) {
      const problem = urlProblem(new URL(c.req.url));
      if (problem) throw invalidFields([problem]);
    }
    await next();
  });
}

function urlProblem(url: URL): FieldProblem | null {
  // The URL parser percent-encodes raw control characters, so only encoded ones can be there.
  if (url.pathname.includes('%')) {
    for (const segment of url.pathname.split('/')) {
      if (!segment.includes('%')) continue;
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return { field: 'path', message: 'has a broken %-escape', text: 'path: has a broken %-escape' };
      }
      const problem = forbiddenCharacterProblem('path', decoded, 'single-line');
      if (problem) return problem;
    }
  }
  if (url.search.length > 1) {
    for (const [name, value] of url.searchParams) {
      const problem =
        forbiddenCharacterProblem('query', name, 'single-line') ??
        forbiddenCharacterProblem(`query.${name}`, value, 'single-line');
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * 413 for a body over its route's limit. A declared Content-Length over it is refused before a
 * byte is read, and the connection is closed after the answer, so the rest is never read. A body
 * without a declared length (chunked) is read here up to the limit and no further.
 */
export function limitBodySize(limits: BodyLimits) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const limit = limits[bodyLimitClassOf(sentPathOf(c.req.url))];
    c.set('bodyLimit', limit);
    const declared = c.req.header('content-length');
    if (declared !== undefined) {
      if (Number(declared) > limit) refuseTooLarge(c, limit);
    } else if (!BODYLESS_METHODS.has(c.req.method) && c.req.raw.body) {
      const request = c.req.raw;
      let bytes: Uint8Array;
      try {
        bytes = await readStream(request, limit);
      } catch (error) {
        if (error instanceof AppError) refuseTooLarge(c, limit);
        throw error;
      }
      c.req.raw = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: bytes as Uint8Array<ArrayBuffer>,
        signal: request.signal,
      });
    }
    await next();
  });
}

function refuseTooLarge(c: Context<AppEnv>, limit: number): never {
  // Keep-alive would have Node read (and throw away) the rest of the body to reuse the socket.
  c.header('Connection', 'close');
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) lingerBeforeClosing(incoming);
  throw bodyTooLarge(limit);
}

/** How long, and how much, a refused upload is still taken off the wire before its socket closes. */
const LINGER = { ms: 1000, bytes: 1024 * 1024 };

/**
 * Once the 413 is sent, Node reads and drops the rest of the body (to free the socket) and closes
 * the socket (Connection: close). Unbounded, that reading is the very cost the limit is there to
 * avoid; closing at once instead makes the kernel answer the client's next bytes with a reset,
 * and a client still writing its upload can lose the 413 with it (seen with chunked uploads). So,
 * as web servers do ("lingering close"), the socket sends its end at once and is closed after 1 s
 * or 1 MiB more, whichever comes first, keeping none of it.
 */
function lingerBeforeClosing(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  let isClosing = false;
  socket.destroySoon = () => {
    if (isClosing) return;
    isClosing = true;
    socket.end();
    const close = () => socket.destroy();
    const timer = setTimeout(close, LINGER.ms);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    // Counted on the socket: once the answer is sent, the body no longer reaches `incoming`.
    const readBefore = socket.bytesRead;
    socket.on('data', () => {
      if (socket.bytesRead - readBefore > LINGER.bytes) close();
    });
    incoming.resume();
  };
}

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/**
 * A form post's fields, parsed once (and kept for the CSRF check): 400 for a control character
 * in any field (tab and new lines allowed: text areas) or in a field's or file's name.
 */
export function refuseControlCharactersInForms() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('form', undefined);
    if (BODYLESS_METHODS.has(c.req.method) || !FORM_TYPE.test(c.req.header('content-type') ?? '')) {
      return next();
    }
    // A clone: the web app's action receives the original request and reads the form itself.
    const form = await c.req.raw
      .clone()
      .formData()
      .catch(() => {
        throw new AppError('invalid-input', 'body: not a form this server can read', [
          { field: 'body', message: 'not a form this server can read' },
        ]);
      });
    for (const [name, value] of form) {
      const problem =
        forbiddenCharacterProblem('form', name, 'single-line') ??
        (typeof value === 'string'
          ? forbiddenCharacterProblem(name, value, 'multi-line')
          : forbiddenCharacterProblem(`${name} (the file's name)`, value.name, 'single-line'));
      if (problem) throw invalidFields([problem]);
    }
    c.set('form', form);
    await next();
  });
}
