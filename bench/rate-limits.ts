import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client.ts';
import { hitRateLimit, windowStartOf } from '../src/services/hit-rate-limit.ts';
import { RATE_LIMITS } from '../src/services/rate-limit-rules.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase, type FreshDatabase } from './fresh-database.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';

// `npm run bench:rate-limits` (issue 8, item 5): a hit on the shared code budget (rate_limits,
// decision 024) must not get slower as addresses grow. Times one hit of a new address when the
// current window already holds 1,000, then 10,000, then 100,000 addresses (baseline: 1,000, same
// run), and the expiry of a finished window of 100,000 rows. bench/README.md, "Rate limits".
// Options: --stores pglite,postgres  --hits N (timed hits per size, default 2000)  --print-only

const SIZES = [1_000, 10_000, 100_000];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'pglite,postgres' },
      hits: { type: 'string', default: '2000' },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const hits = wholeNumberOption('--hits', values.hits);
  const rows: string[] = [];
  for (const store of values.stores.split(',').map((s) => s.trim())) {
    if (store !== 'pglite' && store !== 'postgres') throw new Error(`--stores: ${store}?`);
    rows.push(...(await measure(store, hits)));
  }
  const table = [
    '| store | addresses in the window | hits timed | p50 ms | p99 ms | p50 ÷ at 1,000 |',
    '| ----- | ----------------------: | ---------: | -----: | -----: | -------------: |',
    ...rows,
  ].join('\n');
  console.log(`\n${table}\n`);
  if (!values['print-only']) {
    const machine = describeMachine();
    const heading = sectionHeading('Rate limits: one hit as addresses grow', machine);
    const section = [
      heading,
      '',
      'Written by `npm run bench:rate-limits` (bench/README.md, "Rate limits").',
      '',
      ...machineLines(machine, `Node ${machine.node}; PGlite in memory, PostgreSQL on 127.0.0.1`),
      `- Workload: \`hitRateLimit\` on the survey-code rule for addresses never seen before, one at a time, ` +
        `after the current window was filled to each size (rows written by SQL, keys shaped as the service ` +
        `writes them); ${hits} timed hits per size after 200 untimed; the expiry row deletes a finished window ` +
        `of 100,000 rows with the service's statement (window_start < the current window, indexed)`,
      '',
      table,
      '',
    ].join('\n');
    console.log(`Recorded in ${recordSection(heading, section)}`);
  }
}

async function measure(store: 'pglite' | 'postgres', hits: number): Promise<string[]> {
  let fresh: FreshDatabase | undefined;
  let database: Database;
  if (store === 'postgres') {
    fresh = await createFreshDatabase(benchServerUrl());
    database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: 4 });
  } else {
    database = await openDatabase({ kind: 'pglite' });
  }
  const rule = RATE_LIMITS.surveyCode;
  const now = new Date();
  const window = windowStartOf(rule, now).toISOString();
  const rows: string[] = [];
  try {
    const { db } = database;
    let filled = 0;
    let next = 0;
    let baselineP50 = Number.NaN;
    for (const size of SIZES) {
      await db.execute(sql`insert into rate_limits (bucket, key, window_start, hits)
        select ${rule.bucket}, encode(sha256(('filler ' || i)::bytea), 'hex'), ${window}::timestamptz, 1
        from generate_series(${filled + 1}::int, ${size}::int) as i`);
      filled = size;
      await db.execute(sql`analyze rate_limits`);
      for (let i = 0; i < 200; i++) await hitRateLimit(db, rule, `203.0.${next++}`, now);
      const latencies: number[] = [];
      for (let i = 0; i < hits; i++) {
        const address = `198.${Math.floor(next / 65536) % 256}.${Math.floor(next / 256) % 256}.${next % 256}`;
        next++;
        const started = performance.now();
        await hitRateLimit(db, rule, address, now);
        latencies.push(performance.now() - started);
      }
      const p50 = percentile(latencies, 50);
      if (size === SIZES[0]) baselineP50 = p50;
      rows.push(
        `| ${store} | ${size.toLocaleString('en')} | ${hits} | ${p50.toFixed(3)} | ${percentile(latencies, 99).toFixed(3)} | ${(p50 / baselineP50).toFixed(2)}× |`,
      );
      console.log(rows.at(-1));
    }
    // The next window: its first hit expires the 100,000 rows of this one, by window_start.
    const [{ n: before } = { n: 0 }] = (
      (await db.execute(sql`select count(*)::int as n from rate_limits`)) as unknown as {
        rows: Array<{ n: number }>;
      }
    ).rows;
    const later = new Date(now.getTime() + rule.windowMs);
    const started = performance.now();
    await hitRateLimit(db, rule, '192.0.2.1', later);
    const expiryMs = performance.now() - started;
    const [{ n: after } = { n: 0 }] = (
      (await db.execute(sql`select count(*)::int as n from rate_limits`)) as unknown as {
        rows: Array<{ n: number }>;
      }
    ).rows;
    rows.push(
      `| ${store} | first hit of the next window: expires ${(before - after + 1).toLocaleString('en')} rows | 1 | ${expiryMs.toFixed(1)} | | |`,
    );
    console.log(rows.at(-1));
    return rows;
  } finally {
    await database.close();
    await fresh?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
