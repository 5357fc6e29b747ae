// Before anything imports React (src/http/production-rendering.ts).
import '../src/http/production-rendering.ts';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { openDatabase } from '../src/db/client.ts';
import type { AppEnv } from '../src/http/app-env.ts';
import { createApp } from '../src/http/create-app.ts';
import { createWebApp } from '../src/http/web-handler.ts';
import { createRelationship } from '../src/services/create-relationship.ts';
import { createWave } from '../src/services/create-wave.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { importParticipantsCsv } from '../src/services/import-participants-csv.ts';
import { issueSurveyLinks } from '../src/services/issue-survey-links.ts';
import { openWave } from '../src/services/open-wave.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { recordSection } from './record-section.ts';

// `npm run bench:lighthouse`: Lighthouse (its default mobile emulation: Moto G Power viewport,
// 4× CPU slowdown, slow 4G) on the participant's survey pages, served by the real app with the web
// build over a fresh PostgreSQL database (bench/README.md, "Lighthouse"). Options:
//   --runs N         Lighthouse runs per page; the median performance score is reported (default 3)
//   --build          rebuild the web app first (default: only when build/ is missing or older than src/web)
//   --print-only     print the table without writing bench/RESULTS.md

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TARGET_PERFORMANCE = 95;
const TARGET_ACCESSIBILITY = 100;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const LIGHTHOUSE_BIN = join(ROOT, 'node_modules/.bin/lighthouse');

type PageResult = {
  label: string;
  path: string;
  /** What the page showed (its <h1>), to spot placeholders and error pages. */
  heading: string;
  performance: number[];
  accessibility: number[];
  scriptBytes: number;
  scriptRequests: number;
  totalBytes: number;
  metrics: { fcp: number; lcp: number; tbt: number; cls: number };
  failedAudits: string[];
  /** Lighthouse's performance opportunities and diagnostics that did not pass, with their savings. */
  opportunities: string[];
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      build: { type: 'boolean', default: false },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const runs = wholeNumberOption('--runs', values.runs);
  ensureWebBuild(values.build);

  const serverUrl = benchServerUrl();
  const fresh = await createFreshDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: 4 });
  let server: ReturnType<typeof serve> | undefined;
  // Other work may rebuild build/ while Lighthouse runs, replacing the fingerprinted assets the
  // loaded server build points at. Serve the assets from a copy taken now, and check below that
  // every script and style the pages name is there.
  const snapshot = mkdtempSync(join(tmpdir(), 'trustloop-build-'));
  cpSync(join(ROOT, 'build/client'), snapshot, { recursive: true });
  try {
    const web = new Hono<AppEnv>();
    web.use(
      '/assets/*',
      serveStatic({
        root: snapshot,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    web.route('/', await createWebApp());
    const app = createApp({ db: database.db, storeKind: 'postgres', web });
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const [startToken, sectionToken] = await setUpLinks(database.db, origin);
    // The section page needs a started survey: start it as the Start button would (a POST).
    const started = await fetch(`${origin}/api/survey/${sectionToken}/start`, { method: 'POST' });
    if (!started.ok) throw new Error(`starting the survey: ${started.status} ${await started.text()}`);

    const pages = [
      { label: 'survey start page', path: `/s/${startToken}`, shown: '/s/<token>' },
      {
        label: 'survey section 1 (started)',
        path: `/s/${sectionToken}/questions/1`,
        shown: '/s/<token>/questions/1',
      },
    ];
    for (const page of pages) await requireAssets(origin, page.path);
    const results: PageResult[] = [];
    for (const page of pages) {
      console.log(`— ${page.label}`);
      results.push(await auditPage(origin, page, runs));
    }

    const machine = describeMachine();
    const chrome = run(CHROME_PATH, ['--version']) ?? 'unknown Chromium';
    const table = renderTable(results);
    const notes = renderNotes(results);
    console.log(`\n${table}\n${notes}`);
    if (!values['print-only']) {
      const heading = sectionHeading('Lighthouse (mobile)', machine);
      const section = [
        heading,
        '',
        'Written by `npm run bench:lighthouse` (bench/README.md, "Lighthouse").',
        '',
        ...machineLines(
          machine,
          `Node ${machine.node}, Lighthouse ${readLighthouseVersion()}, ${chrome}`,
          `commit ${machine.commit}; web build of ${new Date(statSync(join(ROOT, 'build/server/index.js')).mtimeMs).toISOString()}`,
        ),
        `- Set-up: the app with its web build on 127.0.0.1 over a fresh PostgreSQL database; one relationship, ` +
          `an open wave, a personal link per page; Lighthouse's default mobile emulation (simulated throttling), ` +
          `categories performance and accessibility, ${runs} run${runs === 1 ? '' : 's'} per page (median performance; ` +
          `accessibility is the same each run)`,
        '',
        table,
        notes,
        '',
      ].join('\n');
      console.log(`\nRecorded in ${recordSection(heading, section)}`);
    }
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await database.close();
    await fresh.drop();
    rmSync(snapshot, { recursive: true, force: true });
  }
}

/** Every /assets/… file a page names answers 200 (else the build changed under the server). */
async function requireAssets(origin: string, path: string): Promise<void> {
  const html = await (await fetch(`${origin}${path}`)).text();
  const assets = new Set(html.match(/\/assets\/[\w.-]+/g) ?? []);
  for (const asset of assets) {
    const response = await fetch(`${origin}${asset}`);
    await response.arrayBuffer();
    if (response.status !== 200)
      throw new Error(`${asset}: ${response.status} — build/ changed while the server started; run again`);
  }
}

function ensureWebBuild(isForced: boolean): void {
  const serverBuild = join(ROOT, 'build/server/index.js');
  let builtAt = 0;
  try {
    builtAt = statSync(serverBuild).mtimeMs;
  } catch {
    // no build yet
  }
  const newestSource = newestFile(join(ROOT, 'src/web'));
  if (!isForced && builtAt > newestSource) return;
  console.log(builtAt === 0 ? 'Building the web app…' : 'Rebuilding the web app (src/web is newer)…');
  execFileSync(join(ROOT, 'node_modules/.bin/react-router'), ['build'], { cwd: ROOT, stdio: 'inherit' });
}

function newestFile(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function setUpLinks(db: Parameters<typeof createRelationship>[0], origin: string): Promise<string[]> {
  const workspace = await ensureDefaultWorkspace(db);
  const relationship = await createRelationship(db, workspace.id, {
    name: 'Northwind and Contoso',
    sides: {
      A: { name: 'Northwind Components', role: 'supplier' },
      B: { name: 'Contoso Assembly', role: 'customer' },
    },
  });
  await importParticipantsCsv(
    db,
    workspace.id,
    relationship.id,
    'name,email,side,level\nAda Example,ada@example.com,A,staff\nBen Example,ben@example.com,B,operational\n',
  );
  const today = new Date().toISOString().slice(0, 10);
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await createWave(db, workspace.id, relationship.id, { label: 'Spring', opens: today, closes });
  await openWave(db, workspace.id, relationship.id, 'Spring');
  const links = await issueSurveyLinks(db, workspace.id, relationship.id, 'Spring', { baseUrl: origin });
  return links.map((link) => link.url.split('/s/')[1] ?? '');
}

async function auditPage(
  origin: string,
  page: { label: string; path: string; shown: string },
  runs: number,
): Promise<PageResult> {
  const url = `${origin}${page.path}`;
  const html = await (await fetch(url)).text();
  const heading = (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '(no h1)').replace(/<[^>]+>/g, '').trim();
  const folder = mkdtempSync(join(tmpdir(), 'trustloop-lighthouse-'));
  const performance: number[] = [];
  const accessibility: number[] = [];
  let last: LighthouseReport | undefined;
  try {
    for (let round = 0; round < runs; round++) {
      const output = join(folder, `report-${round}.json`);
      await runLighthouse(url, output);
      const report = JSON.parse(readFileSync(output, 'utf8')) as LighthouseReport;
      if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.message}`);
      performance.push(Math.round((report.categories.performance?.score ?? 0) * 100));
      accessibility.push(Math.round((report.categories.accessibility?.score ?? 0) * 100));
      console.log(
        `  run ${round + 1}: performance ${performance.at(-1)}, accessibility ${accessibility.at(-1)}`,
      );
      last = report;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  if (!last) throw new Error('no Lighthouse run');
  const resources = last.audits['resource-summary']?.details?.items ?? [];
  const script = resources.find((item) => item.resourceType === 'script');
  const total = resources.find((item) => item.resourceType === 'total');
  const numeric = (id: string) => last!.audits[id]?.numericValue ?? Number.NaN;
  const failedAudits = Object.values(last.categories.accessibility?.auditRefs ?? [])
    .map((ref) => last!.audits[ref.id])
    .filter(
      (audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary',
    )
    .map((audit) => `${audit!.id}: ${audit!.title}`);
  const opportunities = Object.values(last.audits)
    .filter(
      (audit): audit is LighthouseAudit =>
        audit !== undefined &&
        audit.score !== null &&
        audit.score < 0.9 &&
        (audit.details?.type === 'opportunity' || (audit.details?.overallSavingsBytes ?? 0) > 0) &&
        ((audit.details?.overallSavingsMs ?? 0) > 0 || (audit.details?.overallSavingsBytes ?? 0) > 0),
    )
    .map(
      (audit) =>
        `${audit.id} (${[
          audit.details?.overallSavingsMs ? `≈ ${Math.round(audit.details.overallSavingsMs)} ms` : '',
          audit.details?.overallSavingsBytes ? `≈ ${kib(audit.details.overallSavingsBytes)}` : '',
        ]
          .filter(Boolean)
          .join(', ')})`,
    );
  return {
    label: page.label,
    path: page.shown,
    opportunities,
    heading,
    performance,
    accessibility,
    scriptBytes: script?.transferSize ?? 0,
    scriptRequests: script?.requestCount ?? 0,
    totalBytes: total?.transferSize ?? 0,
    metrics: {
      fcp: numeric('first-contentful-paint'),
      lcp: numeric('largest-contentful-paint'),
      tbt: numeric('total-blocking-time'),
      cls: numeric('cumulative-layout-shift'),
    },
    failedAudits,
  };
}

type LighthouseAudit = {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  details?: {
    type?: string;
    overallSavingsMs?: number;
    overallSavingsBytes?: number;
    items?: Array<{ resourceType: string; requestCount: number; transferSize: number }>;
  };
};
type LighthouseReport = {
  lighthouseVersion: string;
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string }> } | undefined>;
  audits: Record<string, LighthouseAudit | undefined>;
};

function runLighthouse(url: string, outputPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      LIGHTHOUSE_BIN,
      [
        url,
        '--only-categories=performance,accessibility',
        '--output=json',
        `--output-path=${outputPath}`,
        `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`lighthouse failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

function renderTable(results: readonly PageResult[]): string {
  const lines = [
    '| page | h1 shown | performance (runs) | accessibility | JavaScript transferred | all transferred | FCP / LCP ms | TBT ms | CLS | target | result |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const result of results) {
    const performance = median(result.performance);
    const accessibility = Math.min(...result.accessibility);
    const isMet = performance >= TARGET_PERFORMANCE && accessibility >= TARGET_ACCESSIBILITY;
    lines.push(
      `| ${result.label} \`${result.path}\` | ${result.heading} | ${performance} (${result.performance.join(', ')}) | ` +
        `${accessibility} | ${kib(result.scriptBytes)} in ${result.scriptRequests} files | ${kib(result.totalBytes)} | ` +
        `${result.metrics.fcp.toFixed(0)} / ${result.metrics.lcp.toFixed(0)} | ${result.metrics.tbt.toFixed(0)} | ` +
        `${result.metrics.cls.toFixed(3)} | performance ≥ ${TARGET_PERFORMANCE}, accessibility ${TARGET_ACCESSIBILITY} | ` +
        `${isMet ? 'pass' : '**FAIL**'} |`,
    );
  }
  return lines.join('\n');
}

function renderNotes(results: readonly PageResult[]): string {
  const notes: string[] = [];
  for (const result of results) {
    if (result.opportunities.length > 0)
      notes.push(
        `- ${result.label}: Lighthouse's opportunities (last run) — ${result.opportunities.join('; ')}`,
      );
    if (result.failedAudits.length > 0)
      notes.push(`- ${result.label}: accessibility audits failed — ${result.failedAudits.join('; ')}`);
    if (/^survey-(start|section)$/.test(result.heading))
      notes.push(
        `- ${result.label}: the page was still a placeholder (h1 "${result.heading}") when measured; rerun when it is built`,
      );
  }
  return notes.length > 0 ? `\n${notes.join('\n')}` : '';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function readLighthouseVersion(): string {
  const path = join(ROOT, 'node_modules/lighthouse/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
}

function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
