import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { countRows } from '../../tests/support/count-rows.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { participants as participantsTable, responses, workspaces } from '../db/schema.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type { CreateRelationshipInput, ParticipantInput } from '../domain/setup-input.ts';
import { addParticipant } from './add-participant.ts';
import { closeWave } from './close-wave.ts';
import { createRelationship } from './create-relationship.ts';
import { createWave } from './create-wave.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getRelationshipSetup } from './get-relationship-setup.ts';
import { getResponseTracking } from './get-response-tracking.ts';
import { importParticipantsCsv } from './import-participants-csv.ts';
import { listInstruments } from './list-instruments.ts';
import { listParticipants } from './list-participants.ts';
import { openWave } from './open-wave.ts';
import { previewParticipantsCsv } from './preview-participants-csv.ts';
import { removeParticipant } from './remove-participant.ts';
import { updateParticipant } from './update-participant.ts';
import { updateRelationship } from './update-relationship.ts';
import { uploadInstrument } from './upload-instrument.ts';

// Setting a relationship up (issue 3): the same suite against PGlite and, with DATABASE_URL, PostgreSQL.

function createRelationshipInput(overrides: Partial<CreateRelationshipInput> = {}): CreateRelationshipInput {
  return {
    name: 'Northwind ⇄ Contoso',
    sides: { A: { name: 'Northwind', role: 'customer' }, B: { name: 'Contoso', role: 'supplier' } },
    anonymityThreshold: 3,
    ...overrides,
  };
}

function createParticipantInput(overrides: Partial<ParticipantInput> = {}): ParticipantInput {
  return { name: 'Ann Lee', email: 'ann@northwind.example', side: 'A', level: 'leadership', ...overrides };
}

const MINI_INSTRUMENT = {
  name: 'Mini pulse',
  version: '2',
  scale: { min: 1, max: 5 },
  dimensions: [{ key: 'competence', label: 'Competence' }],
  items: [
    { code: 'C1', dimension: 'competence', kind: 'trust', text: '{other} has the skills.', reverse: false },
  ],
  open: [],
};

describe.each(testStores)('relationship setup on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    otherWorkspaceId = other!.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  test('a relationship is created with its sides and edited; bad input names the field', async () => {
    const db = database.db;
    const created = await createRelationship(
      db,
      workspaceId,
      createRelationshipInput({ anonymityThreshold: 5 }),
    );
    expect(created).toMatchObject({
      name: 'Northwind ⇄ Contoso',
      anonymityThreshold: 5,
      isThresholdFixed: false,
      sides: { A: { name: 'Northwind', role: 'customer' }, B: { name: 'Contoso', role: 'supplier' } },
      waves: [],
      participantCount: 0,
    });
    const updated = await updateRelationship(db, workspaceId, created.id, {
      name: 'Northwind and Contoso',
      sides: { B: { role: 'partner' } },
    });
    expect(updated.name).toBe('Northwind and Contoso');
    expect(updated.sides.B).toEqual({ name: 'Contoso', role: 'partner' });

    const tooHigh = await refusal(
      createRelationship(db, workspaceId, createRelationshipInput({ anonymityThreshold: 11 })),
    );
    expect(tooHigh.code).toBe('invalid-input');
    expect(tooHigh.message).toMatch(/^anonymityThreshold: must be at most 10/);
    const blank = await refusal(
      createRelationship(db, workspaceId, {
        ...createRelationshipInput(),
        sides: { A: { name: ' ', role: '' }, B: { name: 'B', role: '' } },
      }),
    );
    expect(blank.details).toContainEqual(expect.objectContaining({ field: 'sides.A.name' }));
    const typo = await refusal(
      updateRelationship(db, workspaceId, created.id, { anonymityTreshold: 4 } as never),
    );
    expect(typo.message).toMatch(/^anonymityTreshold: is not a known field/);
  });

  test("another workspace's relationship, participant and wave are not found", async () => {
    const db = database.db;
    const theirs = await createRelationship(
      db,
      otherWorkspaceId,
      createRelationshipInput({ name: 'Theirs' }),
    );
    const theirParticipant = await addParticipant(db, otherWorkspaceId, theirs.id, createParticipantInput());
    await createWave(db, otherWorkspaceId, theirs.id, {
      label: 'Baseline',
      opens: '2030-01-01',
      closes: '2030-01-31',
    });
    const mine = await createRelationship(db, workspaceId, createRelationshipInput({ name: 'Mine' }));
    const attempts: Array<() => Promise<unknown>> = [
      () => getRelationshipSetup(db, workspaceId, theirs.id),
      () => updateRelationship(db, workspaceId, theirs.id, { name: 'x' }),
      () => listParticipants(db, workspaceId, theirs.id),
      () => addParticipant(db, workspaceId, theirs.id, createParticipantInput()),
      () => updateParticipant(db, workspaceId, theirs.id, theirParticipant.id, { name: 'x' }),
      () => updateParticipant(db, workspaceId, mine.id, theirParticipant.id, { name: 'x' }),
      () => removeParticipant(db, workspaceId, mine.id, theirParticipant.id),
      () => removeParticipant(db, workspaceId, mine.id, 'not-a-uuid'),
      () => previewParticipantsCsv(db, workspaceId, theirs.id, 'name,email,side,level\n'),
      () => importParticipantsCsv(db, workspaceId, theirs.id, 'name,email,side,level\nA,a@b.co,A,staff\n'),
      () => createWave(db, workspaceId, theirs.id, { label: 'X', opens: '2030-01-01', closes: '2030-01-02' }),
      () => openWave(db, workspaceId, theirs.id, 'Baseline'),
      () => closeWave(db, workspaceId, theirs.id, 'Baseline'),
      () => openWave(db, workspaceId, mine.id, 'Baseline'),
      () => getResponseTracking(db, workspaceId, theirs.id),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe('not-found');
    // Nothing of theirs changed.
    expect(await getRelationshipSetup(db, otherWorkspaceId, theirs.id)).toMatchObject({
      name: 'Theirs',
      participantCount: 1,
      waves: [{ label: 'Baseline', status: 'draft' }],
    });
  });

  test('participants: added with a generated key, emails unique, edited, removed unless they answered', async () => {
    const db = database.db;
    const rel = await createRelationship(db, workspaceId, createRelationshipInput({ name: 'People' }));
    const ann = await addParticipant(db, workspaceId, rel.id, createParticipantInput({ role: 'CIO' }));
    expect(ann).toMatchObject({
      name: 'Ann Lee',
      side: 'A',
      level: 'leadership',
      role: 'CIO',
      hasResponses: false,
    });
    expect(ann.respondentKey).toMatch(/^p-[0-9a-f]{10}$/);
    const bob = await addParticipant(
      db,
      workspaceId,
      rel.id,
      createParticipantInput({
        name: 'Bob',
        email: 'bob@contoso.example',
        side: 'B',
        level: 'staff',
        respondentKey: 'b-1',
      }),
    );
    expect(bob.respondentKey).toBe('b-1');

    const twice = await refusal(
      addParticipant(
        db,
        workspaceId,
        rel.id,
        createParticipantInput({ name: 'Ann again', email: 'ANN@northwind.example' }),
      ),
    );
    expect(twice).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^email: .*already belongs to "Ann Lee"/),
    });
    const badLevel = await refusal(
      addParticipant(db, workspaceId, rel.id, { ...createParticipantInput(), level: 'boss' } as never),
    );
    expect(badLevel.message).toMatch(/^level: must be leadership, operational, staff/);
    const badEmail = await refusal(
      addParticipant(db, workspaceId, rel.id, createParticipantInput({ email: 'ann@x' })),
    );
    expect(badEmail.message).toMatch(/^email: does not look like an email address/);
    // The same email in another relationship is fine.
    const elsewhere = await createRelationship(
      db,
      workspaceId,
      createRelationshipInput({ name: 'Elsewhere' }),
    );
    await addParticipant(db, workspaceId, elsewhere.id, createParticipantInput());

    const moved = await updateParticipant(db, workspaceId, rel.id, bob.id, {
      level: 'operational',
      email: 'robert@contoso.example',
    });
    expect(moved).toMatchObject({ level: 'operational', email: 'robert@contoso.example', name: 'Bob' });
    expect(
      (await refusal(updateParticipant(db, workspaceId, rel.id, bob.id, { email: 'ann@northwind.example' })))
        .code,
    ).toBe('invalid-input');
    // Keeping one's own email is not a clash.
    await updateParticipant(db, workspaceId, rel.id, ann.id, {
      email: 'ann@northwind.example',
      name: 'Ann B. Lee',
    });

    const wave = await createWave(db, workspaceId, rel.id, {
      label: 'Baseline',
      opens: '2030-01-01',
      closes: '2030-01-31',
    });
    await db
      .insert(responses)
      .values({ waveId: wave.id, participantId: ann.id, side: 'A', level: 'leadership', answers: {} });
    const refused = await refusal(removeParticipant(db, workspaceId, rel.id, ann.id));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/Ann B\. Lee cannot be removed: they have responses in wave "Baseline"/);
    await removeParticipant(db, workspaceId, rel.id, bob.id);
    expect((await listParticipants(db, workspaceId, rel.id)).map((p) => [p.name, p.hasResponses])).toEqual([
      ['Ann B. Lee', true],
    ]);
  });

  test('a participants CSV is previewed row by row; a bad file writes nothing; a good one is added whole', async () => {
    const db = database.db;
    const rel = await createRelationship(db, workspaceId, createRelationshipInput({ name: 'CSV' }));
    await addParticipant(db, workspaceId, rel.id, createParticipantInput({ email: 'taken@x.example' }));
    const bad = [
      'Email,NAME,Side,level',
      'ok@x.example,Ok,A,staff',
      'ann@x,Ann,C,boss',
      'ok@x.example,Dup,B,operational',
      'TAKEN@x.example,Taken,B,Leadership',
      ',,a,staff',
    ].join('\n');
    const preview = await previewParticipantsCsv(db, workspaceId, rel.id, bad);
    expect(preview.counts).toEqual({ rows: 5, valid: 1, withProblems: 4 });
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      participant: { name: 'Ok', email: 'ok@x.example', side: 'A', level: 'staff', role: '' },
      problems: [],
    });
    expect(preview.rows[1]!.values).toEqual({
      name: 'Ann',
      email: 'ann@x',
      side: 'C',
      level: 'boss',
      role: '',
    });
    expect(preview.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`)).toEqual([
      '3:1 email: email "ann@x" does not look like an email address (name@example.com)',
      '3:11 side: side "C" is not a side: expected A, B, "Northwind" or "Contoso"',
      '3:13 level: level "boss" is not a level: expected leadership, operational or staff',
      '4:1 email: email "ok@x.example" appears twice in the file (first on line 2)',
      '5:1 email: email "TAKEN@x.example" already belongs to "Ann Lee" in this relationship',
      '6:1 email: email is blank: every participant needs one for their survey link',
      '6:2 name: name is blank: every row needs one',
    ]);
    const before = await countRows(db);
    const refused = await refusal(importParticipantsCsv(db, workspaceId, rel.id, bad));
    expect(refused.code).toBe('invalid-input');
    expect(refused.details).toHaveLength(7);
    expect(refused.details[0]).toMatchObject({
      line: 3,
      column: 1,
      field: 'email',
      text: expect.stringMatching(/^3:1: email/),
    });
    expect(await countRows(db)).toEqual(before);

    const missing = await previewParticipantsCsv(
      db,
      workspaceId,
      rel.id,
      'name,email,side,team\nA,a@b.co,A,x\n',
    );
    expect(missing.problems.map((p) => p.message)).toEqual([
      'the header has no column "level"',
      'unknown column "team": expected name, email, side, level and optionally role',
    ]);
    expect(missing.rows[0]!.participant).toBeNull();

    const good =
      'name,email,side,level,role\nOk,ok@x.example,A,staff,Analyst\n"Lee, Bo",bo@x.example,b,Operational,\n';
    expect(await importParticipantsCsv(db, workspaceId, rel.id, good)).toEqual({
      imported: 2,
      participantCount: 3,
    });
    const listed = await listParticipants(db, workspaceId, rel.id);
    expect(listed.map((p) => [p.name, p.side, p.level, p.role])).toEqual(
      [
        ['Ok', 'A', 'staff', 'Analyst'],
        ['Ann Lee', 'A', 'leadership', ''],
        ['Lee, Bo', 'B', 'operational', ''],
      ].sort((a, b) => `${a[1]}${a[2]}`.localeCompare(`${b[1]}${b[2]}`)),
    );
    expect(new Set(listed.map((p) => p.respondentKey)).size).toBe(3);
    // Importing the same file again clashes with the emails now stored.
    expect((await refusal(importParticipantsCsv(db, workspaceId, rel.id, good))).details).toHaveLength(2);
  });

  test('waves: label unique, dates ordered, built-in instrument by default, draft → open → closed', async () => {
    const db = database.db;
    const rel = await createRelationship(
      db,
      workspaceId,
      createRelationshipInput({ name: 'Waves', anonymityThreshold: 4 }),
    );
    const baseline = await createWave(db, workspaceId, rel.id, {
      label: 'Baseline',
      opens: '2030-03-01',
      closes: '2030-03-21',
    });
    expect(baseline).toMatchObject({
      label: 'Baseline',
      status: 'draft',
      anonymityThreshold: 4,
      instrument: { name: BUILT_IN_INSTRUMENT.name, version: BUILT_IN_INSTRUMENT.version },
    });
    const duplicate = await refusal(
      createWave(db, workspaceId, rel.id, { label: 'Baseline', opens: '2030-03-01', closes: '2030-03-02' }),
    );
    expect(duplicate.message).toMatch(/^label: a wave "Baseline" already exists/);
    const backwards = await refusal(
      createWave(db, workspaceId, rel.id, { label: 'Pulse', opens: '2030-03-21', closes: '2030-03-01' }),
    );
    expect(backwards.message).toBe('closes: must not be before opens');
    const notADate = await refusal(
      createWave(db, workspaceId, rel.id, { label: 'Pulse', opens: '2030-02-30', closes: '2030-03-01' }),
    );
    expect(notADate.message).toBe('opens: is not a real date written YYYY-MM-DD');
    const unknown = await refusal(
      createWave(db, workspaceId, rel.id, {
        label: 'Pulse',
        opens: '2030-03-01',
        closes: '2030-03-02',
        instrument: { name: 'Nope', version: '1' },
      }),
    );
    expect(unknown.message).toMatch(/^instrument: "Nope" version 1 is not an instrument of this workspace/);

    const today = { today: '2030-03-05' };
    expect((await refusal(closeWave(db, workspaceId, rel.id, 'Baseline'))).message).toMatch(
      /has not opened yet/,
    );
    expect(await openWave(db, workspaceId, rel.id, 'Baseline', today)).toMatchObject({ status: 'open' });
    const again = await refusal(openWave(db, workspaceId, rel.id, 'Baseline', today));
    expect(again).toMatchObject({
      code: 'conflict',
      message: 'wave "Baseline" is already open; only a draft wave can be opened',
    });
    // Closed early: the wave says the day it closed.
    expect(await closeWave(db, workspaceId, rel.id, 'Baseline', '2030-03-06')).toMatchObject({
      status: 'closed',
      closes: '2030-03-06',
    });
    expect((await refusal(closeWave(db, workspaceId, rel.id, 'Baseline'))).message).toMatch(/already closed/);
    expect((await refusal(openWave(db, workspaceId, rel.id, 'Baseline', today))).message).toMatch(
      /is closed; only a draft/,
    );

    await createWave(db, workspaceId, rel.id, { label: 'Late', opens: '2030-03-01', closes: '2030-03-04' });
    const late = await refusal(openWave(db, workspaceId, rel.id, 'Late', today));
    expect(late).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/closes on 2030-03-04, which has passed/),
    });
    expect((await refusal(openWave(db, workspaceId, rel.id, 'Nope', today))).code).toBe('not-found');
    expect(
      (await getRelationshipSetup(db, workspaceId, rel.id)).waves.map((w) => [w.label, w.status]),
    ).toEqual([
      ['Baseline', 'closed'],
      ['Late', 'draft'],
    ]);
  });

  test('the threshold changes with draft waves and is fixed once a wave has opened', async () => {
    const db = database.db;
    const rel = await createRelationship(db, workspaceId, createRelationshipInput({ name: 'Threshold' }));
    await createWave(db, workspaceId, rel.id, {
      label: 'Baseline',
      opens: '2030-01-01',
      closes: '2030-01-31',
    });
    const changed = await updateRelationship(db, workspaceId, rel.id, { anonymityThreshold: 6 });
    expect(changed).toMatchObject({
      anonymityThreshold: 6,
      isThresholdFixed: false,
      waves: [{ anonymityThreshold: 6 }],
    });
    await openWave(db, workspaceId, rel.id, 'Baseline', { today: '2030-01-02' });
    const refused = await refusal(
      updateRelationship(db, workspaceId, rel.id, { anonymityThreshold: 3, name: 'Renamed' }),
    );
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(
      /^anonymityThreshold: it stays 6 because wave "Baseline" \(open\) has already opened/,
    );
    // Nothing of the refused change was written, not even the name.
    const setup = await getRelationshipSetup(db, workspaceId, rel.id);
    expect(setup).toMatchObject({ name: 'Threshold', anonymityThreshold: 6, isThresholdFixed: true });
    // The same value, or another field, is still fine.
    expect(
      (await updateRelationship(db, workspaceId, rel.id, { anonymityThreshold: 6, name: 'Renamed' })).name,
    ).toBe('Renamed');
    // A later wave takes the fixed threshold.
    expect(
      (
        await createWave(db, workspaceId, rel.id, {
          label: 'Pulse',
          opens: '2030-06-01',
          closes: '2030-06-30',
        })
      ).anonymityThreshold,
    ).toBe(6);
  });

  test('instruments: the built-in one listed, uploads checked with the bundle rules, versions immutable', async () => {
    const db = database.db;
    await db.execute(
      sql`delete from waves where relationship_id in (select id from relationships where workspace_id = ${workspaceId})`,
    );
    await db.execute(sql`delete from instruments where workspace_id = ${workspaceId}`);
    const first = await listInstruments(db, workspaceId);
    expect(first.map((i) => [i.name, i.version, i.isBuiltIn, i.id])).toEqual([
      [BUILT_IN_INSTRUMENT.name, '1.0', true, null],
    ]);

    const uploaded = await uploadInstrument(db, workspaceId, JSON.stringify(MINI_INSTRUMENT));
    expect(uploaded).toMatchObject({
      isNew: true,
      instrument: { name: 'Mini pulse', version: '2', isBuiltIn: false },
    });
    const reused = await uploadInstrument(db, workspaceId, JSON.stringify(MINI_INSTRUMENT, null, 2));
    expect(reused).toMatchObject({ isNew: false, instrument: { id: uploaded.instrument.id } });
    const changed = await refusal(
      uploadInstrument(db, workspaceId, JSON.stringify({ ...MINI_INSTRUMENT, scale: { min: 1, max: 7 } })),
    );
    expect(changed.code).toBe('conflict');
    const builtInChanged = await refusal(
      uploadInstrument(
        db,
        workspaceId,
        JSON.stringify({ ...MINI_INSTRUMENT, name: BUILT_IN_INSTRUMENT.name, version: '1.0' }),
      ),
    );
    expect(builtInChanged.code).toBe('conflict');

    const broken = await refusal(
      uploadInstrument(
        db,
        workspaceId,
        JSON.stringify({
          ...MINI_INSTRUMENT,
          scale: { min: 5, max: 1 },
          items: [{ ...MINI_INSTRUMENT.items[0], dimension: 'trust' }],
          extra: 1,
        }),
      ),
    );
    expect(broken.code).toBe('invalid-input');
    expect(broken.details.map((d) => (d as { text: string }).text)).toEqual([
      expect.stringMatching(/^instrument\.json \$: unknown field "extra"/),
    ]);
    const fixedBroken = await refusal(
      uploadInstrument(
        db,
        workspaceId,
        JSON.stringify({
          ...MINI_INSTRUMENT,
          scale: { min: 5, max: 1 },
          items: [{ ...MINI_INSTRUMENT.items[0], dimension: 'trust' }],
        }),
      ),
    );
    expect(fixedBroken.details.map((d) => (d as { path: string }).path)).toEqual([
      '$.scale.max',
      '$.items[0].dimension',
      '$.dimensions[0]',
    ]);
    expect((await refusal(uploadInstrument(db, workspaceId, '{ "name": "x", }'))).details).toEqual([
      expect.objectContaining({ line: 1, text: expect.stringMatching(/^instrument\.json:1:\d+: /) }),
    ]);

    const rel = await createRelationship(db, workspaceId, createRelationshipInput({ name: 'Custom' }));
    const wave = await createWave(db, workspaceId, rel.id, {
      label: 'Mini',
      opens: '2030-01-01',
      closes: '2030-01-02',
      instrument: { name: 'Mini pulse', version: '2' },
    });
    expect(wave.instrument).toEqual({ id: uploaded.instrument.id, name: 'Mini pulse', version: '2' });
    await createWave(db, workspaceId, rel.id, {
      label: 'Default',
      opens: '2030-01-01',
      closes: '2030-01-02',
    });
    const listed = await listInstruments(db, workspaceId);
    expect(listed.map((i) => [i.name, i.id !== null])).toEqual([
      [BUILT_IN_INSTRUMENT.name, true],
      ['Mini pulse', true],
    ]);
    // Another workspace sees only the built-in instrument.
    expect((await listInstruments(db, otherWorkspaceId)).map((i) => i.name)).toEqual([
      BUILT_IN_INSTRUMENT.name,
    ]);
  });

  test('response tracking counts invited, started and submitted per side × level, never who', async () => {
    const db = database.db;
    const rel = await createRelationship(db, workspaceId, createRelationshipInput({ name: 'Tracking' }));
    await importParticipantsCsv(
      db,
      workspaceId,
      rel.id,
      'name,email,side,level\nA1,a1@x.example,A,staff\nA2,a2@x.example,A,staff\nA3,a3@x.example,A,staff\nB1,b1@x.example,B,leadership\n',
    );
    const wave = await createWave(db, workspaceId, rel.id, {
      label: 'Baseline',
      opens: '2030-01-01',
      closes: '2030-01-31',
    });
    await createWave(db, workspaceId, rel.id, { label: 'Pulse', opens: '2030-06-01', closes: '2030-06-30' });
    const people = await db.select().from(participantsTable).where(sql`relationship_id = ${rel.id}`);
    const id = (name: string) => people.find((p) => p.name === name)!.id;
    const now = new Date('2030-01-05T10:00:00Z');
    await db.insert(responses).values([
      {
        waveId: wave.id,
        participantId: id('A1'),
        side: 'A',
        level: 'staff',
        answers: {},
        startedAt: now,
        submittedAt: now,
      },
      { waveId: wave.id, participantId: id('A2'), side: 'A', level: 'staff', answers: {}, startedAt: now },
      {
        waveId: wave.id,
        participantId: id('B1'),
        side: 'B',
        level: 'leadership',
        answers: {},
        submittedAt: now,
      },
    ]);
    const tracking = await getResponseTracking(db, workspaceId, rel.id);
    expect(tracking.waves.map((w) => w.label)).toEqual(['Baseline', 'Pulse']);
    const baseline = tracking.waves[0]!;
    expect(baseline.cells).toHaveLength(6);
    expect(baseline.cells.find((c) => c.side === 'A' && c.level === 'staff')).toEqual({
      side: 'A',
      level: 'staff',
      invited: 3,
      started: 2,
      submitted: 1,
    });
    expect(baseline.cells.find((c) => c.side === 'B' && c.level === 'leadership')).toMatchObject({
      invited: 1,
      started: 1,
      submitted: 1,
    });
    expect(baseline.total).toEqual({ invited: 4, started: 3, submitted: 2 });
    expect(tracking.waves[1]!.total).toEqual({ invited: 4, started: 0, submitted: 0 });
    // No link was issued for these waves (the responses were written directly, as an import does).
    expect(tracking.waves.map((w) => w.hasLinks)).toEqual([false, false]);
    expect(JSON.stringify(tracking)).not.toMatch(/A1|a1@|respondent|participantId/);
  });
});
