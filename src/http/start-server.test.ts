import { afterAll, beforeAll, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { openTestPglite } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { startServer } from './start-server.ts';

// `trustloop serve` serves the whole app (issue 8, item 12): without a web build it refuses with
// the command to run, instead of serving the API alone, where every survey link is a 404; the API
// alone only when asked for.

let database: Database;

beforeAll(async () => {
  database = await openTestPglite();
});
afterAll(async () => {
  // The --api-only server closed the store when it stopped.
  await database?.close().catch(() => {});
});

const options = () => ({
  database,
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',
  webBuildExists: () => false,
});

test('without a web build the server refuses to start, saying what to run', async () => {
  const refused = await refusal(startServer(options()));
  expect(refused.code).toBe('conflict');
  expect(refused.message).toContain('run `npm run build`');
  expect(refused.message).toContain('--api-only');
});

test('--api-only serves the API alone, on purpose', async () => {
  const server = await startServer({ ...options(), apiOnly: true });
  try {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${server.url}/s/some-token`)).status).toBe(404);
  } finally {
    await server.close();
  }
});
