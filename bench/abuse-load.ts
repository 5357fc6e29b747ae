import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { type Database, openDatabase } from '../src/db/client.ts';
import { BUILT_IN_INSTRUMENT } from '../src/domain/built-in-instrument.ts';
import { DEFAULT_BODY_LIMITS, formatByteSize } from '../src/http/body-limits.ts';
import { createApp } from '../src/http/create-app.ts';
import type { BigBodyAttempt, BigBodyJob } from './abuse-big-body.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase, type FreshDatabase } from './fresh-database.ts';
import { startLoadWorker } from './load-worker.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';
import { setUpRelationship } from './survey-setup.ts';

// `npm run bench:abuse` (issue 8, "Done when"): 200 concurrent survey submissions, alone and while
// an attacker sends 600 MB bodies to the survey API at the same time, on PGlite and PostgreSQL.
// The server must answer the big bodies 413 without reading them (its RSS stays flat) and keep
// serving the submissions (their p99 recorded with and without). bench/README.md, "Abuse".
// Options:
//   --stores S        pglite,postgres (default both)
//   --submissions N   timed submissions per round and mode (default 1000)
//   --concurrency C   concurrent submitting clients (default 200)
//   --rounds R        rounds, each running both modes, alternating which goes first (default 2)
//   --big-mb M        the size of each big body in MiB (default 600)
//   --attackers A     big bodies in flight at once (default 4)
//   --print-only      print the table without writing bench/RESULTS.md

const ANSWERS: Record<string, number> = Object.fromEntries(
  BUILT_IN_INSTRUMENT.items.map((item, index) => [item.code, 1 + ((index * 3) % 7)]),
);

type Mode = 'alone' | 'declared' | 'chunked';
type ModeResult = {
  latencies: number[];
  elapsedMs: number;
  rssBeforeMb: number;
  rssMaxMb: number;
  attempts: BigBodyAttempt[];
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'pglite,postgres' },
      submissions: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '200' },
      rounds: { type: 'string', default: '2' },
      'big-mb': { type: 'string', default: '600' },
      attackers: { type: 'string', default: '4' },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const stores = values.stores.split(',').map((s) => s.trim());
  for (const store of stores)
    if (store !== 'pglite' && store !== 'postgres') throw new Error(`--stores: ${store}?`);
  const submissions = wholeNumberOption('--submissions', values.submissions);
  const concurrency = wholeNumberOption('--concurrency', values.concurrency);
  const rounds = wholeNumberOption('--rounds', values.rounds);
  const bigBytes = wholeNumberOption('--big-mb', values['big-mb']) * 1024 * 1024;
  const attackers = wholeNumberOption('--attackers', values.attackers);
  const modes: Mode[] = ['alone', 'declared', 'chunked'];
  const describe = (mode: Mode) =>
    mode === 'alone'
      ? 'alone'
      : `beside ${formatByteSize(bigBytes)} bodies, ${mode === 'declared' ? 'Content-Length' : 'chunked'}`;

  const rows: string[] = [];
  const notes: string[] = [];
  const loadBefore = loadavg()[0]!;
  for (const store of stores) {
    const results = await runStore(store as 'pglite' | 'postgres', {
      submissions,
      concurrency,
      rounds,
      bigBytes,
      attackers,
      modes,
    });
    const alone = results.get('alone')!;
    for (const mode of modes) {
      const r = results.get(mode)!;
      const refused = r.attempts.filter((a) => a.status === 413);
      const p99 = percentile(r.latencies, 99);
      rows.push(
        `| ${store} | ${describe(mode)} | ${r.latencies.length} | ${ms(percentile(r.latencies, 50))} | ${ms(p99)} | ` +
          `${ms(Math.max(...r.latencies))} | ${mode === 'alone' ? '—' : `${(p99 / percentile(alone.latencies, 99)).toFixed(2)}×`} | ` +
          `${r.rssBeforeMb.toFixed(0)} → ${r.rssMaxMb.toFixed(0)} | ` +
          (mode === 'alone'
            ? '— | — | —'
            : `${refused.length} of ${r.attempts.length} | ${ms(
                percentile(
                  r.attempts.map((a) => a.msToAnswer),
                  50,
                ),
              )} | ` + `${Math.max(...r.attempts.map((a) => a.mbWritten)).toFixed(0)} MiB`) +
          ' |',
      );
      const other = r.attempts.filter((a) => a.status !== 413);
      if (other.length > 0) {
        notes.push(
          `${store}, ${describe(mode)}: ${other.length} big bodies not answered 413 (${other.map((a) => a.status).join(', ')})`,
        );
      }
    }
  }
  const loadAfter = loadavg()[0]!;
  const table = [
    '| store | mode | submissions | p50 ms | p99 ms | max ms | p99 ÷ alone | server RSS MiB (before → max) | big bodies answered 413 | median ms to 413 | most written before close |',
    '| ----- | ---- | ----------: | -----: | -----: | -----: | ----------: | ----------------------------- | ----------------------- | ---------------: | ------------------------: |',
    ...rows,
  ].join('\n');
  const machine = describeMachine();
  const workload =
    `${concurrency} concurrent clients submitting (closed loop, keep-alive HTTP/1.1, raw-socket client in a child ` +
    `process; each submission \`POST /api/survey/:token/submit\` with 26 answers, each participant once), ` +
    `${submissions} timed submissions per mode and round, ${rounds} rounds with the modes' order turning; ` +
    `the attacker (another child process) sends ${formatByteSize(bigBytes)} bodies to \`POST /api/survey/:token/submit\`, ` +
    `${attackers} at a time on their own connections, each followed by the next for the whole of a mode, declared by Content-Length or chunked without a length ` +
    `(the survey limit is ${formatByteSize(DEFAULT_BODY_LIMITS.survey)}); the app as \`trustloop serve\` runs it (API, ` +
    `request log to /dev/null); RSS of the server's process sampled every 10 ms; load average (1 min) ` +
    `${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after`;
  console.log(`\n${table}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`);
  if (!values['print-only']) {
    const heading = sectionHeading('Abuse: survey submissions beside 600 MB bodies', machine);
    const section = [
      heading,
      '',
      'Written by `npm run bench:abuse` (bench/README.md, "Abuse").',
      '',
      ...machineLines(machine, `Node ${machine.node}; stores: ${stores.join(', ')}`),
      `- Workload: ${workload}`,
      '',
      table,
      '',
      ...(notes.length > 0 ? [...notes, ''] : []),
    ].join('\n');
    console.log(`Recorded in ${recordSection(heading, section)}`);
  }
}

async function runStore(
  store: 'pglite' | 'postgres',
  options: {
    submissions: number;
    concurrency: number;
    rounds: number;
    bigBytes: number;
    attackers: number;
    modes: Mode[];
  },
): Promise<Map<Mode, ModeResult>> {
  let fresh: FreshDatabase | undefined;
  let folder: string | undefined;
  let database: Database;
  if (store === 'postgres') {
    fresh = await createFreshDatabase(benchServerUrl());
    database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: 10 });
  } else {
    // As `trustloop serve` keeps it: a data folder.
    folder = mkdtempSync(join(tmpdir(), 'trustloop-abuse-'));
    database = await openDatabase({ kind: 'pglite', dataDir: folder });
  }
  const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  const app = createApp({ db: database.db, storeKind: store, log });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  const worker = startLoadWorker();
  const attacker = startAttacker();
  const results = new Map<Mode, ModeResult>(
    options.modes.map((mode) => [
      mode,
      { latencies: [], elapsedMs: 0, rssBeforeMb: 0, rssMaxMb: 0, attempts: [] },
    ]),
  );
  try {
    const warmUp = Math.max(options.concurrency, 100);
    const needed = warmUp + options.submissions * options.rounds * options.modes.length;
    const started = performance.now();
    const tokens = await setUpRelationship(database, needed, origin);
    console.log(
      `${store}: set up ${tokens.length} participants in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    let next = 0;
    const take = (n: number) => {
      const taken = tokens.slice(next, next + n);
      next += n;
      return taken;
    };
    const job = (n: number) => ({
      kind: 'submissions' as const,
      origin,
      tokens: take(n),
      concurrency: options.concurrency,
      answers: ANSWERS,
      timeLimitMs: 300_000,
      client: 'raw' as const,
    });
    await worker.run(job(warmUp));

    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? options.modes : [...options.modes].reverse();
      for (const mode of order) {
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        let rssMax = rssBefore;
        const sampler = setInterval(() => {
          rssMax = Math.max(rssMax, process.memoryUsage().rss);
        }, 10);
        const bigBody: BigBodyJob | null =
          mode === 'alone'
            ? null
            : {
                port,
                path: `/api/survey/${tokens[0]}/submit`,
                bytes: options.bigBytes,
                mode: mode === 'chunked' ? 'chunked' : 'length',
                parallel: options.attackers,
              };
        if (bigBody) attacker.start(bigBody);
        const result = await worker.run(job(options.submissions));
        const attempts = bigBody ? await attacker.stop() : [];
        clearInterval(sampler);
        const entry = results.get(mode)!;
        entry.latencies.push(...result.latencies);
        entry.elapsedMs += result.elapsedMs;
        entry.attempts.push(...attempts);
        entry.rssBeforeMb = Math.max(entry.rssBeforeMb, rssBefore / 1024 / 1024);
        entry.rssMaxMb = Math.max(entry.rssMaxMb, rssMax / 1024 / 1024);
        console.log(
          `  ${store} round ${round + 1}, ${mode}: p99 ${ms(percentile(result.latencies, 99))} ms, ` +
            `RSS ${(rssBefore / 1024 / 1024).toFixed(0)} → max ${(rssMax / 1024 / 1024).toFixed(0)} MiB` +
            (bigBody
              ? `, ${attempts.filter((a) => a.status === 413).length} of ${attempts.length} big bodies 413`
              : ''),
        );
      }
    }
    return results;
  } finally {
    await worker.close();
    attacker.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
    await fresh?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

type Attacker = { start(job: BigBodyJob): void; stop(): Promise<BigBodyAttempt[]>; close(): void };

function startAttacker(): Attacker {
  const child: ChildProcess = fork(new URL('./abuse-big-body.ts', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    start: (job) => child.send({ start: job }),
    stop: () =>
      new Promise((resolve, reject) => {
        child.once('message', (message: { attempts?: BigBodyAttempt[]; error?: string }) => {
          if (message.attempts) resolve(message.attempts);
          else reject(new Error(`attacker: ${message.error}`));
        });
        child.send({ stop: true });
      }),
    close: () => {
      child.kill();
    },
  };
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '—';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
