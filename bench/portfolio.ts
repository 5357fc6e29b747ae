// Before anything imports React (src/http/production-rendering.ts).
import '../src/http/production-rendering.ts';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { toPgArrayLiteral } from '../src/db/pg-array.ts';
import { queryRows } from '../src/db/query-rows.ts';
import { createSeededRandom, type SeededRandom } from '../src/demo/seeded-random.ts';
import { BUILT_IN_INSTRUMENT } from '../src/domain/built-in-instrument.ts';
import { quarterOf } from '../src/domain/early-warnings.ts';
import type { Bundle, IncidentRecord } from '../src/domain/model.ts';
import { createApp } from '../src/http/create-app.ts';
import { createWebApp } from '../src/http/web-handler.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { ensureDemoFacilitator } from '../src/services/ensure-demo-facilitator.ts';
import { todayIso } from '../src/services/find-wave.ts';
import { getPortfolio } from '../src/services/get-portfolio.ts';
import { importBundle } from '../src/services/import-bundle.ts';
import { summaryKeysQuery } from '../src/services/refresh-relationship-summary.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { makeLargeBundle } from './make-large-bundle.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';

// `npx tsx bench/portfolio.ts`: the server time of GET /portfolio for a workspace of 2,000
// relationships on PostgreSQL (issue 4: ≤ 300 ms), beside a baseline in the same run: one plain
// SQL query reading the 2,000 cached summary rows (bench/README.md, "Portfolio"). Options:
//   --relationships N   relationships in the workspace (default 2000)
//   --rounds R          timed requests of each kind (default 30)
//   --print-only        print the table without writing bench/RESULTS.md
//   --explain           also print EXPLAIN ANALYZE of the summary-keys query (warm)

const TARGET_MS = 300;
const RESPONDENTS_PER_SIDE = 15;
const IMPORT_CONCURRENCY = 6;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '30' },
      'print-only': { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
    },
  });
  const count = wholeNumberOption('--relationships', values.relationships);
  const rounds = wholeNumberOption('--rounds', values.rounds);
  const serverUrl = benchServerUrl();

  // The page is served by the built web app, as in production.
  const built = spawnSync('npx', ['tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  // Imported now, not after the minute of loading: other work in the same checkout may rebuild
  // build/ meanwhile, and the server build must not vanish between the build and its import.
  const web = await createWebApp();

  const fresh = await createFreshDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: 10 });
  try {
    const { db } = database;
    const [version] = await queryRows<{ server_version: string }>(db, sql`show server_version`);
    const workspace = await ensureDefaultWorkspace(db);
    const facilitator = await ensureDemoFacilitator(db, workspace.id);
    const today = todayIso();

    const loadStarted = performance.now();
    const shape = await loadRelationships(db, workspace.id, count, today);
    // What autovacuum does on its own a little after a bulk load (statistics, and the visibility map
    // that lets the key query count participants from the index alone): the steady state measured.
    await db.execute(sql`vacuum (analyze)`);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.log(`Loaded ${count} relationships (${shape}) in ${loadSeconds.toFixed(1)} s`);

    const app = createApp({ db, storeKind: 'postgres', web });
    const cookie = await signIn(app, facilitator);
    const get = async (path: string) => {
      const started = performance.now();
      const response = await app.request(path, { headers: { cookie } });
      const body = await response.text();
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 200)}`);
      return { ms, body };
    };

    // Cold: no summary cached yet, so this request runs the analysis of every relationship.
    const loadBefore = loadavg()[0]!;
    const cold = await get('/portfolio');
    const summaries = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from relationship_summaries`,
    );
    if (summaries[0]?.n !== count) throw new Error(`${summaries[0]?.n} summaries cached, not ${count}`);
    if (!cold.body.replaceAll('<!-- -->', '').includes(`of ${count} relationships have early`))
      throw new Error('the cold page does not show the summary line');

    const baseline = async () => {
      const started = performance.now();
      const rows = await queryRows<{ summary: unknown }>(
        db,
        sql`select s.summary from relationship_summaries s join relationships r on r.id = s.relationship_id
            where r.workspace_id = ${workspace.id}`,
      );
      if (rows.length !== count) throw new Error(`baseline read ${rows.length} rows`);
      return performance.now() - started;
    };
    const service = async () => {
      const started = performance.now();
      const portfolio = await getPortfolio(db, workspace.id);
      if (portfolio.refreshed !== 0)
        throw new Error(`a warm load recomputed ${portfolio.refreshed} summaries`);
      return performance.now() - started;
    };
    const filtered = '/portfolio?sort=change-a&dir=asc&flag=any&q=a';

    // One warm-up of each, then rounds alternating which goes first.
    await get('/portfolio');
    await get(filtered);
    await service();
    await baseline();
    const times = {
      page: [] as number[],
      filtered: [] as number[],
      service: [] as number[],
      baseline: [] as number[],
      home: [] as number[],
    };
    for (let round = 0; round < rounds; round++) {
      const steps = [
        async () => times.page.push((await get('/portfolio')).ms),
        async () => times.filtered.push((await get(filtered)).ms),
        async () => times.service.push(await service()),
        async () => times.baseline.push(await baseline()),
        async () => times.home.push((await get('/')).ms),
      ];
      if (round % 2 === 1) steps.reverse();
      for (const step of steps) await step();
    }

    if (values.explain) {
      const plan = await queryRows<{ 'QUERY PLAN': string }>(
        db,
        sql`explain (analyze, buffers) ${summaryKeysQuery(workspace.id, today)}`,
      );
      console.log(plan.map((line) => line['QUERY PLAN']).join('\n'));
    }

    // A new quarter: the first load after the quarter changes recomputes nothing (the quarter's
    // incidents are counted by the keys query, decision 021). The page reads the clock, so this one is
    // timed on getPortfolio with the first day of the next quarter; the page adds to it what the
    // warm page adds to the warm getPortfolio (session and render).
    const nextQuarterDay = new Date(Date.parse(quarterOf(today).end) + 86_400_000).toISOString().slice(0, 10);
    const lastComputed = async () =>
      (
        await queryRows<{ at: string }>(
          db,
          sql`select max(computed_at)::text as at from relationship_summaries`,
        )
      )[0]?.at;
    const computedBefore = await lastComputed();
    const newQuarterStarted = performance.now();
    const nextQuarter = await getPortfolio(db, workspace.id, undefined, { today: nextQuarterDay });
    const newQuarterMs = performance.now() - newQuarterStarted;
    if (nextQuarter.refreshed !== 0 || (await lastComputed()) !== computedBefore)
      throw new Error(
        `the first load in ${nextQuarter.quarter} recomputed ${nextQuarter.refreshed} summaries`,
      );
    if (nextQuarter.quarter === quarterOf(today).label || nextQuarter.total !== count)
      throw new Error(
        `the new-quarter load listed ${nextQuarter.total} relationships in ${nextQuarter.quarter}`,
      );

    // One relationship changed (an incident added): the next load recomputes exactly that one.
    const [someone] = await queryRows<{ id: string }>(
      db,
      sql`select id from relationships where workspace_id = ${workspace.id} order by name limit 1`,
    );
    await db.execute(sql`
      insert into incidents (relationship_id, ref, occurred_on, title, narrative, reporter_side, reporter_level,
        sides_involved, levels_involved, direction, strength, dimensions, themes, source, status)
      values (${someone!.id}, 'BENCH-NEW', ${today}, 'Missed change window', 'bench', 'A', 'staff',
        '{B}', '{staff}', 'dilutes', 2, '{reliability}', '{}', 'facilitator', 'coded')`);
    const oneStale = await get('/portfolio');
    const loadAfter = loadavg()[0]!;

    const rows = [
      row('GET /portfolio, cold (every summary computed)', [cold.ms], null),
      row(
        `getPortfolio, first load in a new quarter (${nextQuarter.quarter}, nothing recomputed)`,
        [newQuarterMs],
        null,
      ),
      row('GET /portfolio, one relationship changed', [oneStale.ms], null),
      row('GET /portfolio, warm (default sort, page 1 of 100 rows)', times.page, times.baseline),
      row('GET /portfolio?sort=change-a&flag=any&q=a, warm', times.filtered, times.baseline),
      row('↳ getPortfolio alone (keys query + cached rows + sort)', times.service, times.baseline),
      row('baseline: one SELECT of the cached summaries', times.baseline, null),
      row('reference: GET / (the relationships list page, no portfolio)', times.home, null),
    ];
    const table = [
      '| measurement | median ms | p95 ms | max ms | ratio to baseline | target |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...rows.map((r) => `| ${r.name} | ${r.median} | ${r.p95} | ${r.max} | ${r.ratio} | ${r.target} |`),
    ].join('\n');
    const machine = describeMachine();
    const workload =
      `${count.toLocaleString('en')} relationships in one workspace (${shape}); loaded in ` +
      `${loadSeconds.toFixed(0)} s with importBundle, ${IMPORT_CONCURRENCY} at a time; ` +
      `${rounds} timed rounds after one warm-up, alternating order; load average (1 min) ` +
      `${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after`;
    const timed =
      'Timed: `app.request()` on the real app (createApp with the built web app) with a signed-in ' +
      "session cookie, from the call until the response body is read: the session lookup, the page's " +
      'loader (getPortfolio: one query for every key and cached summary, in-memory filter and sort) and ' +
      'the server-side render of the page. No network: the client is in the same process.';
    console.log(`\n${table}\n\n${timed}`);
    if (!values['print-only']) {
      const heading = sectionHeading('Portfolio', machine);
      const section = [
        heading,
        '',
        'Written by `npx tsx bench/portfolio.ts` (bench/README.md, "Portfolio").',
        '',
        ...machineLines(
          machine,
          `Node ${machine.node}; PostgreSQL ${version?.server_version ?? 'unknown'} on 127.0.0.1`,
        ),
        `- Workload: ${workload}`,
        `- ${timed}`,
        '',
        table,
        '',
      ].join('\n');
      console.log(`\nRecorded in ${recordSection(heading, section)}`);
    }
  } finally {
    await database.close();
    await fresh.drop();
  }
}

type Row = { name: string; median: string; p95: string; max: string; ratio: string; target: string };

function row(name: string, samples: number[], baseline: number[] | null): Row {
  const median = percentile(samples, 50);
  const isPage = name.startsWith('GET') && name.includes('warm');
  return {
    name,
    median: median.toFixed(1),
    p95: samples.length > 1 ? percentile(samples, 95).toFixed(1) : '',
    max: samples.length > 1 ? Math.max(...samples).toFixed(1) : '',
    ratio: baseline ? `${(median / percentile(baseline, 50)).toFixed(1)}×` : '',
    target: isPage ? `≤ ${TARGET_MS} ms ${median <= TARGET_MS ? '(met)' : '(MISSED)'}` : '',
  };
}

/**
 * 2,000 relationships like the benchmark's large one but small (15 respondents a side, 4 waves),
 * each with its own seed, names, level of trust and incidents; every 10th drops in its last wave,
 * every 5th has its last wave still open. Loaded with the real importBundle, several at a time.
 */
async function loadRelationships(
  db: Parameters<typeof importBundle>[0],
  workspaceId: string,
  count: number,
  today: string,
): Promise<string> {
  let next = 0;
  let responses = 0;
  let incidents = 0;
  const openIds: string[] = [];
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const bundle = makeBundle(i, today);
      responses += bundle.responses.length;
      incidents += bundle.incidents.length;
      const { relationshipId } = await importBundle(db, workspaceId, bundle);
      if (i % 5 === 0) openIds.push(relationshipId);
    }
  };
  // The first import stores the instrument; concurrent first imports would race to insert it.
  const first = makeBundle(next++, today);
  responses += first.responses.length;
  incidents += first.incidents.length;
  openIds.push((await importBundle(db, workspaceId, first)).relationshipId);
  await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, worker));
  await db.execute(sql`
    update waves set status = 'open'
    where relationship_id = any(${toPgArrayLiteral(openIds)}::uuid[]) and position = 3`);
  return (
    `${(responses / count).toFixed(0)} responses and ${(incidents / count).toFixed(1)} incidents a relationship ` +
    `on average, ${(responses / 1000).toFixed(0)}k responses in all; 4 waves each, the last one open in every 5th`
  );
}

const TRUST_ITEMS = BUILT_IN_INSTRUMENT.items;
const NAMES = [
  'Northwater',
  'Corvid',
  'Harbour',
  'Meridian',
  'Tamsin',
  'Oakridge',
  'Bluefen',
  'Kestrel',
  'Lumen',
];

function makeBundle(i: number, today: string): Bundle {
  const random = createSeededRandom(1000 + i);
  const base = makeLargeBundle({ respondentsPerSide: RESPONDENTS_PER_SIDE, seed: 5000 + i, openRate: 0.05 });
  const shift = random.normal(0.6);
  const isFalling = i % 10 === 3;
  const lastWave = base.relationship.waves.at(-1)!.label;
  const { min, max } = BUILT_IN_INSTRUMENT.scale;
  const responses = base.responses.map((response) => {
    const delta = shift + (isFalling && response.wave === lastWave ? -0.8 : 0);
    const answers: Record<string, number> = {};
    for (const item of TRUST_ITEMS) {
      const value = response.answers[item.code];
      if (value === undefined) continue;
      const moved = Math.round(value + (item.reverse ? -delta : delta) + random.uniform() - 0.5);
      answers[item.code] = Math.min(max, Math.max(min, moved));
    }
    return { ...response, answers };
  });
  const a = NAMES[i % NAMES.length]!;
  const b = NAMES[(i * 7 + 3) % NAMES.length]!;
  return {
    ...base,
    relationship: {
      ...base.relationship,
      name: `${a} ⇄ ${b} ${String(i).padStart(4, '0')}`,
      sides: {
        A: { name: `${a} ${i}`, role: 'customer' },
        B: { name: `${b} Services ${i}`, role: 'supplier' },
      },
    },
    responses,
    incidents: makeIncidents(random, today),
  };
}

function makeIncidents(random: SeededRandom, today: string): IncidentRecord[] {
  const n = 2 + Math.floor(random.uniform() * 8);
  const todayMs = Date.parse(today);
  return Array.from({ length: n }, (_, k) => {
    const daysAgo = Math.floor(random.uniform() * 730);
    const isDiluting = random.uniform() < 0.45;
    return {
      ref: `I-${k + 1}`,
      occurredOn: new Date(todayMs - daysAgo * 86_400_000).toISOString().slice(0, 10),
      title: isDiluting ? 'Escalation arrived late' : 'Joint root-cause review',
      narrative: 'Generated for the portfolio benchmark.',
      reporterSide: random.uniform() < 0.5 ? 'A' : 'B',
      reporterLevel: 'operational',
      sidesInvolved: ['A', 'B'],
      levelsInvolved: ['operational'],
      direction: isDiluting ? 'dilutes' : 'builds',
      strength: 2,
      dimensions: [isDiluting && random.uniform() < 0.2 ? 'integrity' : 'reliability'],
      themes: [],
      source: 'facilitator',
      codedBy: 'bench',
      status: 'coded',
      resolvedOn: null,
    };
  });
}

async function signIn(
  app: ReturnType<typeof createApp>,
  facilitator: { email: string; password: string },
): Promise<string> {
  const response = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(facilitator),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
