import { serve } from '@hono/node-server';
import pino from 'pino';
import type { Database } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { startWorkshopHub } from '../services/workshop-hub.ts';
import type { BodyLimits } from './body-limits.ts';
import { createApp } from './create-app.ts';
import { createWebApp, hasWebBuild } from './web-handler.ts';

export type RunningServer = { url: string; close(): Promise<void> };

/** Serves the app and shuts down gracefully: stop accepting, finish requests, close the store. */
export async function startServer(options: {
  database: Database;
  port: number;
  host: string;
  logLevel: string;
  publicUrl?: string;
  /** TRUST_PROXY: how many proxies in front of the server add X-Forwarded-For (0: none). */
  trustProxy?: number;
  bodyLimits?: Partial<BodyLimits>;
  /** Serve the JSON API without the web app, on purpose (`trustloop serve --api-only`). */
  apiOnly?: boolean;
  /** Whether the web app is built (tests pass their own). */
  webBuildExists?: () => boolean;
}): Promise<RunningServer> {
  const log = pino({ level: options.logLevel });
  // Never the API alone by accident: every survey link would be a 404 (issue 8, item 12).
  const isBuilt = (options.webBuildExists ?? hasWebBuild)();
  if (!options.apiOnly && !isBuilt) {
    throw new AppError(
      'conflict',
      'the web app is not built: run `npm run build` (or `npm start`, which builds it), or serve the API alone with `trustloop serve --api-only`',
    );
  }
  // Known once the server listens (the port may be 0: any free one); requests come after that.
  let url = '';
  // Workshop events: this process's streams, fed by every process's changes (decision 049).
  const workshops = await startWorkshopHub(options.database);
  const app = createApp({
    db: options.database.db,
    storeKind: options.database.kind,
    publicUrl: options.publicUrl,
    listenUrl: () => url,
    trustProxy: options.trustProxy ?? 0,
    bodyLimits: options.bodyLimits,
    log,
    workshops,
    web: options.apiOnly ? undefined : await createWebApp(),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  url = `http://${shownHost}:${port}`;
  log.info({ url, store: options.database.kind, location: options.database.location }, 'listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams end now (the phones reconnect, to another process if there is one).
        void workshops.close();
        // Idle keep-alive connections would hold the close open.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }).then(() => options.database.close());
      return closing;
    },
  };
}
