import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestPglite } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { participants, surveyLinks, waves } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createApp } from '../http/create-app.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { createToken, hashSecret } from '../services/secrets.ts';

// Participants see released findings (issue 9, item 6): a survey link of a wave that has closed
// says so and, once the findings went to both sides, shows them — the joint release only, never a
// pre-brief; a revoked link shows nothing of it.

let database: Database;
let app: ReturnType<typeof createApp>;
const tokens: Record<'open' | 'revoked', string> = { open: createToken(), revoked: createToken() };

beforeAll(async () => {
  database = await openTestPglite();
  const { db } = database;
  const workspaceId = (await ensureDefaultWorkspace(db)).id;
  const { relationshipId } = await loadDemo(db, workspaceId);
  const [baseline] = await db
    .select({ id: waves.id })
    .from(waves)
    .where(and(eq(waves.relationshipId, relationshipId), eq(waves.label, 'Baseline')));
  const people = await db
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.relationshipId, relationshipId))
    .limit(2);
  for (const [i, kind] of (['open', 'revoked'] as const).entries()) {
    await db.insert(surveyLinks).values({
      waveId: baseline!.id,
      participantId: people[i]!.id,
      tokenHash: hashSecret(tokens[kind]),
      codeHash: hashSecret(`CODE${i}`),
      revokedAt: kind === 'revoked' ? new Date() : null,
    });
  }
  app = createApp({ db, storeKind: 'pglite', web: await createTestWebApp() });
});

afterAll(async () => {
  await database?.close();
});

test('a closed survey shows the findings released to both sides', async () => {
  const response = await app.request(`/s/${tokens.open}`);
  expect(response.status).toBe(410);
  const html = (await response.text()).replaceAll('<!-- -->', '');
  expect(html).toContain('This survey has closed');
  expect(html).toContain('What came out of it');
  expect(html).toContain('Northwater Utilities trusts Corvid IT Services');
  expect(html).not.toContain('Pre-brief');
});

test('a revoked link shows nothing of the findings', async () => {
  const response = await app.request(`/s/${tokens.revoked}`);
  expect(response.status).toBe(410);
  expect(await response.text()).not.toContain('What came out of it');
});
