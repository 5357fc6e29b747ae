import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase, type StoreKind } from '../src/db/client.ts';
import { toPgArrayLiteral } from '../src/db/pg-array.ts';
import { queryRows } from '../src/db/query-rows.ts';
import { analyzeRelationship } from '../src/domain/analyze-relationship.ts';
import type { Bundle } from '../src/domain/model.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { getRelationshipAnalysis, loadAnalysisInput } from '../src/services/get-relationship-analysis.ts';
import { importBundle } from '../src/services/import-bundle.ts';
import { loadAnswerSets, loadRelationship } from '../src/services/load-relationship.ts';
import { describeMachine } from './describe-machine.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { makeLargeBundle } from './make-large-bundle.ts';
import { measureOne, measurePair, type PairTiming, type Timing, timeIt } from './measure-pair.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { type ResultRow, recordResults, renderResultTable, type StoreReport } from './record-results.ts';

// `npm run bench`: import and full analysis of a 2,000-respondent × 4-wave relationship, each timed
// beside a baseline of plain SQL on the same store in the same run (bench/README.md). Options:
//   --repetitions N   timed rounds per measurement after one warm-up (default 7)
//   --stores a,b      any of pglite-memory, pglite-folder, postgres (default: all three)
//   --print-only      print the tables without writing bench/RESULTS.md

const ALL_STORES = ['pglite-memory', 'pglite-folder', 'postgres'] as const;
type StoreName = (typeof ALL_STORES)[number];

const IMPORT_TARGET_RATIO = 2;
const ANALYSIS_TARGET_RATIO = 2;
const ANALYSIS_TARGET_MS_POSTGRES = 250;

type BenchStore = { name: StoreName; kind: StoreKind; open(): Promise<Database> };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repetitions: { type: 'string', default: '7' },
      stores: { type: 'string', default: ALL_STORES.join(',') },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const repetitions = wholeNumberOption('--repetitions', values.repetitions);
  const storeNames = values.stores.split(',').map((name) => name.trim());
  for (const name of storeNames) {
    if (!(ALL_STORES as readonly string[]).includes(name))
      throw new Error(`--stores: unknown store "${name}" (known: ${ALL_STORES.join(', ')})`);
  }
  const serverUrl = benchServerUrl();

  const bundle = makeLargeBundle();
  const workload = describeWorkload(bundle, repetitions);
  console.log(`Workload: ${workload}\n`);

  const stores = createStores(serverUrl).filter((store) => storeNames.includes(store.name));
  const reports: StoreReport[] = [];
  for (const store of stores) {
    console.log(`— ${store.name}`);
    reports.push(await benchmarkStore(store, bundle, repetitions));
  }

  const machine = describeMachine();
  const table = renderResultTable(reports);
  console.log(`\n${table}`);
  if (!values['print-only']) {
    const path = recordResults({ machine, workload, reports });
    console.log(`\nRecorded in ${path}`);
  }
}

function createStores(serverUrl: string): BenchStore[] {
  return [
    { name: 'pglite-memory', kind: 'pglite', open: () => openDatabase({ kind: 'pglite' }) },
    { name: 'pglite-folder', kind: 'pglite', open: openPgliteInTempFolder },
    { name: 'postgres', kind: 'postgres', open: () => openFreshPostgresDatabase(serverUrl) },
  ];
}

async function openPgliteInTempFolder(): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'trustloop-bench-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: folder });
  return {
    ...database,
    close: async () => {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A database of its own on the server, dropped on close (as tests/support/test-stores.ts does). */
async function openFreshPostgresDatabase(serverUrl: string): Promise<Database> {
  const fresh = await createFreshDatabase(serverUrl);
  let database: Database;
  try {
    database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: 4 });
  } catch (error) {
    await fresh.forceDrop();
    throw error;
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      await fresh.forceDrop();
    },
  };
}

async function benchmarkStore(store: BenchStore, bundle: Bundle, repetitions: number): Promise<StoreReport> {
  const database = await store.open();
  try {
    const { db } = database;
    const [version] = await queryRows<{ server_version: string }>(db, sql`show server_version`);
    const workspace = await ensureDefaultWorkspace(db);
    await db.execute(sql`
      create table bench_answers (
        response_id uuid not null, wave text not null, side text not null, level text not null,
        item text not null, value smallint not null
      )`);

    // Import. Each repetition imports into a fresh relationship; the previous one is deleted and
    // the tables vacuumed first (untimed), so every import meets the same table state. The baseline
    // empties its table first (untimed) and then inserts every answered item value as one row.
    let importedId: string | undefined;
    const runImport = async () => {
      if (importedId) await deleteRelationship(database, importedId);
      const { ms, value } = await timeIt(() => importBundle(db, workspace.id, bundle));
      importedId = value.relationshipId;
      return ms;
    };
    const runRawInsert = async () => {
      await db.execute(sql`truncate bench_answers`);
      return (await timeIt(() => insertAnswerRows(database, bundle))).ms;
    };
    const importTiming = await measurePair(runImport, runRawInsert, repetitions);
    console.log(`  import ${formatPair(importTiming)}`);
    if (!importedId) throw new Error('no relationship was imported');
    const relationshipId = importedId;
    const [inserted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bench_answers`);
    const answerCount = countAnswers(bundle);
    if (inserted?.n !== answerCount)
      throw new Error(`bench_answers holds ${inserted?.n}, not ${answerCount}`);

    // Analysis: the service as the CLI and web app call it, beside one SQL grouping of the answers.
    await db.execute(sql`analyze`);
    const runAnalysis = async () =>
      (await timeIt(() => getRelationshipAnalysis(db, workspace.id, relationshipId))).ms;
    const runGrouping = async () => (await timeIt(() => groupAnswersInSql(database, bundle))).ms;
    const analysisTiming = await measurePair(runAnalysis, runGrouping, repetitions);
    console.log(`  analysis ${formatPair(analysisTiming)}`);

    const breakdown = await measureAnalysisParts(database, workspace.id, relationshipId, repetitions);
    for (const part of breakdown)
      console.log(`    ${part.label}: median ${part.timing.median.toFixed(1)} ms`);

    const rows: ResultRow[] = [
      pairRow('import', importTiming, 'raw insert (unnest)', {
        text: `≤ ${IMPORT_TARGET_RATIO}× baseline`,
        isMet: importTiming.ratio <= IMPORT_TARGET_RATIO,
      }),
      pairRow('analysis', analysisTiming, 'SQL grouping', analysisTarget(store.kind, analysisTiming)),
      ...breakdown.map(
        (part): ResultRow => ({
          measurement: `  ↳ ${part.label}`,
          timing: part.timing,
          baseline: null,
          ratio: null,
          target: null,
        }),
      ),
    ];
    return { store: store.name, serverVersion: version?.server_version ?? 'unknown', rows };
  } finally {
    await database.close();
  }
}

function analysisTarget(kind: StoreKind, timing: PairTiming): { text: string; isMet: boolean } {
  const isRatioMet = timing.ratio <= ANALYSIS_TARGET_RATIO;
  if (kind !== 'postgres') return { text: `≤ ${ANALYSIS_TARGET_RATIO}× baseline`, isMet: isRatioMet };
  return {
    text: `≤ ${ANALYSIS_TARGET_RATIO}× baseline and < ${ANALYSIS_TARGET_MS_POSTGRES} ms`,
    isMet: isRatioMet && timing.candidate.median < ANALYSIS_TARGET_MS_POSTGRES,
  };
}

function pairRow(
  measurement: string,
  timing: PairTiming,
  baselineLabel: string,
  target: { text: string; isMet: boolean },
): ResultRow {
  return {
    measurement,
    timing: timing.candidate,
    baseline: { label: baselineLabel, timing: timing.baseline },
    ratio: timing.ratio,
    target,
  };
}

async function deleteRelationship(database: Database, relationshipId: string): Promise<void> {
  await database.db.execute(sql`delete from relationships where id = ${relationshipId}::uuid`);
  // VACUUM cannot run inside a transaction; both drivers run a lone statement outside one.
  await database.db.execute(sql`vacuum participants, waves, responses, open_answers`);
}

/**
 * The baseline of the import: the same answers as one row per answered item, written by ONE
 * `insert … select * from unnest(...)`. Timed from the bundle on, like the import: building the
 * columns and their array literals is part of it (as turning the bundle into rows is part of the
 * import). Response ids are new uuids, as the import makes them.
 */
async function insertAnswerRows(database: Database, bundle: Bundle): Promise<void> {
  const columns = {
    response: [] as string[],
    wave: [] as string[],
    side: [] as string[],
    level: [] as string[],
    item: [] as string[],
    value: [] as number[],
  };
  for (const response of bundle.responses) {
    const id = randomUUID();
    for (const [item, value] of Object.entries(response.answers)) {
      columns.response.push(id);
      columns.wave.push(response.wave);
      columns.side.push(response.side);
      columns.level.push(response.level);
      columns.item.push(item);
      columns.value.push(value);
    }
  }
  await database.db.execute(sql`
    insert into bench_answers
    select * from unnest(
      ${toPgArrayLiteral(columns.response)}::uuid[], ${toPgArrayLiteral(columns.wave)}::text[],
      ${toPgArrayLiteral(columns.side)}::text[], ${toPgArrayLiteral(columns.level)}::text[],
      ${toPgArrayLiteral(columns.item)}::text[], ${toPgArrayLiteral(columns.value)}::smallint[]
    )`);
}

/**
 * The baseline of the analysis: PostgreSQL groups the answers per wave × side × level × dimension
 * (count, mean and sample SD of the reverse-turned values of the trust items) in one query, and the
 * 144 rows are fetched to the client. The item → dimension/reverse map comes from the instrument
 * as three array parameters; meta items are not in it, so the join drops their answers.
 */
async function groupAnswersInSql(database: Database, bundle: Bundle): Promise<unknown[]> {
  const { items, scale } = bundle.instrument;
  const trustItems = items.filter((item) => item.kind === 'trust');
  const rows = await queryRows<{ n: number; mean: number; sd: number | null }>(
    database.db,
    sql`
    select a.wave, a.side, a.level, i.dimension, count(*)::int as n,
      avg(case when i.reverse then ${scale.min + scale.max} - a.value else a.value end)::float8 as mean,
      stddev_samp(case when i.reverse then ${scale.min + scale.max} - a.value else a.value end)::float8 as sd
    from bench_answers a
      join unnest(
        ${toPgArrayLiteral(trustItems.map((item) => item.code))}::text[],
        ${toPgArrayLiteral(trustItems.map((item) => item.dimension))}::text[],
        ${`{${trustItems.map((item) => item.reverse).join(',')}}`}::boolean[]
      ) as i(item, dimension, reverse) on i.item = a.item
    group by a.wave, a.side, a.level, i.dimension
    order by a.wave, a.side, a.level, i.dimension`,
  );
  const expected =
    bundle.relationship.waves.length * 2 * 3 * new Set(trustItems.map((item) => item.dimension)).size;
  if (rows.length !== expected) throw new Error(`SQL grouping returned ${rows.length} rows, not ${expected}`);
  return rows;
}

/** Where the analysis time goes: the service's three steps timed one by one (same calls, same order). */
async function measureAnalysisParts(
  database: Database,
  workspaceId: string,
  relationshipId: string,
  repetitions: number,
): Promise<Array<{ label: string; timing: Timing }>> {
  const { db } = database;
  const relationship = await loadRelationship(db, workspaceId, relationshipId);
  const waveIds = relationship.waves.map((wave) => wave.id);
  const input = await loadAnalysisInput(db, workspaceId, relationshipId);
  return [
    {
      label: 'load relationship, waves, instrument',
      timing: await measureOne(
        async () => (await timeIt(() => loadRelationship(db, workspaceId, relationshipId))).ms,
        repetitions,
      ),
    },
    {
      label: 'load answers (query + jsonb parse)',
      timing: await measureOne(async () => (await timeIt(() => loadAnswerSets(db, waveIds))).ms, repetitions),
    },
    {
      label: 'statistics (analyzeRelationship, pure)',
      timing: await measureOne(
        async () => (await timeIt(async () => analyzeRelationship(input))).ms,
        repetitions,
      ),
    },
  ];
}

function countAnswers(bundle: Bundle): number {
  let count = 0;
  for (const response of bundle.responses) count += Object.keys(response.answers).length;
  return count;
}

function describeWorkload(bundle: Bundle, repetitions: number): string {
  const respondents = new Set(bundle.responses.map((response) => response.respondent)).size;
  let openAnswers = 0;
  for (const response of bundle.responses) openAnswers += Object.keys(response.open).length;
  const answers = countAnswers(bundle);
  const blankShare = 1 - answers / (bundle.responses.length * bundle.instrument.items.length);
  return (
    `${respondents.toLocaleString('en')} respondents × ${bundle.relationship.waves.length} waves = ` +
    `${bundle.responses.length.toLocaleString('en')} responses, ${answers.toLocaleString('en')} answer values ` +
    `(${(blankShare * 100).toFixed(1)}% blank), ${openAnswers.toLocaleString('en')} open answers, ` +
    `built-in instrument (${bundle.instrument.items.length} items); ` +
    `1 warm-up + ${repetitions} timed rounds per measurement, candidate and baseline alternating`
  );
}

function formatPair(timing: PairTiming): string {
  return (
    `median ${timing.candidate.median.toFixed(1)} ms (min ${timing.candidate.min.toFixed(1)}), ` +
    `baseline median ${timing.baseline.median.toFixed(1)} ms, ratio ${timing.ratio.toFixed(2)}`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
