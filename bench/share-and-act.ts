// Before anything imports React (src/http/production-rendering.ts).
import '../src/http/production-rendering.ts';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { queryRows } from '../src/db/query-rows.ts';
import { participants } from '../src/db/schema.ts';
import { createApp } from '../src/http/create-app.ts';
import { createWebApp } from '../src/http/web-handler.ts';
import { createFinding } from '../src/services/create-finding.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { ensureDemoFacilitator } from '../src/services/ensure-demo-facilitator.ts';
import { getRelationshipAnalysis } from '../src/services/get-relationship-analysis.ts';
import { importBundle } from '../src/services/import-bundle.ts';
import { listFindings } from '../src/services/list-findings.ts';
import { listWorkstreams } from '../src/services/list-workstreams.ts';
import { saveAction } from '../src/services/save-action.ts';
import { createWorkstream } from '../src/services/save-workstream.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { makeLargeBundle } from './make-large-bundle.ts';
import { benchServerUrl, wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';

// `npm run bench:share-and-act` (issue 9): the server time of the workstreams and findings pages
// for a relationship with 4 waves of 2,000 respondents, 50 workstreams and 500 actions on
// PostgreSQL (target ≤ 150 ms warm), beside a baseline in the same run: getRelationshipAnalysis
// alone, the analysis both pages show figures of. Options:
//   --rounds R      timed requests of each kind (default 20)
//   --print-only    print the table without writing bench/RESULTS.md

const TARGET_MS = 150;
const WORKSTREAMS = 50;
const ACTIONS_EACH = 10;
const FINDINGS = 6;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '20' }, 'print-only': { type: 'boolean', default: false } },
  });
  const rounds = wholeNumberOption('--rounds', values.rounds);
  const built = spawnSync('npx', ['tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  const web = await createWebApp();
  const fresh = await createFreshDatabase(benchServerUrl());
  const database = await openDatabase({ kind: 'postgres', url: fresh.url, maxConnections: 10 });
  try {
    const { db } = database;
    const [version] = await queryRows<{ server_version: string }>(db, sql`show server_version`);
    const workspace = await ensureDefaultWorkspace(db);
    const facilitator = await ensureDemoFacilitator(db, workspace.id);
    const bundle = makeLargeBundle();
    const { relationshipId } = await importBundle(db, workspace.id, bundle);
    const owner = async (side: 'A' | 'B') =>
      (
        await db
          .select({ id: participants.id })
          .from(participants)
          .where(and(eq(participants.relationshipId, relationshipId), eq(participants.side, side)))
          .limit(1)
      )[0]!.id;
    const [ownerA, ownerB] = [await owner('A'), await owner('B')];
    const view = await listFindings(db, workspace.id, relationshipId);
    for (const s of view.suggestions.slice(0, FINDINGS)) {
      await createFinding(
        db,
        workspace.id,
        relationshipId,
        {
          wave: view.wave!,
          kind: s.kind,
          concerns: s.concerns,
          title: s.title,
          evidence: s.evidence,
          suggestionKey: s.key,
        },
        { id: null, name: 'Bench' },
      );
    }
    for (let w = 0; w < WORKSTREAMS; w++) {
      const { ref } = await createWorkstream(db, workspace.id, relationshipId, {
        title: `Workstream ${w + 1}`,
        type: 'operational-fix',
        owners: { A: { kind: 'participant', id: ownerA }, B: { kind: 'participant', id: ownerB } },
        targetDimensions: ['reliability', 'openness'],
        startedOn: '2024-03-01',
      });
      for (let a = 0; a < ACTIONS_EACH; a++) {
        await saveAction(db, workspace.id, relationshipId, ref, {
          what: `Action ${a + 1} of ${ref}`,
          owner: { kind: 'participant', id: a % 2 === 0 ? ownerA : ownerB },
          dueOn: `2024-${String((a % 9) + 3).padStart(2, '0')}-15`,
        });
      }
    }
    await db.execute(sql`vacuum (analyze)`);

    const app = createApp({ db, storeKind: 'postgres', web });
    const signIn = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: facilitator.email, password: facilitator.password }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const get = async (path: string) => {
      const started = performance.now();
      const response = await app.request(path, { headers: { cookie } });
      await response.text();
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
      return performance.now() - started;
    };
    const analysis = async () => {
      const started = performance.now();
      await getRelationshipAnalysis(db, workspace.id, relationshipId);
      return performance.now() - started;
    };
    const service = async () => {
      const started = performance.now();
      await listWorkstreams(db, workspace.id, relationshipId);
      return performance.now() - started;
    };
    const paths = {
      workstreams: `/relationships/${relationshipId}/workstreams`,
      findings: `/relationships/${relationshipId}/findings`,
      charter: `/relationships/${relationshipId}/charter`,
    };
    for (const path of Object.values(paths)) await get(path);
    await analysis();
    const times = {
      workstreams: [] as number[],
      service: [] as number[],
      findings: [] as number[],
      charter: [] as number[],
      baseline: [] as number[],
    };
    for (let round = 0; round < rounds; round++) {
      const steps = [
        async () => times.workstreams.push(await get(paths.workstreams)),
        async () => times.service.push(await service()),
        async () => times.findings.push(await get(paths.findings)),
        async () => times.charter.push(await get(paths.charter)),
        async () => times.baseline.push(await analysis()),
      ];
      if (round % 2 === 1) steps.reverse();
      for (const step of steps) await step();
    }
    const row = (name: string, samples: number[], isPage: boolean) => {
      const median = percentile(samples, 50);
      return `| ${name} | ${median.toFixed(1)} | ${percentile(samples, 95).toFixed(1)} | ${(median / percentile(times.baseline, 50)).toFixed(2)}× | ${isPage ? `≤ ${TARGET_MS} ms ${median <= TARGET_MS ? '(met)' : '(MISSED)'}` : ''} |`;
    };
    const table = [
      '| measurement | median ms | p95 ms | ratio to baseline | target |',
      '| --- | ---: | ---: | ---: | --- |',
      row('GET /relationships/:id/workstreams, warm (50 workstreams, 500 actions)', times.workstreams, true),
      row('↳ listWorkstreams alone (the loader)', times.service, false),
      row(
        `GET /relationships/:id/findings, warm (${FINDINGS} findings, suggestions, evidence options)`,
        times.findings,
        true,
      ),
      row('GET /relationships/:id/charter, warm', times.charter, true),
      row('baseline: getRelationshipAnalysis alone (4 waves × 2,000 respondents)', times.baseline, false),
    ].join('\n');
    console.log(`\n${table}`);
    if (!values['print-only']) {
      const machine = describeMachine();
      const heading = sectionHeading('Share and act pages', machine);
      const section = [
        heading,
        '',
        'Written by `npm run bench:share-and-act` (bench/README.md, "Share and act pages").',
        '',
        ...machineLines(
          machine,
          `Node ${machine.node}; PostgreSQL ${version?.server_version ?? 'unknown'} on 127.0.0.1`,
        ),
        `- Workload: one relationship of ${bundle.responses.length.toLocaleString('en')} responses (4 waves × 2,000 respondents), ${WORKSTREAMS} workstreams with ${ACTIONS_EACH} actions each, ${FINDINGS} findings; ${rounds} timed rounds after one warm-up, alternating order.`,
        '- Timed: `app.request()` on the real app with a signed-in session, until the body is read (loader and server render).',
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

await main();
