import { serve } from '@hono/node-server';
import type { Database } from '../../../src/db/client.ts';
import { createApp } from '../../../src/http/create-app.ts';
import { ensureDefaultWorkspace } from '../../../src/services/ensure-default-workspace.ts';
import { ensureDemoFacilitator } from '../../../src/services/ensure-demo-facilitator.ts';
import { startWorkshopHub } from '../../../src/services/workshop-hub.ts';
import { openTestPglite } from '../../support/test-stores.ts';
import { createTestWebApp } from '../../support/web-app.ts';

export type TestServer = {
  url: string;
  database: Database;
  workspaceId: string;
  facilitator: { email: string; password: string };
  close(): Promise<void>;
};

/**
 * The real app (API and built web app) on a free loopback port, over an in-memory PGlite with the
 * demo loaded and the demo facilitator's account: what `npm start` serves, owned by one test file.
 * The demo is loaded once per run (tests/setup/store-templates.ts); each file gets its own copy.
 */
export async function startTestServer(options: { demo?: boolean } = {}): Promise<TestServer> {
  const database = await openTestPglite(options.demo === false ? 'migrated' : 'demo');
  const workspace = await ensureDefaultWorkspace(database.db);
  const facilitator = await ensureDemoFacilitator(database.db, workspace.id);
  // Links in mail point where the server listens, as `trustloop serve` makes them.
  let url = '';
  const workshops = await startWorkshopHub(database);
  const app = createApp({
    db: database.db,
    storeKind: 'pglite',
    workshops,
    web: await createTestWebApp(),
    listenUrl: () => url,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    database,
    workspaceId: workspace.id,
    facilitator,
    close: async () => {
      await workshops.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
