import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../src/db/client.ts';
import { queryRows } from '../src/db/query-rows.ts';
import { BUILT_IN_INSTRUMENT } from '../src/domain/built-in-instrument.ts';
import { createApp } from '../src/http/create-app.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { type LoadWorker, startLoadWorker } from './load-worker.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';
import type { LoadJob, LoadResult } from './survey-load-worker.ts';
import { setUpRelationship } from './survey-setup.ts';

// `npm run bench:survey`: complete survey submissions per second through the real app on loopback
// against PostgreSQL, beside single-row insert transactions per second on the same server in the
// same run (bench/README.md, "Survey submissions"). Options:
//   --participants N   timed submissions, each by its own participant (default 2000)
//   --concurrency C    virtual clients, for both measurements (default 16)
//   --rounds R         timed rounds, submissions and inserts alternating (default 4)
//   --pool P           the app's PostgreSQL connections (default 10, as `trustloop serve`)
//   --time-limit S     give up after S seconds of load in one round (default 120)
//   --print-only       print the table without writing bench/RESULTS.md
//   --client K         the load client for submissions: raw (default; keep-alive sockets, the
//                      request written as bytes) or node-http (http.request, keep-alive Agent)
//   --cpu-profile F    write a V8 CPU profile of the app's process during the timed rounds to F
//                      (open it in Chrome DevTools; costs a little throughput while on)

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;

const ANSWERS: Record<string, number> = Object.fromEntries(
  BUILT_IN_INSTRUMENT.items.map((item, index) => [item.code, 1 + ((index * 3) % 7)]),
);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      participants: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '4' },
      pool: { type: 'string', default: '10' },
      'time-limit': { type: 'string', default: '120' },
      'print-only': { type: 'boolean', default: false },
      'cpu-profile': { type: 'string' },
      client: { type: 'string', default: 'raw' },
    },
  });
  const count = wholeNumberOption('--participants', values.participants);
  const concurrency = wholeNumberOption('--concurrency', values.concurrency);
  const rounds = wholeNumberOption('--rounds', values.rounds);
  const poolSize = wholeNumberOption('--pool', values.pool);
  const timeLimitMs = wholeNumberOption('--time-limit', values['time-limit']) * 1000;
  const perRound = Math.ceil(count / rounds);
  const warmUp = Math.max(concurrency * 4, 50);
  const profiled = Math.max(concurrency * 8, Math.round(count / 10));
  const serial = 50;
  const serverUrl = benchServerUrl();
  const client = values.client;
  if (client !== 'raw' && client !== 'node-http') throw new Error('--client: raw or node-http');

  const fresh = await createFreshDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: poolSize });
  let server: ReturnType<typeof serve> | undefined;
  let worker: LoadWorker | undefined;
  try {
    const { db } = database;
    const [version] = await queryRows<{ server_version: string }>(db, sql`show server_version`);
    // The baseline's scratch table: the shape of `responses` (columns, defaults, primary key and
    // unique index) without its foreign keys, so one inserted row is as wide as one response.
    await db.execute(sql`create table bench_survey_inserts (like responses including all)`);

    // As `trustloop serve` has it, request log included (pino, one line per request, written
    // synchronously like its default stdout destination; here into /dev/null).
    const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
    const app = createApp({ db, storeKind: 'postgres', log });
    const timedApp = timeHandlers(app.fetch);
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: timedApp.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const setupStarted = performance.now();
    const tokens = await setUpRelationship(database, warmUp + count + profiled + serial, origin);
    console.log(
      `Set up 1 relationship, ${tokens.length} participants, 1 open wave and their links in ` +
        `${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );
    await db.execute(sql`analyze`);

    worker = startLoadWorker();
    const takeTokens = (() => {
      let next = 0;
      return (n: number) => {
        const taken = tokens.slice(next, next + n);
        next += n;
        return taken;
      };
    })();
    const submissions = (n: number): LoadJob => ({
      kind: 'submissions',
      origin,
      tokens: takeTokens(n),
      concurrency,
      answers: ANSWERS,
      timeLimitMs,
      client,
    });
    const inserts = (n: number): LoadJob => ({
      kind: 'inserts',
      databaseUrl: fresh.url,
      count: n,
      concurrency,
      answers: ANSWERS,
      timeLimitMs,
    });

    // Warm-up of each (connections, JIT, caches), then rounds alternating which goes first.
    await worker.run(submissions(warmUp));
    await worker.run(inserts(warmUp));
    const loadBefore = loadavg()[0]!;
    const profiler = values['cpu-profile'] ? await startCpuProfile() : undefined;
    const timed = { submissions: [] as LoadResult[], inserts: [] as LoadResult[] };
    const cpu = { submissions: emptyCpu(), inserts: emptyCpu() };
    let remaining = count;
    for (let round = 0; round < rounds && remaining > 0; round++) {
      const n = Math.min(perRound, remaining);
      remaining -= n;
      const order =
        round % 2 === 0 ? (['submissions', 'inserts'] as const) : (['inserts', 'submissions'] as const);
      for (const kind of order) {
        // Reading /proc takes a while: outside the app's own CPU clock.
        const postgresBefore = readPostgresCpuMs();
        const serverBefore = process.cpuUsage();
        const result = await worker.run(kind === 'submissions' ? submissions(n) : inserts(n));
        const server = process.cpuUsage(serverBefore);
        cpu[kind].postgres += readPostgresCpuMs() - postgresBefore;
        cpu[kind].app += (server.user + server.system) / 1000;
        cpu[kind].client += result.cpuMs;
        timed[kind].push(result);
        console.log(
          `  round ${round + 1} ${kind}: ${n} in ${result.elapsedMs.toFixed(0)} ms ` +
            `(${((n / result.elapsedMs) * 1000).toFixed(0)}/s; app CPU ${(server.user / 1000 / n).toFixed(2)} ms user + ` +
            `${(server.system / 1000 / n).toFixed(2)} ms system each)`,
        );
      }
    }

    const loadAfter = loadavg()[0]!;
    if (profiler && values['cpu-profile']) {
      writeFileSync(values['cpu-profile'], JSON.stringify(await profiler.stop()));
      console.log(`CPU profile of the timed rounds written to ${values['cpu-profile']}`);
    }

    // One client alone (no queueing anywhere): the latency floor of each operation.
    const alone = {
      submissions: await worker.run({ ...submissions(serial), concurrency: 1 }),
      inserts: await worker.run({ ...inserts(serial), concurrency: 1 }),
    };

    // Where a submission's time goes: one more pass (not part of the numbers above) with the
    // handlers, the pool and every query timed inside the server.
    const profile = installQueryProfile();
    timedApp.reset();
    const profiledRun = await worker.run(submissions(profiled));
    profile.uninstall();

    const [stored] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses where submitted_at is not null
          and jsonb_typeof(answers) = 'object' and (select count(*) from jsonb_object_keys(answers)) = ${Object.keys(ANSWERS).length}`,
    );
    const expected = warmUp + count + profiled + serial;
    if (stored?.n !== expected)
      throw new Error(`${stored?.n} submitted responses with every answer, not ${expected}`);

    const report = summarize(timed, count);
    const breakdown = [
      describeCpu(cpu, count),
      '',
      `Alone (concurrency 1, ${serial} of each, after the timed rounds): submission p50 ` +
        `${ms(percentile(alone.submissions.latencies, 50))} ms, ` +
        `insert transaction p50 ${ms(percentile(alone.inserts.latencies, 50))} ms.`,
      '',
      describeProfile(profile.stats, timedApp.stats, profiledRun, profiled),
    ].join('\n');
    const machine = describeMachine();
    const workload =
      `1 relationship, ${tokens.length.toLocaleString('en')} participants with links in 1 open wave ` +
      `(built-in instrument, ${Object.keys(ANSWERS).length} items); ${concurrency} concurrent clients in a child ` +
      `process (closed loop, keep-alive HTTP/1.1 on 127.0.0.1, ${client === 'raw' ? 'raw-socket client' : 'node:http client'}, ` +
      `connections opened before the clock for both); the app with its request log (pino, to /dev/null); ${warmUp} warm-up operations of each, then ` +
      `${count.toLocaleString('en')} timed of each in ${rounds} rounds alternating; app pool ${poolSize} connections, ` +
      `baseline ${concurrency} connections; load average (1 min) ${loadBefore.toFixed(1)} before and ` +
      `${loadAfter.toFixed(1)} after the timed rounds (other work on the machine shows here)`;
    const table = renderTable(report);
    console.log(`\n${table}\n\n${breakdown}`);
    if (!values['print-only']) {
      const heading = sectionHeading('Survey submissions', machine);
      const section = [
        heading,
        '',
        'Written by `npm run bench:survey` (bench/README.md, "Survey submissions").',
        '',
        ...machineLines(
          machine,
          `Node ${machine.node}; PostgreSQL ${version?.server_version ?? 'unknown'} on 127.0.0.1`,
        ),
        `- Workload: ${workload}`,
        '',
        table,
        '',
        breakdown,
        '',
      ].join('\n');
      console.log(`\nRecorded in ${recordSection(heading, section)}`);
    }
  } finally {
    await worker?.close();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await database.close();
    await fresh.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// Results.

type Measured = { operations: number; perSecond: number; p50: number; p99: number; max: number };
type Report = {
  submissions: Measured;
  steps: Array<{ label: string; p50: number; p99: number }>;
  inserts: Measured;
  ratio: number;
};

function summarize(timed: { submissions: LoadResult[]; inserts: LoadResult[] }, count: number): Report {
  const measure = (results: LoadResult[]): Measured => {
    const latencies = results.flatMap((result) => result.latencies);
    const elapsed = results.reduce((sum, result) => sum + result.elapsedMs, 0);
    if (latencies.length !== count) throw new Error(`${latencies.length} operations timed, not ${count}`);
    return {
      operations: latencies.length,
      perSecond: (latencies.length / elapsed) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
    };
  };
  const submissions = measure(timed.submissions);
  const inserts = measure(timed.inserts);
  const stepLabels: Record<string, string> = {
    submit: 'POST …/submit with 26 answers',
  };
  const steps = Object.entries(stepLabels).map(([step, label]) => {
    const samples = timed.submissions.flatMap((result) => result.steps[step] ?? []);
    return { label, p50: percentile(samples, 50), p99: percentile(samples, 99) };
  });
  return { submissions, steps, inserts, ratio: submissions.perSecond / inserts.perSecond };
}

function renderTable(report: Report): string {
  const { submissions, inserts, ratio } = report;
  const isRatioMet = ratio >= TARGET_RATIO;
  const isP99Met = submissions.p99 <= TARGET_P99_MS;
  const lines = [
    '| measurement | operations | per second | p50 ms | p99 ms | max ms | target | result |',
    '|---|--:|--:|--:|--:|--:|---|---|',
    `| survey submission (POST …/submit with 26 answers, HTTP) | ${submissions.operations} | ${submissions.perSecond.toFixed(1)} | ${ms(submissions.p50)} | ${ms(submissions.p99)} | ${ms(submissions.max)} | p99 ≤ ${TARGET_P99_MS} ms | ${isP99Met ? 'pass' : '**FAIL**'} |`,
    ...report.steps.map((step) => `|   ↳ ${step.label} | | | ${ms(step.p50)} | ${ms(step.p99)} | | | |`),
    `| baseline: single-row insert transaction (pg) | ${inserts.operations} | ${inserts.perSecond.toFixed(1)} | ${ms(inserts.p50)} | ${ms(inserts.p99)} | ${ms(inserts.max)} | | |`,
    `| ratio submissions/s ÷ inserts/s | | ${ratio.toFixed(2)} | | | | ≥ ${TARGET_RATIO} | ${isRatioMet ? 'pass' : '**FAIL**'} |`,
  ];
  return lines.join('\n');
}

function ms(value: number): string {
  return value.toFixed(1);
}

// ---------------------------------------------------------------------------------------------
// Profiling inside the server process: handler time per endpoint, time waiting for a pooled
// connection, and every query's round trip grouped by its SQL text.

type HandlerStats = Map<string, { count: number; ms: number }>;

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

function timeHandlers(fetch: Fetch) {
  let stats: HandlerStats = new Map();
  let isOn = false;
  const timed = async (request: Request, env?: unknown) => {
    const started = performance.now();
    const response = await fetch(request, env);
    const key = `${request.method} …/${new URL(request.url).pathname.split('/').pop()}`;
    const entry = stats.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - started;
    stats.set(key, entry);
    return response;
  };
  return {
    get stats() {
      return stats;
    },
    /** Starts timing (off until then, so the measured rounds carry no probe). */
    reset: () => {
      stats = new Map();
      isOn = true;
    },
    // The server's bindings (the Node request and response) are passed on, as serve() passes them.
    fetch: (request: Request, env?: unknown) => (isOn ? timed(request, env) : fetch(request, env)),
  };
}

type QueryStats = {
  poolWaits: number;
  poolWaitMs: number;
  queries: Map<string, { count: number; ms: number }>;
};

type Callback = (...args: unknown[]) => void;

function installQueryProfile(): { stats: QueryStats; uninstall(): void } {
  const stats: QueryStats = { poolWaits: 0, poolWaitMs: 0, queries: new Map() };
  const poolProto = pg.Pool.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const originalConnect = poolProto.connect;
  const originalQuery = clientProto.query;
  poolProto.connect = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const done = () => {
      stats.poolWaits++;
      stats.poolWaitMs += performance.now() - started;
    };
    const callback = args[0];
    if (typeof callback === 'function') {
      return originalConnect.call(this, (...results: unknown[]) => {
        done();
        (callback as Callback)(...results);
      });
    }
    return (originalConnect.call(this) as Promise<unknown>).then((client) => {
      done();
      return client;
    });
  };
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
    const started = performance.now();
    const record = () => {
      const entry = stats.queries.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - started;
      stats.queries.set(key, entry);
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const wrapped = [
        ...args.slice(0, -1),
        (...results: unknown[]) => {
          record();
          (last as Callback)(...results);
        },
      ];
      return originalQuery.apply(this, wrapped);
    }
    const result = originalQuery.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(record, record);
    }
    return result;
  };
  return {
    stats,
    uninstall: () => {
      poolProto.connect = originalConnect;
      clientProto.query = originalQuery;
    },
  };
}

function describeProfile(
  queries: QueryStats,
  handlers: HandlerStats,
  run: LoadResult,
  submissions: number,
): string {
  const per = (value: number) => (value / submissions).toFixed(1);
  const clientMs = run.latencies.reduce((sum, value) => sum + value, 0);
  let handlerMs = 0;
  for (const entry of handlers.values()) handlerMs += entry.ms;
  let queryCount = 0;
  let queryMs = 0;
  for (const entry of queries.queries.values()) {
    queryCount += entry.count;
    queryMs += entry.ms;
  }
  const lines = [
    `Where a submission's time goes (a separate profiled pass of ${submissions} submissions at the same concurrency, ` +
      `${((submissions / run.elapsedMs) * 1000).toFixed(0)}/s with the probes on; times summed over concurrent work, per submission):`,
    '',
    '| part | per submission |',
    '|---|--:|',
    `| latency seen by the client | ${per(clientMs)} ms |`,
    `| inside the app's handlers | ${per(handlerMs)} ms |`,
    ...[...handlers.entries()].map(([key, entry]) => `|   ↳ ${key} | ${per(entry.ms)} ms |`),
    `| waiting for a pooled connection (${per(queries.poolWaits)} checkouts) | ${per(queries.poolWaitMs)} ms |`,
    `| SQL round trips (${per(queryCount)} statements) | ${per(queryMs)} ms |`,
    '',
    '| statement (first 110 characters) | per submission | ms per submission |',
    '|---|--:|--:|',
    ...[...queries.queries.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(
        ([text, entry]) => `| \`${text.replaceAll('|', '\\|')}\` | ${per(entry.count)} | ${per(entry.ms)} |`,
      ),
  ];
  return lines.join('\n');
}

/** The V8 sampling profiler on this (the app's) process, through the inspector. */
async function startCpuProfile(): Promise<{ stop(): Promise<object> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** CPU time per operation of each process during the timed rounds: on a busy machine, the cost. */
type CpuSpent = { app: number; postgres: number; client: number };

function emptyCpu(): CpuSpent {
  return { app: 0, postgres: 0, client: 0 };
}

function describeCpu(cpu: { submissions: CpuSpent; inserts: CpuSpent }, count: number): string {
  const row = (label: string, spent: CpuSpent) => {
    const total = spent.app + spent.postgres + spent.client;
    const per = (value: number) => (value / count).toFixed(2);
    return `| ${label} | ${per(spent.app)} | ${per(spent.postgres)} | ${per(spent.client)} | ${per(total)} |`;
  };
  return [
    'CPU time per operation during the timed rounds (ms; user + system; PostgreSQL = every `postgres` process, including WAL writer and checkpointer):',
    '',
    '| operation | app process (Node) | PostgreSQL | load client (Node) | total |',
    '|---|--:|--:|--:|--:|',
    row('survey submission', cpu.submissions),
    row('insert transaction', cpu.inserts),
  ].join('\n');
}

/** User + system CPU of every `postgres` process (Linux /proc), in milliseconds. */
function readPostgresCpuMs(): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks / ticksPerSecond) * 1000;
}

// ---------------------------------------------------------------------------------------------

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
