import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countRows, EMPTY_COUNTS } from '../../tests/support/count-rows.ts';
import { expectDeepClose } from '../../tests/support/expect-close.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { analyzeRelationship } from '../domain/analyze-relationship.ts';
import { AppError } from '../domain/app-error.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { bundleToAnalysisInput } from '../domain/bundle/bundle-to-analysis-input.ts';
import { parseBundle } from '../domain/bundle/parse-bundle.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import type { Bundle } from '../domain/model.ts';
import { DEFAULT_STAGE_GATES } from '../domain/stage.ts';
import { readBundleFolder, writeBundleFolder } from './bundle-folder.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { exportBundle } from './export-bundle.ts';
import { findRelationship } from './find-relationship.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { importBundle } from './import-bundle.ts';
import { importBundleFolder } from './import-bundle-folder.ts';

// The storage contract: the same suite against PGlite and, with DATABASE_URL, PostgreSQL.

function analyzeInMemory(bundle: Bundle, id: string) {
  return analyzeRelationship(bundleToAnalysisInput(bundle, id));
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
    });
    const stored = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    expectDeepClose(stored, analyzeInMemory(bundle, relationshipId));
  });

  test('export then import gives back the same bundle and the same analysis', async () => {
    await reset();
    const original = createBundle();
    const first = await importBundle(database.db, workspaceId, original);
    const exported = await exportBundle(database.db, workspaceId, first.relationshipId);
    const folder = makeTempFolder();
    writeBundleFolder(`${folder}/bundle`, serializeBundle(exported));
    const reparsed = parseBundle(readBundleFolder(`${folder}/bundle`));
    if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.problems));
    const second = await importBundle(database.db, workspaceId, reparsed.bundle);
    const reexported = await exportBundle(database.db, workspaceId, second.relationshipId);
    expect(serializeBundle(reexported)).toEqual(serializeBundle(exported));
    const sortRows = (b: Bundle) => ({
      ...b,
      responses: [...b.responses].sort((x, y) =>
        `${x.wave}|${x.respondent}`.localeCompare(`${y.wave}|${y.respondent}`),
      ),
      participants: [...b.participants].sort((x, y) => x.respondent.localeCompare(y.respondent)),
    });
    expect(sortRows(exported)).toEqual(sortRows(original));
    const a = await getRelationshipAnalysis(database.db, workspaceId, first.relationshipId);
    const b = await getRelationshipAnalysis(database.db, workspaceId, second.relationshipId);
    expectDeepClose(
      { ...b, relationship: { ...b.relationship, id: 'x' } },
      { ...a, relationship: { ...a.relationship, id: 'x' } },
    );
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
    expect(await countRows(database.db)).toEqual(EMPTY_COUNTS);
  });

  const goodFiles = serializeBundle(createBundle());
  const responsesWith = (from: string, to: string) => ({
    ...goodFiles,
    'responses.csv': goodFiles['responses.csv']!.replace(from, to),
  });
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
    expect(await countRows(database.db)).toEqual(EMPTY_COUNTS);
  });

  test('a failure in the middle of an import rolls the whole import back', async () => {
    await reset();
    const bundle = createBundle();
    // Valid for the parser's types but refused by the database's own check: strength 1–3.
    const incident = { ...bundle.incidents[0]!, strength: 7 as 3 };
    await expect(
      importBundle(database.db, workspaceId, { ...bundle, incidents: [incident] }),
    ).rejects.toThrow();
    expect(await countRows(database.db)).toEqual(EMPTY_COUNTS);
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
    const counts = await countRows(database.db);
    expect({ ...counts, instruments: 0 }).toEqual(EMPTY_COUNTS);
  });
});
