import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { createApp } from './create-app.ts';

// Typed codes are 37 bits: guessing must stay slow. Every door to a code shares one budget.

let database: Database;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite' });
  app = createApp({ db: database.db, storeKind: 'pglite' });
});
afterAll(async () => {
  await database?.close();
});

const tryCode = (address: string, path = '/api/survey/code') =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ code: 'ACDE-FGHJ' }),
  });

test('thirty code attempts per address in ten minutes, shared by every code route', async () => {
  for (let i = 0; i < 29; i++) expect((await tryCode('192.0.2.1')).status).toBe(404);
  expect(
    (await app.request('/api/survey/code/ACDE-FGHJ', { headers: { 'x-forwarded-for': '192.0.2.1' } })).status,
  ).toBe(404);
  const refused = await tryCode('192.0.2.1');
  expect(refused.status).toBe(403);
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
    /too many attempts/,
  );
  // Another address has its own budget.
  expect((await tryCode('192.0.2.2')).status).toBe(404);
});
