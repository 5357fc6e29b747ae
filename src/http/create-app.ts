import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { Db } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { importBundle } from '../services/import-bundle.ts';
import { validateBundleFiles } from '../services/import-bundle-folder.ts';
import type { AppEnv } from './app-env.ts';
import { appErrorResponse } from './app-error-response.ts';
import { authOpenApiPaths, authRoutes, outboxRoutes } from './auth-routes.ts';
import { commentsOpenApiPaths, commentsRoutes } from './comments-routes.ts';
import { incidentsOpenApiPaths, incidentsRoutes } from './incidents-routes.ts';
import { interviewsOpenApiPaths, interviewsRoutes } from './interviews-routes.ts';
import { buildOpenApiDocument, type OpenApiPaths, renderApiReference } from './openapi.ts';
import { portfolioOpenApiPaths, portfolioRoutes } from './portfolio-routes.ts';
import { rateLimit } from './rate-limit.ts';
import { csrfProtection, requireUser, sessionMiddleware } from './session-middleware.ts';
import { setupOpenApiPaths, setupRoutes } from './setup-routes.ts';
import { sponsorOpenApiPaths, sponsorRoutes } from './sponsor-routes.ts';
import { linkRoutes, surveyApiRoutes, surveyOpenApiPaths } from './survey-routes.ts';

export type AppDependencies = {
  db: Db;
  storeKind: string;
  /** The public origin (PUBLIC_URL) for links in mail and survey links; else each request's own. */
  publicUrl?: string;
  log?: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** The React Router web app (src/http/web-handler.ts), mounted last; absent in API-only tests. */
  web?: Hono<AppEnv>;
};

// Paths that carry a survey secret: logged without it.
const SECRET_PATH = /^(\/s|\/api\/survey(?:\/code)?)\/[^/]+/;

/** The one Hono app: security headers, sessions, CSRF, the JSON API, OpenAPI, then the web app. */
export function createApp({ db, storeKind, publicUrl, log, web }: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // gzip/deflate for pages, scripts and JSON: phones on mobile networks answer the survey.
  app.use(compress());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('db', db);
    const nonce = randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    const security = [
      ['X-Content-Type-Options', 'nosniff'],
      [
        'Content-Security-Policy',
        `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`,
      ],
      ['X-Frame-Options', 'DENY'],
    ] as const;
    // Set before the handler, so every response made with c.json/c.html/c.body (and errors) is
    // born with them: a header set on a finished response copies the whole response, each time.
    for (const [name, value] of security) c.header(name, value);
    c.header('Referrer-Policy', 'same-origin'); // a default: routes may set their own
    await next();
    // Responses a handler built itself (the web app's pages) do not carry them yet.
    const built = c.res.headers;
    const hasReferrerPolicy = built.has('Referrer-Policy');
    for (const [name, value] of security) if (built.get(name) !== value) c.header(name, value);
    if (!hasReferrerPolicy) c.header('Referrer-Policy', 'same-origin');
    log?.info(
      {
        method: c.req.method,
        path: c.req.path.replace(SECRET_PATH, '$1/…'),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(sessionMiddleware());
  app.use(csrfProtection());

  app.get('/health', (c) => c.json({ status: 'ok', store: storeKind }));

  const openApi = buildOpenApiDocument([
    authOpenApiPaths as unknown as OpenApiPaths,
    prefixPaths('/api', setupOpenApiPaths as OpenApiPaths),
    surveyOpenApiPaths as OpenApiPaths,
    sponsorOpenApiPaths,
    incidentsOpenApiPaths as unknown as OpenApiPaths,
    commentsOpenApiPaths as unknown as OpenApiPaths,
    interviewsOpenApiPaths as OpenApiPaths,
    portfolioOpenApiPaths as unknown as OpenApiPaths,
    CORE_OPENAPI_PATHS,
  ]);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  app.get('/api/docs', (c) => c.html(renderApiReference(openApi)));

  app.route('/api/auth', authRoutes({ publicUrl }));
  app.route('/api/outbox', outboxRoutes());
  // One budget per address for every way of trying a typed code (API and the /code page), so
  // guesses cannot be spread over several doors.
  const codeAttempts = rateLimit({ limit: 30, windowMs: 10 * 60_000 });
  app.use('/api/survey/code/*', codeAttempts); // also matches /api/survey/code itself
  app.route('/api/survey', surveyApiRoutes());
  app.post('/code', (c, next) => codeAttempts(c, next));

  app.get('/api/relationships/:ref/analysis', requireUser(['admin', 'facilitator']), async (c) =>
    c.json(await getRelationshipAnalysis(db, c.get('user')!.workspaceId, c.req.param('ref'))),
  );
  app.post('/api/relationships/import', requireUser(['admin', 'facilitator']), async (c) => {
    if (!c.req.header('content-type')?.startsWith('application/json')) {
      throw new AppError(
        'invalid-input',
        'body: send JSON { "files": { "relationship.json": "…", … } } as application/json',
      );
    }
    const body = await c.req.json().catch(() => {
      throw new AppError('invalid-input', 'body: expected JSON { "files": { "relationship.json": "…", … } }');
    });
    const files = (body as { files?: unknown })?.files;
    if (!files || typeof files !== 'object' || Object.values(files).some((v) => typeof v !== 'string')) {
      throw new AppError('invalid-input', 'files: expected an object of file name → file text');
    }
    const bundle = validateBundleFiles(files as Record<string, string>);
    const imported = await importBundle(db, c.get('user')!.workspaceId, bundle);
    return c.json({ id: imported.relationshipId, counts: imported.counts }, 201);
  });
  app.route('/api', sponsorRoutes({ publicUrl })); // first: keeps sponsors out of the routes after it
  app.route('/api', setupRoutes());
  app.route('/api', incidentsRoutes());
  app.route('/api', commentsRoutes());
  app.route('/api', interviewsRoutes());
  app.route('/api', portfolioRoutes());
  app.route('/api', linkRoutes({ baseUrl: publicUrl }));
  app.all('/api/*', (c) =>
    c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  if (web) app.route('/', web);

  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    const expected = appErrorResponse(c, error);
    if (expected) return expected;
    log?.error({ err: error }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'something went wrong on our side' } }, 500);
  });

  return app;
}

function prefixPaths(prefix: string, paths: OpenApiPaths): OpenApiPaths {
  return Object.fromEntries(Object.entries(paths).map(([path, ops]) => [`${prefix}${path}`, ops]));
}

const CORE_OPENAPI_PATHS: OpenApiPaths = {
  '/health': {
    get: {
      summary: 'Liveness: the server answers and which store it uses.',
      responses: { '200': { description: '{ status, store }' } },
    },
  },
  '/api/relationships/{id}/analysis': {
    get: {
      summary:
        'The full analysis of a relationship: cells, reliability, indices, gaps, stages, changes (suppressed values are null).',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'id, id prefix or name',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': { description: 'the analysis, as `trustloop analyze --json`' },
        '401': { description: 'not signed in' },
        '404': { description: 'no such relationship in your workspace' },
      },
    },
  },
  '/api/relationships/import': {
    post: {
      summary: 'Import a relationship bundle (docs/formats.md) sent as its files’ texts; all or nothing.',
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['files'],
              properties: { files: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
        },
      },
      responses: {
        '201': { description: '{ id, counts }' },
        '422': { description: 'invalid-bundle: details list every problem as file:line:column' },
      },
    },
  },
};
