import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codeDemoIncidents } from '../../tests/support/code-demo-incidents.ts';
import { countRows, EMPTY_COUNTS } from '../../tests/support/count-rows.ts';
import { expectDeepClose } from '../../tests/support/expect-close.ts';
import { tagDemoThemes } from '../../tests/support/tag-demo-themes.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database, Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { workspaces } from '../db/schema.ts';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { analyzeRelationship } from '../domain/analyze-relationship.ts';
import { AppError } from '../domain/app-error.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { bundleToAnalysisInput } from '../domain/bundle/bundle-to-analysis-input.ts';
import type { BundleInput, FullBundle } from '../domain/bundle/full-bundle.ts';
import { parseBundle } from '../domain/bundle/parse-bundle.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import type { Bundle } from '../domain/model.ts';
import { DEFAULT_STAGE_GATES } from '../domain/stage.ts';
import { readBundleFolder, writeBundleFolder } from './bundle-folder.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { exportBundle } from './export-bundle.ts';
import { findRelationship } from './find-relationship.ts';
import { getIncidentAgreement } from './get-incident-agreement.ts';
import { getInterview } from './get-interview.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { importBundle } from './import-bundle.ts';
import { importBundleFolder } from './import-bundle-folder.ts';
import { listOpenAnswers } from './list-open-answers.ts';

// The storage contract: the same suite against PGlite and, with DATABASE_URL, PostgreSQL.

function analyzeInMemory(bundle: Bundle, id: string) {
  return analyzeRelationship(bundleToAnalysisInput(bundle, id));
}

/** The tables of the workbench's data a bundle carries, beside tests/support's DATA_TABLES. */
const WORKBENCH_TABLES = ['incident_second_codings', 'quotes', 'open_answer_themes'] as const;
const NOTHING = { ...EMPTY_COUNTS, ...Object.fromEntries(WORKBENCH_TABLES.map((t) => [t, 0])) };

/** Rows per table, the workbench's included, to prove that a refused import wrote nothing. */
async function countEverything(db: Db): Promise<Record<string, number>> {
  const counts = await countRows(db);
  for (const table of WORKBENCH_TABLES) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = Number(row?.n);
  }
  return counts;
}

/** Rows in a stable order (an export lists them by the database's order of keys). */
function sortRows<T extends Bundle>(b: T): T {
  return {
    ...b,
    responses: [...b.responses].sort((x, y) =>
      `${x.wave}|${x.respondent}`.localeCompare(`${y.wave}|${y.respondent}`),
    ),
    participants: [...b.participants].sort((x, y) => x.respondent.localeCompare(y.respondent)),
  };
}

/** Export → files → parse: what `trustloop export` writes and `trustloop import` reads. */
async function exportThroughFiles(db: Db, workspaceId: string, relationshipId: string): Promise<FullBundle> {
  const folder = makeTempFolder();
  writeBundleFolder(
    `${folder}/bundle`,
    serializeBundle(await exportBundle(db, workspaceId, relationshipId, { identified: true })),
  );
  const parsed = parseBundle(readBundleFolder(`${folder}/bundle`));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.bundle;
}

describe.each(testStores)('bundles on $kind', (store) => {
  let database: Database;
  let workspaceId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  // Each test starts from an empty workspace.
  async function reset() {
    await database.db.execute(sql`delete from relationships`);
    await database.db.execute(sql`delete from instruments`);
  }

  test('the stored relationship analyses exactly like the bundle it came from', async () => {
    await reset();
    const bundle = generateDemoBundle();
    const { relationshipId, counts } = await importBundle(database.db, workspaceId, bundle);
    expect(counts).toEqual({
      participants: new Set([...bundle.participants, ...bundle.responses].map((p) => p.respondent)).size,
      waves: 4,
      responses: bundle.responses.length,
      incidents: bundle.incidents.length,
      interviews: bundle.interviews.length,
      secondCodings: 20,
      quotes: 0,
      themeTags: bundle.responses.flatMap((r) => Object.values(r.openThemes).flat()).length,
    });
    const stored = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    expectDeepClose(stored, analyzeInMemory(bundle, relationshipId));
  });

  test('export then import gives back the same bundle and the same analysis', async () => {
    await reset();
    const original = createBundle();
    const first = await importBundle(database.db, workspaceId, original);
    const exported = await exportBundle(database.db, workspaceId, first.relationshipId, { identified: true });
    const folder = makeTempFolder();
    writeBundleFolder(`${folder}/bundle`, serializeBundle(exported));
    const reparsed = parseBundle(readBundleFolder(`${folder}/bundle`));
    if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.problems));
    const second = await importBundle(database.db, workspaceId, reparsed.bundle);
    const reexported = await exportBundle(database.db, workspaceId, second.relationshipId, {
      identified: true,
    });
    expect(serializeBundle(reexported)).toEqual(serializeBundle(exported));
    // Everything the bundle carried, the workbench's data included (the factory has some of each).
    expect(sortRows(exported)).toEqual(sortRows(original));
    const a = await getRelationshipAnalysis(database.db, workspaceId, first.relationshipId);
    const b = await getRelationshipAnalysis(database.db, workspaceId, second.relationshipId);
    expectDeepClose(
      { ...b, relationship: { ...b.relationship, id: 'x' } },
      { ...a, relationship: { ...a.relationship, id: 'x' } },
    );
  });

  test('a default export is de-identified: no name or email with answers, fresh pseudonyms, comments as redacted', async () => {
    await reset();
    const original = createBundle();
    // The facilitator redacted one comment and hid another.
    const [first, , , fourth] = original.responses;
    first!.openModeration = {
      NOT_WORKING: { redactedText: 'Escalations arrive late, by [channel].', hidden: false },
    };
    fourth!.openModeration = { WORKING: { redactedText: null, hidden: true } };
    const { relationshipId } = await importBundle(database.db, workspaceId, original);

    const files = serializeBundle(await exportBundle(database.db, workspaceId, relationshipId));
    const all = Object.values(files).join('\n');
    for (const p of original.participants) {
      for (const value of [p.name, p.email, p.role].filter((v) => v !== '')) expect(all).not.toContain(value);
    }
    for (const r of original.responses)
      expect(all).not.toMatch(new RegExp(`(^|[,\\n])${r.respondent}([,\\n]|$)`));
    expect(all).not.toContain('"after the fact"');
    expect(all).toContain('Escalations arrive late, by [channel].');
    expect(all).not.toContain('Weekly stand-up');
    expect(files['comment-moderation.csv']).toBeUndefined();
    // A second export draws new pseudonyms: two exports cannot be matched person by person.
    const again = serializeBundle(await exportBundle(database.db, workspaceId, relationshipId));
    const keys = (f: Record<string, string>) =>
      f['responses.csv']!.split('\n')
        .slice(1, -1)
        .map((line) => line.split(',')[0]);
    expect(keys(again).some((k) => keys(files).includes(k))).toBe(false);
    // It still imports, and analyses as the original does (the same answers, other keys).
    const reparsed = parseBundle(files);
    if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.problems));
    const copy = await importBundle(database.db, workspaceId, reparsed.bundle);
    const a = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    const b = await getRelationshipAnalysis(database.db, workspaceId, copy.relationshipId);
    expectDeepClose(
      { ...b, relationship: { ...b.relationship, id: 'x' } },
      { ...a, relationship: { ...a.relationship, id: 'x' } },
    );

    // --identified is the full backup: names, the original words, the redaction and the hidden answer.
    const backup = serializeBundle(
      await exportBundle(database.db, workspaceId, relationshipId, { identified: true }),
    );
    expect(backup['participants.csv']).toContain('asa.lindqvist@northwind.example');
    expect(backup['responses.csv']).toContain('""after the fact""');
    expect(backup['comment-moderation.csv']).toBe(
      'wave,respondent,question,redacted_text,hidden\n' +
        'Baseline,a-lead-1,NOT_WORKING,"Escalations arrive late, by [channel].",no\n' +
        'Pulse 1,a-lead-1,WORKING,,yes\n',
    );
    const restored = parseBundle(backup);
    if (!restored.ok) throw new Error(JSON.stringify(restored.problems));
    expect(restored.bundle.responses.find((r) => r.wave === 'Pulse 1')?.openModeration).toEqual({
      WORKING: { redactedText: null, hidden: true },
    });
  });

  test('a wave that is not closed is left out of every export, with its survey incidents', async () => {
    await reset();
    const { relationshipId } = await importBundle(database.db, workspaceId, createBundle());
    await database.db.execute(
      sql`update waves set status = 'open' where label = 'Pulse 1' and relationship_id = ${relationshipId}`,
    );
    for (const identified of [false, true]) {
      const bundle = await exportBundle(database.db, workspaceId, relationshipId, { identified });
      expect(bundle.relationship.waves.map((w) => w.label)).toEqual(['Baseline']);
      expect(bundle.responses.every((r) => r.wave === 'Baseline')).toBe(true);
    }
  });

  test('the golden bundle imports from its folder and keeps every answer', async () => {
    await reset();
    const folder = new URL('../../tests/fixtures/golden-bundle/', import.meta.url).pathname;
    const { relationshipId } = await importBundleFolder(database.db, workspaceId, folder);
    const parsed = parseBundle(readBundleFolder(folder));
    if (!parsed.ok) throw new Error('golden bundle must parse');
    const stored = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    expectDeepClose(stored, analyzeInMemory(parsed.bundle, relationshipId));
    const expected = JSON.parse(readFileSync(new URL('expected.json', `file://${folder}`), 'utf8')) as {
      index: Array<{ wave: string; side: 'A' | 'B'; index: number }>;
    };
    for (const row of expected.index) {
      expect(stored.waves.find((w) => w.label === row.wave)?.index[row.side]).toBeCloseTo(row.index, 10);
    }
  });

  test('a bad bundle is refused with every problem and nothing is written', async () => {
    await reset();
    const files = serializeBundle(createBundle());
    const broken = {
      ...files,
      'responses.csv': files['responses.csv']!.replace(
        '\na-ops-1,A,operational,Baseline,4',
        '\na-ops-1,C,operational,Baseline,9',
      ),
    };
    const folder = makeTempFolder(broken);
    const error = await importBundleFolder(database.db, workspaceId, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-bundle');
    const texts = (error as AppError).details.map((d) => (d as { text: string }).text);
    expect(texts.some((t) => /^responses\.csv:\d+:\d+: .*side.*"C"/i.test(t))).toBe(true);
    expect(texts.some((t) => /^responses\.csv:\d+:\d+: .*9.*scale/i.test(t))).toBe(true);
    expect(await countEverything(database.db)).toEqual(NOTHING);
  });

  const goodFiles = serializeBundle(createBundle());
  const responsesWith = (from: string, to: string) => ({
    ...goodFiles,
    'responses.csv': goodFiles['responses.csv']!.replace(from, to),
  });
  const fileWith = (file: string, from: string, to: string) => {
    if (!goodFiles[file]?.includes(from)) throw new Error(`${file} has no ${from}`);
    return { ...goodFiles, [file]: goodFiles[file].replace(from, to) };
  };
  test.each([
    {
      case: 'unknown item code',
      files: responsesWith('COM1,', 'COM9,'),
      message:
        'responses.csv:1:28: unknown column "COM9": it is not a fixed column (respondent, side, level, wave) nor an item or open-question code of the instrument',
    },
    {
      case: 'value off the scale',
      files: responsesWith('a-ops-1,A,operational,Baseline,4', 'a-ops-1,A,operational,Baseline,8'),
      message: 'responses.csv:3:32: value 8 is off the scale 1–7 for item COM1',
    },
    {
      case: 'unknown side',
      files: responsesWith('a-ops-1,A,', 'a-ops-1,C,'),
      message: 'responses.csv:3:9: side "C" is not a side: expected A or B',
    },
    {
      case: 'unknown level',
      files: responsesWith('a-ops-1,A,operational', 'a-ops-1,A,board'),
      message: 'responses.csv:3:11: level "board" is not a level: expected leadership, operational or staff',
    },
    {
      case: 'unknown wave',
      files: responsesWith('a-ops-1,A,operational,Baseline', 'a-ops-1,A,operational,Week 9'),
      message:
        'responses.csv:3:23: wave "Week 9" is not a wave of relationship.json: expected "Baseline" or "Pulse 1"',
    },
    {
      case: 'duplicate respondent in a wave',
      files: responsesWith('a-ops-1,A,operational,Baseline', 'a-lead-1,A,leadership,Baseline'),
      message: 'responses.csv:3:1: respondent "a-lead-1" appears twice in wave "Baseline" (first on line 2)',
    },
    {
      case: 'malformed CSV',
      files: responsesWith('a-ops-1,A,operational,Baseline,4,', 'a-ops-1,A,operational,Baseline,4,4,'),
      message: 'responses.csv:3:88: this row has 34 fields but the header has 33',
    },
    {
      case: 'malformed JSON',
      files: {
        ...goodFiles,
        'relationship.json': goodFiles['relationship.json']!.replace('"sides"', '"sides" "x"'),
      },
      message: 'relationship.json:4:11: expected : after the field name, found a double quote (")',
    },
    {
      case: 'missing file',
      files: { ...goodFiles, 'responses.csv': undefined },
      message: 'responses.csv: the file is missing; every bundle needs one',
    },
    {
      case: 'a trigger that is not one',
      files: fileWith('incidents.csv', ',coded,,communication,', ',coded,,weather,'),
      message:
        'incidents.csv:2:241: trigger "weather" is not a trigger: expected delivery, commercial, communication, people, escalation, governance or external, or blank when not coded',
    },
    {
      case: 'an incident from an interview the bundle does not have',
      files: fileWith('incidents.csv', ',IV-1,We finally', ',IV-9,We finally'),
      message: 'incidents.csv:3:205: interview "IV-9" is not the ref of an interview in interviews.csv',
    },
    {
      case: 'a second coding of an incident the bundle does not have',
      files: fileWith('second-codings.csv', '\nINC-1,', '\nINC-7,'),
      message: 'second-codings.csv:2:1: incident "INC-7" is not the ref of an incident in incidents.csv',
    },
    {
      case: 'an interview status that is not one',
      files: fileWith('interviews.csv', ',scheduled,', ',cancelled,'),
      message:
        'interviews.csv:5:42: status "cancelled" is not a status: expected scheduled or held, or blank for held',
    },
    {
      case: 'a quote from an interview the bundle does not have',
      files: fileWith('quotes.csv', '\nIV-1,', '\nIV-3,'),
      message: 'quotes.csv:2:1: interview "IV-3" is not the ref of an interview in interviews.csv',
    },
    {
      case: 'a theme tag on an answer that was not given',
      files: fileWith('open-answer-themes.csv', 'NOT_WORKING,Escalations', 'WORKING,Escalations'),
      message:
        'open-answer-themes.csv:2:19: respondent "a-lead-1" did not answer WORKING in wave "Baseline": a theme tags an open answer',
    },
  ])('refused: $case — the message says where and nothing is written', async ({ files, message }) => {
    await reset();
    const folder = makeTempFolder(
      Object.fromEntries(
        Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    );
    const error = await importBundleFolder(database.db, workspaceId, folder).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('invalid-bundle');
    expect((error as AppError).details.map((d) => (d as { text: string }).text)).toContain(message);
    expect(await countEverything(database.db)).toEqual(NOTHING);
  });

  test('a failure in the middle of an import rolls the whole import back', async () => {
    await reset();
    const bundle = createBundle();
    // Valid for the parser's types but refused by the database's own check: strength 1–3.
    const incident = { ...bundle.incidents[0]!, strength: 7 as 3 };
    await expect(
      importBundle(database.db, workspaceId, { ...bundle, incidents: [incident] }),
    ).rejects.toThrow();
    expect(await countEverything(database.db)).toEqual(NOTHING);
  });

  test.each<{ case: string; change: (bundle: FullBundle) => BundleInput }>([
    {
      // Written after the interviews, incidents and second codings.
      case: 'a quote naming an interview the bundle does not hold',
      change: (b) => ({ ...b, quotes: [...b.quotes, { ...b.quotes[0]!, interviewRef: 'IV-9' }] }),
    },
    {
      // Refused by the database: the tag's answer (a foreign key) is not there.
      case: 'a theme tag on a question the respondent did not answer',
      change: (b) => ({
        ...b,
        responses: b.responses.map((r, i) =>
          i === 1 ? { ...r, openThemes: { WORKING: ['Stand-ups'] } } : r,
        ),
      }),
    },
    {
      case: 'a second coding the database refuses',
      change: (b) => ({
        ...b,
        incidents: b.incidents.map((i) =>
          i.secondCoding ? { ...i, secondCoding: { ...i.secondCoding, strength: 9 as 3 } } : i,
        ),
      }),
    },
  ])('a failure in the workbench’s data rolls the whole import back: $case', async ({ change }) => {
    await reset();
    await expect(importBundle(database.db, workspaceId, change(createBundle()))).rejects.toThrow();
    expect(await countEverything(database.db)).toEqual(NOTHING);
  });

  test('an instrument already stored under the same name and version must have the same content', async () => {
    await reset();
    const bundle = createBundle();
    const custom = { ...bundle.instrument, name: 'Our instrument', version: '2' };
    await importBundle(database.db, workspaceId, {
      ...bundle,
      instrument: custom,
      hasCustomInstrument: true,
    });
    const before = await countRows(database.db);
    const changed = {
      ...custom,
      items: custom.items.map((i, n) => (n === 0 ? { ...i, text: 'Reworded' } : i)),
    };
    const error = await importBundle(database.db, workspaceId, {
      ...bundle,
      instrument: changed,
      hasCustomInstrument: true,
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).message).toMatch(/Our instrument.*version 2.*new version/);
    expect(await countRows(database.db)).toEqual(before);
    // The same content again is simply reused.
    await importBundle(database.db, workspaceId, {
      ...bundle,
      instrument: custom,
      hasCustomInstrument: true,
    });
    expect((await countRows(database.db)).instruments).toBe(before.instruments);
  });

  test('another workspace cannot find this workspace’s relationship', async () => {
    await reset();
    const { relationshipId } = await importBundle(database.db, workspaceId, createBundle());
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    await expect(findRelationship(database.db, other!.id, relationshipId)).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(findRelationship(database.db, other!.id, 'Northwind')).rejects.toMatchObject({
      code: 'not-found',
    });
    expect((await findRelationship(database.db, workspaceId, relationshipId.slice(0, 8))).id).toBe(
      relationshipId,
    );
    expect((await findRelationship(database.db, workspaceId, 'northwind')).id).toBe(relationshipId);
  });

  test('the database itself refuses values outside the domain vocabulary', async () => {
    await reset();
    const { relationshipId } = await importBundle(database.db, workspaceId, createBundle());
    await expect(
      database.db.execute(
        sql`insert into participants (relationship_id, respondent_key, side, level) values (${relationshipId}, 'x', 'C', 'staff')`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(
        sql`insert into participants (relationship_id, respondent_key, side, level) values (${relationshipId}, 'x', 'A', 'board')`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`update relationships set anonymity_threshold = 2`),
    ).rejects.toThrow();
  });

  test('a workspace’s own stage gates decide its stages', async () => {
    await reset();
    const { relationshipId } = await importBundle(database.db, workspaceId, generateDemoBundle());
    const before = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    expect(before.waves.map((w) => w.stage.level)).toEqual([1, 2, 2, 3]);
    const strict = {
      ...DEFAULT_STAGE_GATES,
      stages: DEFAULT_STAGE_GATES.stages.map((gate) =>
        gate.level === 1 ? { ...gate, requirements: [{ dimension: 'reliability', min: 90 }] } : gate,
      ),
    };
    await database.db.update(workspaces).set({ stageGates: strict }).where(eq(workspaces.id, workspaceId));
    try {
      const after = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
      expect(after.waves.map((w) => w.stage.level)).toEqual([0, 0, 0, 0]);
      expect(after.waves[0]!.stage.reasons.join(' ')).toMatch(/90 needed/);
    } finally {
      await database.db.update(workspaces).set({ stageGates: null }).where(eq(workspaces.id, workspaceId));
    }
  });

  test('deleting a relationship removes everything that belongs to it', async () => {
    await reset();
    await importBundle(database.db, workspaceId, createBundle());
    await database.db.execute(sql`delete from relationships`);
    const counts = await countEverything(database.db);
    expect({ ...counts, instruments: 0 }).toEqual(NOTHING);
  });

  test('quotes keep the order they were taken in, through an import and an export', async () => {
    await reset();
    const bundle = createBundle();
    const taken = ['8', '3', '6', '1', '7', '2', '5', '4'].map((n) => ({
      ...bundle.quotes[n === '1' ? 1 : 0]!,
      text: `Passage ${n}`,
    }));
    const { relationshipId } = await importBundle(database.db, workspaceId, { ...bundle, quotes: taken });
    expect(
      (await exportBundle(database.db, workspaceId, relationshipId, { identified: true })).quotes,
    ).toEqual(taken);
  });

  test('the demo’s workbench survives export → import → export: coding, κ, links, transcripts, themes', async () => {
    await reset();
    const demo = generateDemoBundle();
    const first = await importBundle(database.db, workspaceId, demo);
    const exported = await exportThroughFiles(database.db, workspaceId, first.relationshipId);
    expect(sortRows(exported)).toEqual(sortRows(demo));
    const second = await importBundle(database.db, workspaceId, exported);
    const again = await exportBundle(database.db, workspaceId, second.relationshipId, { identified: true });
    expect(serializeBundle(again)).toEqual(serializeBundle(exported));

    // What the workbench's pages read of the two relationships is the same.
    const [a, b] = [first.relationshipId, second.relationshipId];
    const agreement = (id: string) =>
      getIncidentAgreement(database.db, workspaceId, id).then(({ relationship: _, ...rest }) => rest);
    expect(await agreement(b)).toEqual(await agreement(a));
    expect((await agreement(a)).doubleCoded).toBe(20);
    const themes = (id: string) =>
      listOpenAnswers(database.db, workspaceId, id, { wave: '12 months' }).then((v) => v.comments?.themes);
    expect(await themes(b)).toEqual(await themes(a));
    const interview = (id: string) =>
      getInterview(database.db, workspaceId, id, 'INT-014').then((v) => ({
        transcript: v.interview.transcript,
        incidents: v.incidents,
      }));
    const taken = await interview(a);
    expect(taken.transcript).toMatch(/no handover notes/);
    expect(taken.incidents.map((i) => i.ref)).toEqual(['INC-024', 'INC-028']);
    expect(await interview(b)).toEqual(taken);
  });

  test('loadDemo is one import, giving the coding and tags that coding the stored demo gives', async () => {
    await reset();
    const loaded = await loadDemo(database.db, workspaceId, { again: true });
    // The demo without its coding, second codings and tags, then coded and tagged once stored,
    // as loadDemo did before the bundle could carry them.
    const demo = generateDemoBundle();
    const bare: BundleInput = {
      ...demo,
      responses: demo.responses.map(({ openThemes: _, ...r }) => r),
      incidents: demo.incidents.map(
        ({ trigger: _t, smallBigThing: _s, contractScope: _c, secondCoding: _2, ...i }) => i,
      ),
    };
    const stored = await importBundle(database.db, workspaceId, bare);
    // The loaded demo's twenty second codings; the bare import brought none.
    expect(await countEverything(database.db)).toMatchObject({ incident_second_codings: 20 });
    await codeDemoIncidents(database.db, workspaceId, stored.relationshipId);
    expect(await tagDemoThemes(database.db, workspaceId, stored.relationshipId)).toBeGreaterThan(0);
    const files = async (id: string) =>
      serializeBundle(await exportBundle(database.db, workspaceId, id, { identified: true }));
    expect(await files(stored.relationshipId)).toEqual(await files(loaded.relationshipId));
    // Coding the loaded demo again changes nothing, and tags nothing new.
    await codeDemoIncidents(database.db, workspaceId, loaded.relationshipId);
    expect(await tagDemoThemes(database.db, workspaceId, loaded.relationshipId)).toBe(0);
    expect(await files(loaded.relationshipId)).toEqual(await files(stored.relationshipId));
  });
});
