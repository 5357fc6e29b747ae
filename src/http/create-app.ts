import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { Db } from '../db/client.ts';
import { parseDocumentFormat, renderDocument } from '../documents/render-document.ts';
import { AppError } from '../domain/app-error.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { importBundle } from '../services/import-bundle.ts';
import { validateBundleFiles } from '../services/import-bundle-folder.ts';
import type { WorkshopHub } from '../services/workshop-hub.ts';
import type { AppEnv, RequestLog } from './app-env.ts';
import { appErrorResponseFor } from './app-error-response.ts';
import { authOpenApiPaths, authRoutes, outboxRoutes } from './auth-routes.ts';
import { type BodyLimits, DEFAULT_BODY_LIMITS } from './body-limits.ts';
import { clientAddressOf } from './client-address.ts';
import { commentsOpenApiPaths, commentsRoutes } from './comments-routes.ts';
import { findingsOpenApiPaths, findingsRoutes } from './findings-routes.ts';
import { incidentsOpenApiPaths, incidentsRoutes } from './incidents-routes.ts';
import { interviewsOpenApiPaths, interviewsRoutes } from './interviews-routes.ts';
import { loggableError } from './loggable-error.ts';
import { buildOpenApiDocument, type OpenApiPaths, renderApiReference } from './openapi.ts';
import { portfolioOpenApiPaths, portfolioRoutes } from './portfolio-routes.ts';
import { readJsonBody } from './read-json-body.ts';
import {
  limitBodySize,
  refuseControlCharactersInForms,
  refuseControlCharactersInUrl,
} from './request-guards.ts';
import { redactedPath, sentPathOf } from './routed-path.ts';
import { csrfProtection, requireUser, sessionMiddleware } from './session-middleware.ts';
import { setupOpenApiPaths, setupRoutes } from './setup-routes.ts';
import { sponsorOpenApiPaths, sponsorRoutes } from './sponsor-routes.ts';
import { surveyCodeBudget, workshopCodeBudget } from './survey-code-budget.ts';
import { linkRoutes, surveyApiRoutes, surveyOpenApiPaths } from './survey-routes.ts';
import { teamOpenApiPaths, teamRoutes } from './team-routes.ts';
import { signedInJoinOpenApiPaths, workshopsOpenApiPaths, workshopsRoutes } from './workshops-routes.ts';
import { workstreamsOpenApiPaths, workstreamsRoutes } from './workstreams-routes.ts';

export type AppDependencies = {
  db: Db;
  storeKind: string;
  /** The public origin (PUBLIC_URL) for links in mail and survey links. */
  publicUrl?: string;
  /**
   * Without PUBLIC_URL, the address the server listens on (start-server.ts knows it once it
   * listens). Links never come from the request's Host header, which the client writes.
   */
  listenUrl?: () => string;
  /** How many proxies in front add X-Forwarded-For (TRUST_PROXY); 0: the socket's address. */
  trustProxy?: number;
  /** Body limits per kind of route (body-limits.ts); the defaults where not given. */
  bodyLimits?: Partial<BodyLimits>;
  log?: RequestLog;
  /** The process's workshop event hub (decision 049); without it the event streams answer 409. */
  workshops?: WorkshopHub;
  /** The React Router web app (src/http/web-handler.ts), mounted last; absent in API-only tests. */
  web?: Hono<AppEnv>;
};

/** Links made by an app that neither knows its public URL nor listens (app.request() in tests). */
const UNSERVED_BASE_URL = 'http://localhost';

/** The one Hono app: security headers, sessions, CSRF, the JSON API, OpenAPI, then the web app. */
export function createApp({
  db,
  storeKind,
  publicUrl,
  listenUrl,
  trustProxy = 0,
  bodyLimits,
  log,
  workshops,
  web,
}: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...bodyLimits };
  const baseUrlOf = () => (publicUrl ?? listenUrl?.() ?? UNSERVED_BASE_URL).replace(/\/+$/, '');

  // gzip/deflate for pages, scripts and JSON: phones on mobile networks answer the survey.
  app.use(compress());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('db', db);
    c.set('baseUrl', baseUrlOf());
    c.set('address', clientAddressOf(c, trustProxy));
    c.set('log', log);
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
        path: redactedPath(sentPathOf(c.req.url)),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  // Before anything reads a body or the database: refusals that cost nothing to make.
  app.use(refuseControlCharactersInUrl());
  app.use(limitBodySize(limits));
  app.use(surveyCodeBudget());
  app.use(workshopCodeBudget());
  app.use(refuseControlCharactersInForms());
  app.use(sessionMiddleware());
  app.use(csrfProtection());

  app.get('/health', (c) => c.json({ status: 'ok', store: storeKind }));

  const openApi = buildOpenApiDocument([
    authOpenApiPaths,
    prefixPaths('/api', setupOpenApiPaths),
    surveyOpenApiPaths,
    sponsorOpenApiPaths,
    incidentsOpenApiPaths,
    commentsOpenApiPaths,
    findingsOpenApiPaths,
    workstreamsOpenApiPaths,
    workshopsOpenApiPaths,
    signedInJoinOpenApiPaths,
    interviewsOpenApiPaths,
    portfolioOpenApiPaths,
    teamOpenApiPaths,
    CORE_OPENAPI_PATHS,
  ]);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  app.get('/api/docs', (c) => c.html(renderApiReference(openApi)));

  app.route('/api/auth', authRoutes());
  app.route('/api/outbox', outboxRoutes());
  app.route('/api/survey', surveyApiRoutes());

  app.get('/api/relationships/:ref/analysis', requireUser(['admin', 'facilitator']), async (c) =>
    c.json(await getRelationshipAnalysis(db, c.get('user')!.workspaceId, c.req.param('ref'))),
  );
  app.get('/api/relationships/:ref/waves/:label/report', requireUser(['admin', 'facilitator']), async (c) => {
    const format = parseDocumentFormat(c.req.query('format') ?? 'pdf');
    const document = await renderDocument(
      db,
      c.get('user')!.workspaceId,
      c.req.param('ref'),
      c.req.param('label'),
      format,
    );
    return c.body(new Uint8Array(document.body), 200, {
      'Content-Type': document.contentType,
      'Content-Disposition': `attachment; filename="${document.fileName}"`,
      'Cache-Control': 'no-store',
    });
  });
  app.post('/api/relationships/import', requireUser(['admin', 'facilitator']), async (c) => {
    const body = await readJsonBody(c, { requireJsonType: true });
    const files = (body as { files?: unknown })?.files;
    if (!files || typeof files !== 'object' || Object.values(files).some((v) => typeof v !== 'string')) {
      throw new AppError('invalid-input', 'files: expected an object of file name → file text');
    }
    const bundle = validateBundleFiles(files as Record<string, string>);
    const imported = await importBundle(db, c.get('user')!.workspaceId, bundle);
    return c.json({ id: imported.relationshipId, counts: imported.counts }, 201);
  });
  app.route('/api', teamRoutes());
  app.route('/api', sponsorRoutes()); // first: keeps sponsors out of the routes after it
  app.route('/api', setupRoutes());
  app.route('/api', incidentsRoutes());
  app.route('/api', commentsRoutes());
  app.route('/api', findingsRoutes());
  app.route('/api', workstreamsRoutes());
  app.route('/api', workshopsRoutes(workshops));
  app.route('/api', interviewsRoutes());
  app.route('/api', portfolioRoutes());
  app.route('/api', linkRoutes());
  app.all('/api/*', (c) =>
    c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  if (web) app.route('/', web);

  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    const expected = appErrorResponseFor(c, error);
    if (expected) return expected;
    // Never the error itself: it can carry SQL parameters (answers, emails) and the path's token.
    log?.error(
      { error: loggableError(error), method: c.req.method, path: redactedPath(sentPathOf(c.req.url)) },
      'unhandled error',
    );
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
  '/api/relationships/{id}/waves/{label}/report': {
    get: {
      summary:
        "A closed wave's workshop deck (pptx), report (pdf), or the relationship's results workbook (xlsx): the files `trustloop report` writes. Only released findings and only what the anonymity rules show.",
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'id, id prefix or name',
          schema: { type: 'string' },
        },
        {
          name: 'label',
          in: 'path',
          required: true,
          description: 'the wave label',
          schema: { type: 'string' },
        },
        {
          name: 'format',
          in: 'query',
          required: false,
          description: 'pptx, pdf (the default) or xlsx',
          schema: { type: 'string', enum: ['pptx', 'pdf', 'xlsx'] },
        },
      ],
      responses: {
        '200': {
          description: 'the file, as an attachment',
          content: {
            'application/vnd.openxmlformats-officedocument.presentationml.presentation': {},
            'application/pdf': {},
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {},
          },
        },
        '400': { description: 'a format that is not pptx, pdf or xlsx' },
        '401': { description: 'not signed in' },
        '404': { description: 'no such relationship, or no closed wave of that label' },
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
