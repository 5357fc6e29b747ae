import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../src/db/client.ts';
import { openConfiguredDatabase } from '../src/db/open-configured-database.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { readEnv } from '../src/env.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { createWorkshop, goToStep, startWorkshop } from '../src/services/manage-workshop.ts';
import { createTheme } from '../src/services/workshop-grouping.ts';
import { getWorkshopForFacilitator } from '../src/services/workshop-view.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';

// `npm run bench:workshop` (issue 10): N phones (default 200) join one live workshop and hold its
// event stream open, then vote. Measured: vote-to-screen latency (from a phone's PUT of its ballot
// until every open stream has the 'voted' event it caused; votes one after another), events
// delivered per second (every phone votes at once), and server memory per open stream — on the
// embedded store with one `trustloop serve` process, on PostgreSQL with two (phones spread over
// both), and beside a bare SSE echo server (node:http, no database, replaying from Last-Event-ID)
// in the same run as the baseline; then a reconnect storm (every phone drops and comes back at
// once, resuming after the last event it saw). Options:
//   --phones N      phones (default 200)
//   --print-only    print the table without writing bench/RESULTS.md

const BIN = new URL('../bin/trustloop.js', import.meta.url).pathname;

type Server = { url: string; process: ChildProcess };

function spawnServer(args: string[], env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let printed = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
      const match = /(?:serving|listening on) (http:\/\/\S+)/.exec(printed);
      if (match) resolve({ url: match[1]!, process: child });
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
    });
    child.once('exit', (code) => reject(new Error(`server ended (${code}): ${printed}`)));
  });
}

/** The bare baseline: SSE to every GET /events, a POST /vote broadcasts one event to all. */
const ECHO_SERVER = `
const http = require('node:http');
const streams = new Set();
const frames = [];
let id = 0;
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/events')) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write('event: hello\\ndata: {}\\n\\n');
    // A resumed stream gets what it missed, as Trustloop's does.
    const last = Number(req.headers['last-event-id'] || 0);
    for (const f of frames) if (f.id > last) res.write(f.text);
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    id += 1;
    const frame = 'id: ' + id + '\\nevent: voted\\ndata: ' + JSON.stringify({ voters: { A: id, B: 0 } }) + '\\n\\n';
    frames.push({ id, text: frame });
    for (const s of streams) s.write(frame);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** An SSE client that counts 'voted' events and calls back on each. */
function openStream(
  url: string,
  headers: Record<string, string>,
  onVoted: (id: number) => void,
  onRefused: (status: number) => void = () => {},
) {
  const controller = new AbortController();
  let opened: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    opened = resolve;
  });
  void (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200) {
      onRefused(response.status);
      opened();
      return;
    }
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (frame.includes('event: hello')) opened();
        if (frame.includes('event: voted')) onVoted(Number(/^id: (\d+)/m.exec(frame)?.[1] ?? 0));
        end = buffered.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  return { ready, close: () => controller.abort() };
}

type Figures = {
  p50: number;
  p99: number;
  eventsPerSecond: number;
  kibPerStream: number | null;
  /** Every phone drops, one vote happens, all reconnect at once: ms until all have it. */
  stormMs: number;
};

/**
 * The measurement, the same for every target: phones hold streams open, vote one by one (latency),
 * then all at once (throughput); then every phone drops, one vote happens while they are away, and
 * all reconnect at once with Last-Event-ID (the reconnect storm: until every phone has the vote
 * it missed).
 */
async function measure(options: {
  phones: number;
  streamUrl: (i: number) => { url: string; headers: Record<string, string> };
  vote: (i: number, round: number) => Promise<void>;
  serverPids: number[];
}): Promise<Figures> {
  const rssBefore = options.serverPids.reduce((sum, pid) => sum + rssMiB(pid), 0);
  const counts = new Array<number>(options.phones).fill(0);
  const lastIds = new Array<number>(options.phones).fill(0);
  let waiters: Array<() => void> = [];
  const check = () => {
    for (const wake of waiters) wake();
  };
  const voted = (i: number) => (id: number) => {
    counts[i]! += 1;
    lastIds[i] = Math.max(lastIds[i]!, id);
    check();
  };
  const streams = Array.from({ length: options.phones }, (_, i) => {
    const { url, headers } = options.streamUrl(i);
    return openStream(url, headers, voted(i));
  });
  await Promise.all(streams.map((s) => s.ready));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssAfter = options.serverPids.reduce((sum, pid) => sum + rssMiB(pid), 0);
  const allHave = (n: number) =>
    new Promise<void>((resolve) => {
      const test = () => {
        if (counts.every((c) => c >= n)) {
          waiters = waiters.filter((w) => w !== test);
          resolve();
        }
      };
      waiters.push(test);
      test();
    });
  // Latency: one vote at a time, each until every screen has its event.
  const latencies: number[] = [];
  let expected = 0;
  for (let i = 0; i < options.phones; i++) {
    const started = performance.now();
    await options.vote(i, 1);
    expected += 1;
    await allHave(expected);
    latencies.push(performance.now() - started);
  }
  // Throughput: everyone changes their ballot at once.
  const burstStarted = performance.now();
  await Promise.all(Array.from({ length: options.phones }, (_, i) => options.vote(i, 2)));
  expected += options.phones;
  await allHave(expected);
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  for (const stream of streams) stream.close();
  // The reconnect storm: a room whose Wi-Fi dropped and came back.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await options.vote(0, 3);
  expected += 1;
  let stormRefused = 0;
  const stormStarted = performance.now();
  const again = Array.from({ length: options.phones }, (_, i) => {
    const { url, headers } = options.streamUrl(i);
    return openStream(url, { ...headers, 'last-event-id': String(lastIds[i]) }, voted(i), () => {
      stormRefused += 1;
    });
  });
  await Promise.all(again.map((s) => s.ready));
  if (stormRefused > 0) throw new Error(`${stormRefused} phones could not reconnect`);
  await allHave(expected);
  const stormMs = performance.now() - stormStarted;
  for (const stream of again) stream.close();
  return {
    stormMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    eventsPerSecond: (options.phones * options.phones) / burstSeconds,
    kibPerStream: options.serverPids.length > 0 ? ((rssAfter - rssBefore) * 1024) / options.phones : null,
  };
}

/** A live workshop on its vote step with three themes; returns its code. */
async function prepareWorkshop(database: Database): Promise<string> {
  const workspace = await ensureDefaultWorkspace(database.db);
  const { relationshipId } = await loadDemo(database.db, workspace.id);
  const created = await createWorkshop(
    database.db,
    workspace.id,
    relationshipId,
    { wave: 'Baseline', title: 'Benchmark workshop', dots: 3 },
    { name: 'Bench' },
  );
  await startWorkshop(database.db, workspace.id, created.id);
  for (const title of ['Early warnings', 'A shared rhythm', 'Named contacts']) {
    await createTheme(database.db, { workspaceId: workspace.id }, created.id, { title });
  }
  const view = await getWorkshopForFacilitator(database.db, workspace.id, created.id);
  await goToStep(database.db, workspace.id, created.id, view.steps.find((s) => s.kind === 'vote')!.id);
  return created.code;
}

async function runWorkshopTarget(servers: Server[], code: string, phones: number): Promise<Figures> {
  const tokens: string[] = [];
  const themes: string[] = [];
  for (let i = 0; i < phones; i++) {
    const response = await fetch(`${servers[i % servers.length]!.url}/api/w/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, side: i % 3 === 0 ? 'B' : 'A' }),
    });
    if (response.status !== 201) throw new Error(`join: ${response.status} ${await response.text()}`);
    tokens.push(((await response.json()) as { token: string }).token);
  }
  const room = (await (
    await fetch(`${servers[0]!.url}/api/w`, { headers: { authorization: `Bearer ${tokens[0]}` } })
  ).json()) as { themes: { id: string }[] };
  themes.push(...room.themes.map((t) => t.id));
  return measure({
    phones,
    streamUrl: (i) => ({
      url: `${servers[i % servers.length]!.url}/api/w/events`,
      headers: { authorization: `Bearer ${tokens[i]}` },
    }),
    vote: async (i, round) => {
      const response = await fetch(`${servers[(i + 1) % servers.length]!.url}/api/w/ballot`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({ [themes[(i + round) % themes.length]!]: round }),
      });
      if (response.status !== 200) throw new Error(`ballot: ${response.status} ${await response.text()}`);
      await response.text();
    },
    serverPids: servers.map((s) => s.process.pid!),
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      phones: { type: 'string', default: '200' },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const phones = wholeNumberOption('--phones', values.phones);
  const rows: Array<[string, Figures]> = [];

  // Baseline: the bare echo server.
  const echo = await spawnServer(['-e', ECHO_SERVER], {});
  try {
    rows.push([
      'bare SSE echo (node:http, no store)',
      await measure({
        phones,
        streamUrl: () => ({ url: `${echo.url}/events`, headers: {} }),
        vote: async () => {
          await (await fetch(`${echo.url}/vote`, { method: 'POST', body: '{}' })).text();
        },
        serverPids: [echo.process.pid!],
      }),
    ]);
  } finally {
    echo.process.kill();
  }

  // The embedded store: one `trustloop serve` on a data folder prepared beforehand.
  const folder = mkdtempSync(join(tmpdir(), 'trustloop-bench-workshop-'));
  try {
    const env = { TRUSTLOOP_DATA: join(folder, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent' };
    const setup = await openConfiguredDatabase({
      ...readEnv(),
      TRUSTLOOP_DATA: env.TRUSTLOOP_DATA,
      DATABASE_URL: undefined,
    });
    const code = await prepareWorkshop(setup);
    await setup.close();
    const server = await spawnServer([BIN, 'serve', '--api-only', '--port', '0'], env);
    try {
      rows.push(['embedded store (PGlite), 1 process', await runWorkshopTarget([server], code, phones)]);
    } finally {
      server.process.kill();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // PostgreSQL: two `trustloop serve` processes on one fresh database.
  const fresh = await createFreshDatabase(benchServerUrl());
  try {
    const setup = await openDatabase({ kind: 'postgres', url: fresh.url });
    const code = await prepareWorkshop(setup);
    await setup.close();
    const env = { DATABASE_URL: fresh.url, LOG_LEVEL: 'silent' };
    const servers = [
      await spawnServer([BIN, 'serve', '--api-only', '--port', '0'], env),
      await spawnServer([BIN, 'serve', '--api-only', '--port', '0'], env),
    ];
    try {
      rows.push(['PostgreSQL, 2 processes', await runWorkshopTarget(servers, code, phones)]);
    } finally {
      for (const server of servers) server.process.kill();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await fresh.forceDrop();
  }

  const baseline = rows[0]![1];
  const machine = describeMachine();
  const table = [
    '| target | vote-to-screen p50 ms | p99 ms | p99 ÷ bare | events/s delivered | server KiB per open stream | reconnect storm ms | storm ÷ bare |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
    ...rows.map(
      ([name, f]) =>
        `| ${name} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${(f.p99 / baseline.p99).toFixed(2)} | ${Math.round(f.eventsPerSecond).toLocaleString('en')} | ${f.kibPerStream === null ? '—' : f.kibPerStream.toFixed(1)} | ${Math.round(f.stormMs)} | ${(f.stormMs / baseline.stormMs).toFixed(2)} |`,
    ),
  ];
  const heading = sectionHeading('Live workshop: votes to every screen', machine);
  const section = [
    heading,
    '',
    ...machineLines(machine, `Node ${process.version}`),
    `- Load: ${phones} phones join one workshop and keep its event stream open (phones spread over the processes); each votes in turn (latency: until every stream has the event its vote caused), then all vote at once (events delivered per second = phones × phones ÷ seconds). Then the reconnect storm: every phone drops, one vote is cast while they are away, and all reconnect at the same moment with Last-Event-ID; the time until every phone has the vote it missed (no reconnect may be refused). Target: p99 ≤ 200 ms and ≤ 2× the bare echo server's p99.`,
    '',
    ...table,
  ].join('\n');
  console.log(`\n${section}`);
  if (!values['print-only']) console.log(`\nRecorded in ${recordSection(heading, section)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
