import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ApiClient, signInClient } from '../../tests/support/api-client.ts';
import { openTestPglite } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { createApp } from '../http/create-app.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { ensureDemoFacilitator } from '../services/ensure-demo-facilitator.ts';

// Error pages (issue 8, item 13): a page that does not exist says "Not found" with the site's ways
// on — never "404 Internal Server Error", a server's message or a command to run.

let database: Database;
let app: ReturnType<typeof createApp>;
let facilitator: ApiClient;

beforeAll(async () => {
  database = await openTestPglite();
  const workspace = await ensureDefaultWorkspace(database.db);
  const account = await ensureDemoFacilitator(database.db, workspace.id);
  app = createApp({ db: database.db, storeKind: 'pglite', web: await createTestWebApp() });
  facilitator = await signInClient(app, account.email, account.password);
});

afterAll(async () => {
  await database?.close();
});

test.each([
  '/relationships/00000000-0000-4000-8000-000000000000',
  '/relationships/no-such-relationship/findings',
  '/relationships/nothing/workstreams',
  '/no/such/page',
])('%s is a plain Not found page with the site’s navigation', async (path) => {
  const response = await facilitator.request(path);
  expect(response.status).toBe(404);
  const html = (await response.text()).replaceAll('<!-- -->', '');
  expect(html).toContain('<h1>Not found</h1>');
  expect(html).toContain('<nav aria-label="Main"');
  expect(html).not.toMatch(/Internal Server Error|trustloop list|not found \(see/);
});
