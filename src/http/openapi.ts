import { APP_ERROR_CODES } from '../domain/app-error.ts';

// /api/openapi.json (OpenAPI 3.1) assembled from the path fragments each route file exports, and
// /api/docs, a plain server-rendered reference page of the same document.

export type OpenApiPaths = Record<string, Record<string, OperationObject>>;

type OperationObject = {
  summary?: string;
  description?: string;
  parameters?: ReadonlyArray<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: unknown;
  }>;
  /** OpenAPI requires `content`: without it a generated client cannot send the body. */
  requestBody?: { required?: boolean; description?: string; content: Record<string, { schema: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
  tags?: string[];
};

/** The error body every route answers with (`{ error: { code, message, details } }`), as OpenAPI. */
export function errorResponse(description: string) {
  return {
    description,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'array', items: {} },
              },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
  };
}

/** Required string path parameters, each described from a route file's table of descriptions. */
export function pathParameters<K extends string>(descriptions: Readonly<Record<K, string>>, ...names: K[]) {
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: descriptions[name],
    schema: { type: 'string' },
  }));
}

/** "invalid-input (400), …": from the one table, so the description cannot drift from it. */
const ERROR_CODES = Object.entries(APP_ERROR_CODES)
  .sort(([, a], [, b]) => a.status - b.status)
  .map(([code, { status }]) => `${code} (${status})`)
  .join(', ');

export function buildOpenApiDocument(fragments: readonly OpenApiPaths[]): Record<string, unknown> {
  const paths: OpenApiPaths = {};
  for (const fragment of fragments) {
    for (const [path, operations] of Object.entries(fragment)) {
      paths[path] = { ...(paths[path] ?? {}), ...operations };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trustloop API',
      version: '0.1.0',
      description: `Diagnose, share, act on and re-measure trust between two organisations. Errors are \`{ error: { code, message, details } }\`; codes: ${ERROR_CODES}. A 429 carries \`Retry-After\`. Changes with a session cookie need the \`x-csrf-token\` header.`,
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'tl_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}

export function renderApiReference(document: Record<string, unknown>): string {
  const paths = document.paths as OpenApiPaths;
  const sections = Object.entries(paths)
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => {
        const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
        const body = op.requestBody?.content?.['application/json']?.schema;
        const responses = Object.entries(op.responses ?? {})
          .map(
            ([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description ?? '')}</li>`,
          )
          .join('');
        return `<section id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2>
${op.summary ? `<p>${escapeHtml(op.summary)}</p>` : ''}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${body ? `<h3>Request body</h3><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>` : ''}
${responses ? `<h3>Responses</h3><ul>${responses}</ul>` : ''}
</section>`;
      }),
    )
    .join('\n');
  const info = document.info as { title: string; description: string };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24}main{max-width:60rem;margin:auto;padding:1rem}pre{background:#f4f6f8;padding:.75rem;overflow-x:auto;font-size:13px}h2{font-size:1.1rem;border-top:1px solid #c9d1d9;padding-top:1rem}a{color:#0b5cad}</style>
</head><body><main>
<h1>${escapeHtml(info.title)}</h1>
<p>${escapeHtml(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections}
</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
