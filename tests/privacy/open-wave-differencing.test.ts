import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type Database, openDatabase, type StoreKind } from '../../src/db/client.ts';
import { incidents, openAnswers, relationships, responses, waves } from '../../src/db/schema.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { AppEnv } from '../../src/http/app-env.ts';
import { createApp } from '../../src/http/create-app.ts';
import { readBundleFolder } from '../../src/services/bundle-folder.ts';
import { closeWave } from '../../src/services/close-wave.ts';
import { createUser } from '../../src/services/create-user.ts';
import { createWave } from '../../src/services/create-wave.ts';
import { ensureDefaultWorkspace } from '../../src/services/ensure-default-workspace.ts';
import { type IssuedSurveyLink, issueSurveyLinks } from '../../src/services/issue-survey-links.ts';
import { openWave } from '../../src/services/open-wave.ts';
import { TREND_TABLE_KEYS } from '../../src/web/results/build-trend-tables.ts';
import { WAVE_TABLE_KEYS } from '../../src/web/results/build-wave-tables.ts';
import { type ApiClient, signInClient } from '../support/api-client.ts';
import { adminQuery } from '../support/postgres-admin.ts';
import { cli } from '../support/run-cli.ts';
import { makeTempFolder } from '../support/temp-folder.ts';
import { createTestWebApp } from '../support/web-app.ts';

// Issue 8, item 1: no individual can be recovered from results while a wave is open (decision 022).
//
// The attack: a facilitator reads the results, sees in the links list that one known person has
// just submitted, reads again, and takes the difference. The test builds a relationship with a wave
// open and every other participant's answers in, lets one known person (X) submit, and reads every
// surface that results leave the server by — pages and their `.data` twins, the JSON API, every CSV
// download, the CLI, the portfolio and the sponsor's view — once with X's answers, comment and
// survey incident as one set (all 1s, "ALPHA…", diluting) and once as the opposite (all 7s,
// "OMEGA…", building). Everything must be byte for byte the same: nothing anyone can read depends
// on what X said. Reading before X submits must show the same analysis too.
//
// So that the test can fail, the same two reads after the wave has closed must differ: the surfaces
// do show scores, comments and incidents once they are meant to.

const PASSWORD = 'correct horse battery staple';
const WAVE = '36 months';
const ALPHA = 'ALPHA-7f3 the interface team hides outages from us';
const OMEGA = 'OMEGA-2c9 the interface team tells us about outages at once';

type Variant = 'alpha' | 'omega';
const ANSWER: Record<Variant, number> = { alpha: 1, omega: 7 };
const WORDS: Record<Variant, string> = { alpha: ALPHA, omega: OMEGA };

/** A store the CLI can open too: a PGlite data folder, or a fresh PostgreSQL database. */
type World = {
  kind: StoreKind;
  open(): Promise<Database>;
  env: Record<string, string>;
  drop(): Promise<void>;
};

function worlds(): World[] {
  const folder = makeTempFolder();
  const list: World[] = [
    {
      kind: 'pglite',
      open: () => openDatabase({ kind: 'pglite', dataDir: join(folder, 'pglite') }),
      env: { TRUSTLOOP_DATA: folder, DATABASE_URL: '' },
      drop: async () => {},
    },
  ];
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `trustloop_diff_${randomBytes(5).toString('hex')}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    const admin = (statement: string) => adminQuery(server, statement);
    let created = false;
    list.push({
      kind: 'postgres',
      open: async () => {
        if (!created) await admin(`create database ${name}`);
        created = true;
        return openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 4 });
      },
      env: { DATABASE_URL: url.toString() },
      drop: () => admin(`drop database if exists ${name} with (force)`),
    });
  }
  return list;
}

/**
 * What changes between two reads of the same state: CSP nonces, the CSRF token of the session
 * (the test signs in again after each CLI run) and the CSS class names ECharts numbers its charts'
 * shapes with (a count of charts drawn in this process). Nothing else is touched.
 */
function normalise(text: string, csrfToken: string): string {
  return text
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/nonce-[A-Za-z0-9+/=]+/g, 'nonce-')
    .replaceAll(csrfToken, 'CSRF')
    .replace(/\bzr\d+-[a-z]+-?\d+/g, 'zr-id');
}

/** Where two reads first differ, with some context; none when they are the same. */
function firstDifference(key: string, a: string, b: string): string[] {
  if (a === b) return [];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return [
    `${key} @${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`,
  ];
}

describe.each(worlds())('no result of an open wave depends on what one person said ($kind)', (world) => {
  let database: Database;
  let app: Hono<AppEnv>;
  let facilitator: ApiClient;
  let sponsor: ApiClient;
  let workspaceId: string;
  let relationshipId: string;
  let x: IssuedSurveyLink;
  let xResponseId: string;
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  async function connect() {
    database = await world.open();
    app = createApp({ db: database.db, storeKind: world.kind, web: await createTestWebApp() });
    facilitator = await signInClient(app, 'fran@example.com', PASSWORD);
    sponsor = await signInClient(app, 'sam@example.com', PASSWORD);
  }

  beforeAll(async () => {
    database = await world.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
    await createUser(database.db, workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'facilitator',
    });
    const sponsorUser = await createUser(database.db, workspaceId, {
      email: 'sam@example.com',
      name: 'Sam',
      password: PASSWORD,
      role: 'sponsor',
    });
    await database.db.execute(
      sql`insert into sponsor_grants (user_id, relationship_id, side) values (${sponsorUser.id}, ${relationshipId}, 'B')`,
    );
    // Released: the sponsor sees results of closed waves; the open one must still show counts only.
    await database.db
      .update(relationships)
      .set({ resultsReleasedAt: new Date() })
      .where(eq(relationships.id, relationshipId));
    await createWave(database.db, workspaceId, relationshipId, {
      label: WAVE,
      opens: today,
      closes: inDays(30),
    });
    await openWave(database.db, workspaceId, relationshipId, WAVE);
    const links = await issueSurveyLinks(database.db, workspaceId, relationshipId, WAVE, {
      baseUrl: 'http://trustloop.test',
    });
    // X: a participant of a small group (B leadership), the easiest to single out.
    x = links.find((link) => link.side === 'B' && link.level === 'leadership')!;
    await closeAndReopen();

    // Everybody else answers first, through the survey API, with a comment and now and then an incident.
    let i = 0;
    for (const link of links) {
      if (link === x) continue;
      i++;
      await answer(link, (i % 5) + 2, `Comment ${i} from someone else`, i % 7 === 0 ? 'builds' : null);
    }
  });
  afterAll(async () => {
    await database?.close();
    await world.drop();
  });

  /** The app's database is closed while the CLI opens the store itself (PGlite serves one). */
  async function closeAndReopen(between?: () => Promise<void>) {
    await database.close();
    await between?.();
    await connect();
  }

  async function answer(
    link: IssuedSurveyLink,
    value: number,
    words: string,
    incident: 'builds' | 'dilutes' | null,
  ) {
    const token = link.url.split('/s/')[1]!;
    const call = (path: string, method: string, body?: unknown) =>
      app.request(`/api/survey/${token}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await call('/start', 'POST')).status).toBe(200);
    const survey = (await (await call('', 'GET')).json()) as {
      dimensions: Array<{ items: Array<{ code: string }> }>;
    };
    const answers = Object.fromEntries(
      survey.dimensions.flatMap((d) => d.items).map((item) => [item.code, value]),
    );
    expect(
      (await call('/answers', 'PUT', { answers, open: { WORKING: words, NOT_WORKING: words } })).status,
    ).toBe(200);
    if (incident) {
      const reported = await call('/incidents', 'POST', {
        narrative: words,
        direction: incident,
        strength: 3,
        dimensions: ['integrity', 'openness'],
        sidesInvolved: ['A'],
        levelsInvolved: ['operational'],
      });
      expect(reported.status).toBe(201);
    }
    expect((await call('/submit', 'POST', {})).status).toBe(200);
  }

  /** X's stored answers, comments and incident turned into the other variant (same rows, same ids). */
  async function becomeVariant(variant: Variant) {
    const [row] = await database.db.select().from(responses).where(eq(responses.id, xResponseId));
    const answers = Object.fromEntries(Object.keys(row!.answers).map((code) => [code, ANSWER[variant]]));
    await database.db.update(responses).set({ answers }).where(eq(responses.id, xResponseId));
    await database.db
      .update(openAnswers)
      .set({ text: WORDS[variant] })
      .where(eq(openAnswers.responseId, xResponseId));
    await database.db
      .update(incidents)
      .set({
        narrative: WORDS[variant],
        title: WORDS[variant].slice(0, 80),
        direction: variant === 'alpha' ? 'dilutes' : 'builds',
      })
      .where(eq(incidents.responseId, xResponseId));
  }

  /** Every surface results leave the server by, as its bytes. */
  async function readEverything(): Promise<Record<string, string>> {
    const base = `/relationships/${relationshipId}`;
    const wave = encodeURIComponent(WAVE);
    const facilitatorPaths = [
      `/api/relationships/${relationshipId}/analysis`,
      `/api/relationships/${relationshipId}/comments`,
      `/api/relationships/${relationshipId}/comments?wave=${wave}`,
      `/api/relationships/${relationshipId}/comments?wave=${wave}&audience=shared`,
      `/api/relationships/${relationshipId}/incidents`,
      `/api/relationships/${relationshipId}/incident-agreement`,
      '/api/portfolio',
      '/api/relationships',
      `/api/relationships/${relationshipId}/waves/${wave}/links`,
      base,
      `${base}.data`,
      `${base}/results`,
      `${base}/results?wave=${wave}`,
      `${base}/results.data`,
      `${base}/results/${wave}`,
      `${base}/results/24%20months`,
      `${base}/results/24%20months.data`,
      `${base}/trend`,
      `${base}/trend.data`,
      `${base}/comments`,
      `${base}/comments?wave=${wave}`,
      `${base}/comments.data?wave=${wave}`,
      `${base}/incidents`,
      `${base}/incidents.data`,
      `${base}/incident-agreement`,
      `${base}/waves/${wave}`,
      `${base}/waves/${wave}.data`,
      '/portfolio',
      '/portfolio.data',
      '/',
      ...WAVE_TABLE_KEYS.flatMap((table) => [
        `${base}/results-export/${table}?wave=24%20months`,
        `${base}/results-export/${table}?wave=${wave}`,
      ]),
      ...TREND_TABLE_KEYS.map((table) => `${base}/results-export/${table}`),
      `${base}/comments-export?wave=${wave}`,
      `${base}/incidents-export/incidents`,
      `${base}/incidents-export/timeline`,
      `${base}/incidents-export/agreement`,
      '/portfolio-export',
    ];
    const sponsorPaths = [
      '/api/sponsor/relationships',
      `/api/sponsor/relationships/${relationshipId}`,
      '/sponsor',
      `/sponsor/${relationshipId}`,
      `/sponsor/${relationshipId}.data`,
    ];
    const read: Record<string, string> = {};
    for (const [who, client, paths] of [
      ['facilitator', facilitator, facilitatorPaths],
      ['sponsor', sponsor, sponsorPaths],
    ] as const) {
      for (const path of paths) {
        const response = await client.request(path, { redirect: 'manual' });
        expect([path, response.status < 500]).toEqual([path, true]);
        read[`${who} ${path}`] =
          `${response.status} ${response.headers.get('location') ?? ''}\n${normalise(await response.text(), client.csrfToken)}`;
      }
    }
    // The CLI, on the store itself.
    await closeAndReopen(async () => {
      for (const [name, value] of Object.entries(world.env)) vi.stubEnv(name, value);
      try {
        for (const command of [
          ['analyze', relationshipId, '--json'],
          ['analyze', relationshipId],
          ['list', '--json'],
        ]) {
          const run = await cli(...command);
          read[`cli ${command.join(' ')}`] = `${run.code}\n${run.out.join('\n')}\n${run.err.join('\n')}`;
        }
        const folder = join(makeTempFolder(), 'bundle');
        const exported = await cli('export', relationshipId, folder, '--identified');
        expect(exported.code).toBe(0);
        for (const [file, text] of Object.entries(readBundleFolder(folder))) {
          read[`cli export ${file}`] = text ?? '';
        }
      } finally {
        vi.unstubAllEnvs();
      }
    });
    return read;
  }

  test('reads before X submits, with X as one person and with X as the opposite, are the same', async () => {
    const before = await readEverything();
    await answer(x, ANSWER.alpha, ALPHA, 'dilutes');
    const [row] = await database.db
      .select({ id: responses.id })
      .from(responses)
      .innerJoin(waves, eq(waves.id, responses.waveId))
      .where(and(eq(responses.participantId, x.participantId), eq(waves.label, WAVE)));
    xResponseId = row!.id;

    const alpha = await readEverything();
    await becomeVariant('omega');
    const omega = await readEverything();
    expect(Object.keys(omega)).toEqual(Object.keys(alpha));
    // Each differing surface, with where it first differs (a readable failure).
    expect(Object.keys(alpha).flatMap((key) => firstDifference(key, alpha[key]!, omega[key]!))).toEqual([]);
    for (const key of Object.keys(alpha)) {
      expect(alpha[key]).not.toContain('ALPHA-7f3');
      expect(omega[key]).not.toContain('OMEGA-2c9');
    }
    // The analysis, however it is read, is the same before X submitted and after (the 8·m₈ − 7·m₇
    // attack); only response counts move, on the pages that show them.
    for (const key of [
      `facilitator /api/relationships/${relationshipId}/analysis`,
      `cli analyze ${relationshipId} --json`,
      `facilitator /api/relationships/${relationshipId}/incidents`,
      `facilitator /api/relationships/${relationshipId}/comments?wave=${encodeURIComponent(WAVE)}&audience=shared`,
    ]) {
      if (key.includes('/comments')) {
        // The comments of an open wave: none, and a count of submitted responses that moved by one.
        expect(alpha[key]).toContain('"comments":null');
        continue;
      }
      expect([key, alpha[key]]).toEqual([key, before[key]]);
    }
  });

  test('once the wave has closed, the same two reads differ: the surfaces do show what people said', async () => {
    await closeWave(database.db, workspaceId, relationshipId, WAVE);
    const omega = await readEverything();
    await becomeVariant('alpha');
    const alpha = await readEverything();
    const differing = Object.keys(alpha).filter((key) => alpha[key] !== omega[key]);
    expect(differing).toEqual(
      expect.arrayContaining([
        `facilitator /api/relationships/${relationshipId}/analysis`,
        `facilitator /api/relationships/${relationshipId}/comments?wave=${encodeURIComponent(WAVE)}`,
        `facilitator /api/relationships/${relationshipId}/incidents`,
        `cli analyze ${relationshipId} --json`,
      ]),
    );
    expect(
      alpha[`facilitator /api/relationships/${relationshipId}/comments?wave=${encodeURIComponent(WAVE)}`],
    ).toContain('ALPHA-7f3');
  });
});
