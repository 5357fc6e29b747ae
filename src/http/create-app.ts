import { Hono } from 'hono';
import type { Db } from '../db/client.ts';
import { APP_ERROR_CODES, AppError, isAppError } from '../domain/app-error.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { formatAnalysisReport } from '../domain/format-analysis-report.ts';
import { exportBundle } from '../services/export-bundle.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { importBundle } from '../services/import-bundle.ts';
import { validateBundleFiles } from '../services/import-bundle-folder.ts';
import { listRelationships } from '../services/list-relationships.ts';
import { renderHomePage, renderReportPage } from './render-home-page.ts';

export type AppDependencies = {
  db: Db;
  /** The workspace this server answers for (accounts and workspaces per user arrive with the web app). */
  workspaceId: string;
  storeKind: string;
  log?: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
};

/** The Hono app: health, the JSON API under /api and a plain home page. Tested with app.request(). */
export function createApp({ db, workspaceId, storeKind, log }: AppDependencies): Hono {
  const app = new Hono();

  if (log) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      log.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
  }

  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  });

  app.get('/health', (c) => c.json({ status: 'ok', store: storeKind }));

  app.get('/', async (c) => c.html(renderHomePage(await listRelationships(db, workspaceId))));

  app.get('/relationships/:ref/report', async (c) => {
    const analysis = await getRelationshipAnalysis(db, workspaceId, c.req.param('ref'));
    return c.html(renderReportPage(analysis.relationship.name, formatAnalysisReport(analysis)));
  });

  app.get('/api/relationships', async (c) =>
    c.json({ relationships: await listRelationships(db, workspaceId) }),
  );

  app.get('/api/relationships/:ref/analysis', async (c) =>
    c.json(await getRelationshipAnalysis(db, workspaceId, c.req.param('ref'))),
  );

  app.get('/api/relationships/:ref/bundle', async (c) =>
    c.json({ files: serializeBundle(await exportBundle(db, workspaceId, c.req.param('ref'))) }),
  );

  app.post('/api/relationships', async (c) => {
    const body = await c.req.json().catch(() => {
      throw new AppError('invalid-input', 'body: expected JSON { "files": { "relationship.json": "…", … } }');
    });
    const files = (body as { files?: unknown })?.files;
    if (!files || typeof files !== 'object' || Object.values(files).some((v) => typeof v !== 'string')) {
      throw new AppError('invalid-input', 'files: expected an object of file name → file text');
    }
    const bundle = validateBundleFiles(files as Record<string, string>);
    const imported = await importBundle(db, workspaceId, bundle);
    return c.json({ id: imported.relationshipId, counts: imported.counts }, 201);
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    if (isAppError(error)) {
      const status = APP_ERROR_CODES[error.code].status;
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, status);
    }
    log?.error({ err: error }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'something went wrong on our side' } }, 500);
  });

  return app;
}
