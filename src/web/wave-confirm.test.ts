import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ApiClient, signInClient } from '../../tests/support/api-client.ts';
import { openTestPglite } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { createApp } from '../http/create-app.ts';
import { createRelationship } from '../services/create-relationship.ts';
import { createWave } from '../services/create-wave.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { ensureDemoFacilitator } from '../services/ensure-demo-facilitator.ts';
import { getRelationshipSetup } from '../services/get-relationship-setup.ts';

// Opening and closing a wave cannot be undone (issue 8, item 13): the wave page's form needs the
// box ticked, and the server checks it too — a post without it (a form without JavaScript, a
// stale page) changes nothing.

let database: Database;
let app: ReturnType<typeof createApp>;
let facilitator: ApiClient;
let workspaceId: string;
let relationshipId: string;

beforeAll(async () => {
  database = await openTestPglite();
  workspaceId = (await ensureDefaultWorkspace(database.db)).id;
  const account = await ensureDemoFacilitator(database.db, workspaceId);
  relationshipId = (
    await createRelationship(database.db, workspaceId, {
      name: 'Harbour and Quay',
      sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Quay', role: 'supplier' } },
    })
  ).id;
  await createWave(database.db, workspaceId, relationshipId, {
    label: 'Baseline',
    opens: '2030-01-01',
    closes: '2030-01-31',
  });
  app = createApp({ db: database.db, storeKind: 'pglite', web: await createTestWebApp() });
  facilitator = await signInClient(app, account.email, account.password);
});

afterAll(async () => {
  await database?.close();
});

const post = (fields: Record<string, string>) =>
  facilitator.request(`/relationships/${relationshipId}/waves/Baseline`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: facilitator.csrfToken, ...fields }).toString(),
  });
const status = async () =>
  (await getRelationshipSetup(database.db, workspaceId, relationshipId)).waves.find(
    (w) => w.label === 'Baseline',
  )!.status;

test('a wave opens only with the box ticked', async () => {
  const refused = await post({ intent: 'open' });
  expect(refused.status).toBe(400);
  expect((await refused.text()).replaceAll('<!-- -->', '')).toContain('tick the box to confirm');
  expect(await status()).toBe('draft');
  const opened = await post({ intent: 'open', confirm: 'yes' });
  expect(opened.status).toBe(302);
  expect(await status()).toBe('open');
  expect((await post({ intent: 'close' })).status).toBe(400);
  expect(await status()).toBe('open');
});
