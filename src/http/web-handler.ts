import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { AppEnv } from './app-env.ts';
import { clientAddress } from './auth-routes.ts';

const BUILD_FOLDER = fileURLToPath(new URL('../../build/', import.meta.url));
const SERVER_BUILD = `${BUILD_FOLDER}server/index.js`;

export function hasWebBuild(): boolean {
  return existsSync(SERVER_BUILD);
}

/**
 * The React Router app (server-rendered) and its static assets as a Hono sub-app, mounted last by
 * createApp. Loaders and actions get the store, the signed-in user, the session, the CSP nonce
 * and the public base URL.
 */
export async function createWebApp(options: { publicUrl?: string } = {}): Promise<Hono<AppEnv>> {
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
      baseUrl: options.publicUrl ?? new URL(c.req.url).origin,
      address: clientAddress(c),
    }),
  );
  return web;
}
