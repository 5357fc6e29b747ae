import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { recordingDb } from '../../tests/support/recording-db.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { hitRateLimit, windowStartOf } from './hit-rate-limit.ts';
import type { RateLimitRule } from './rate-limit-rules.ts';
import { refundRateLimit } from './refund-rate-limit.ts';
import { hashSecret } from './secrets.ts';

// The shared budgets in rate_limits (decision 024), on PGlite and, with DATABASE_URL, PostgreSQL.
// Clocks are passed in, so windows are exact.

const RULE: RateLimitRule = { bucket: 'test', limit: 3, windowMs: 10 * 60_000 };
const T0 = new Date('2030-03-04T09:00:00Z'); // the start of a window
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const address = (i: number) => `198.51.${Math.floor(i / 256)}.${i % 256}`;

describe.each(testStores)('rate limits on $kind', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from rate_limits`);
  });

  const rows = async (where = sql`true`) =>
    Number(
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from rate_limits where ${where}`,
        )
      )[0]?.n,
    );

  test('each key has its own budget; over it, refused until the window ends', async () => {
    const { db } = database;
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await hitRateLimit(db, RULE, '192.0.2.1', at(1)));
    expect(hits.map((h) => [h.hits, h.isAllowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(hits[3]!.retryAfterSeconds).toBe(9 * 60);
    expect((await hitRateLimit(db, RULE, '192.0.2.2', at(1))).isAllowed).toBe(true);
    // The next window starts afresh.
    expect(await hitRateLimit(db, RULE, '192.0.2.1', at(10))).toMatchObject({ hits: 1, isAllowed: true });
  });

  test('keys are stored hashed: the table holds no address', async () => {
    await hitRateLimit(database.db, RULE, '192.0.2.77', at(1));
    const stored = await queryRows<{ key: string }>(database.db, sql`select key from rate_limits`);
    expect(stored).toEqual([{ key: hashSecret('192.0.2.77') }]);
  });

  test('hits at the same moment are all counted (one atomic statement each)', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(database.db, RULE, '192.0.2.9', at(2))),
    );
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => r.isAllowed)).toHaveLength(RULE.limit);
  });

  test('a refund gives back one hit of the same window', async () => {
    const { db } = database;
    const first = await hitRateLimit(db, RULE, 'k', at(3));
    await refundRateLimit(db, RULE, 'k', first);
    await refundRateLimit(db, RULE, 'k', first); // never below zero
    expect((await hitRateLimit(db, RULE, 'k', at(3))).hits).toBe(1);
  });

  test('with 2,000 addresses, one statement a hit; old windows go by their start, once a window', async () => {
    const recorded = recordingDb(database);
    for (let i = 0; i < 2000; i++) await hitRateLimit(recorded.db, RULE, address(i), at(1 + (i % 5)));
    expect(await rows()).toBe(2000);
    // Every hit was one insert-or-add; the only other statement: one expiry of finished windows.
    const statements = recorded.statements.map((s) => s.sql.trim().split(/\s+/)[0]);
    expect(statements.filter((s) => s === 'insert')).toHaveLength(2000);
    expect(statements.filter((s) => s === 'delete').length).toBeLessThanOrEqual(1);
    expect(recorded.statements.length).toBeLessThanOrEqual(2001);

    // The next window: its first hit removes every row of the finished one, by window_start.
    recorded.statements.length = 0;
    await hitRateLimit(recorded.db, RULE, address(0), at(11));
    const next = windowStartOf(RULE, at(11)).toISOString();
    expect(await rows(sql`window_start < ${next}::timestamptz`)).toBe(0);
    expect(await rows()).toBe(1);
    const deletes = recorded.statements.filter((s) => s.sql.trim().startsWith('delete'));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.sql).toMatch(/where window_start < \$1::timestamptz and bucket = \$2/);
  });

  test('the expiry is a range on window_start’s index, not a scan of 100,000 live keys', async () => {
    const current = windowStartOf(RULE, at(1)).toISOString();
    const old = windowStartOf(RULE, at(-10)).toISOString();
    await database.db.execute(sql`insert into rate_limits (bucket, key, window_start, hits)
      select 'test', md5(i::text), ${current}::timestamptz, 1 from generate_series(1, 100000) as i`);
    await database.db.execute(sql`insert into rate_limits (bucket, key, window_start, hits)
      select 'test', md5(i::text), ${old}::timestamptz, 1 from generate_series(1, 200) as i`);
    await database.db.execute(sql`analyze rate_limits`);
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      database.db,
      sql`explain delete from rate_limits where window_start < ${current}::timestamptz and bucket = 'test'`,
    );
    const text = plan.map((row) => Object.values(row)[0]).join('\n');
    expect(text).toMatch(
      /Index Scan using rate_limits_window_start_idx|Bitmap Index Scan on rate_limits_window_start_idx/,
    );
    expect(text).not.toMatch(/Seq Scan/);
  });
});
