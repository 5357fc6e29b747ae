import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { AppEnv, RequestLog } from './app-env.ts';
import { loggableError } from './loggable-error.ts';
import { redactedPath } from './routed-path.ts';

const BUILD_FOLDER = fileURLToPath(new URL('../../build/', import.meta.url));
const SERVER_BUILD = `${BUILD_FOLDER}server/index.js`;

/** What a page's unexpected error leaves in the log: no parameters, no secrets from the path. */
function reportPageError(log: RequestLog | undefined, error: unknown, pathname: string): void {
  const entry = { error: loggableError(error), path: redactedPath(pathname) };
  if (log) log.error(entry, 'page error');
  else process.stderr.write(`${JSON.stringify({ ...entry, msg: 'page error' })}\n`);
}

export function hasWebBuild(): boolean {
  return existsSync(SERVER_BUILD);
}

/**
 * The React Router app (server-rendered) and its static assets as a Hono sub-app, mounted last by
 * createApp. Loaders and actions get the store, the signed-in user, the session, the CSP nonce,
 * the base URL for links (PUBLIC_URL or the server's own address), the client's address and the
 * server's log.
 */
export async function createWebApp(): Promise<Hono<AppEnv>> {
  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  const web = new Hono<AppEnv>();
  // Fingerprinted files: cached for a year.
  web.use(
    '/assets/*',
    serveStatic({
      root: `${BUILD_FOLDER}client`,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  web.use('/favicon.ico', serveStatic({ root: `${BUILD_FOLDER}client` }));
  web.all('*', (c: Context<AppEnv>) =>
    handler(c.req.raw, {
      db: c.get('db'),
      user: c.get('user'),
      session: c.get('session'),
      nonce: c.get('nonce'),
      baseUrl: c.get('baseUrl'),
      address: c.get('address'),
      reportError: (error: unknown, pathname: string) => reportPageError(c.get('log'), error, pathname),
    }),
  );
  return web;
}
