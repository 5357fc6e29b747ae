import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { codeDemoIncidents, DEMO_SECOND_CODER } from '../../tests/support/code-demo-incidents.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { incidentSecondCodings, incidents, workspaces } from '../db/schema.ts';
import { DEMO_WORKSPACE_NAME, loadDemo } from '../demo/load-demo.ts';
import type { FirstCodingInput } from '../domain/incident-coding.ts';
import { computeCohenKappa } from '../domain/statistics/cohen-kappa.ts';
import { codeIncident } from './code-incident.ts';
import { createIncident, type NewIncidentInput } from './create-incident.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getIncident } from './get-incident.ts';
import { getIncidentAgreement } from './get-incident-agreement.ts';
import { listIncidents } from './list-incidents.ts';
import { secondCodeIncident } from './second-code-incident.ts';
import { getWorkspace } from './workspace-settings.ts';

// The incident workbench (issue 4, item 3) on PGlite and, with DATABASE_URL, PostgreSQL.

function newIncident(overrides: Partial<NewIncidentInput> = {}): NewIncidentInput {
  return {
    occurredOn: '2024-03-05',
    title: 'Supplier staff stayed late to finish the cut-over',
    narrative: 'The cut-over slipped; two engineers stayed until midnight without being asked.',
    reporterSide: 'A',
    reporterLevel: 'operational',
    sidesInvolved: ['B'],
    levelsInvolved: ['staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['benevolence'],
    themes: ['going the extra mile'],
    source: 'facilitator',
    ...overrides,
  };
}

describe.each(testStores)('incident workbench on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let relationshipId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    otherWorkspaceId = other!.id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
    await codeDemoIncidents(database.db, workspaceId, relationshipId);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('the demo workspace is named for the demo consultancy, who runs its survey', async () => {
    expect((await getWorkspace(database.db, workspaceId)).name).toBe(DEMO_WORKSPACE_NAME);
    expect(DEMO_WORKSPACE_NAME).toBe('Lakeside Trust Advisory');
  });

  test('the demo is coded twice for about twenty incidents, deterministically', async () => {
    const db = database.db;
    const agreement = await getIncidentAgreement(db, workspaceId, relationshipId);
    expect(agreement.doubleCoded).toBe(20);
    expect(agreement.incidents.every((i) => i.secondCoder === DEMO_SECOND_CODER)).toBe(true);
    const kappas = agreement.fields.filter((f) => f.group === 'coding').map((f) => f.kappa);
    expect(kappas.every((k) => k !== null && k > 0.2 && k <= 1)).toBe(true);
    expect(kappas.some((k) => k! < 1)).toBe(true);
    await codeDemoIncidents(db, workspaceId, relationshipId);
    expect((await getIncidentAgreement(db, workspaceId, relationshipId)).fields).toEqual(agreement.fields);
  });

  test('a new incident gets the next INC- ref, even when several are added at once', async () => {
    const db = database.db;
    const before = await db
      .select({ ref: incidents.ref })
      .from(incidents)
      .where(eq(incidents.relationshipId, relationshipId));
    const highest = Math.max(...before.map((r) => Number(/^INC-(\d+)$/.exec(r.ref)?.[1] ?? 0)));
    const created = await Promise.all(
      [1, 2, 3].map((i) =>
        createIncident(db, workspaceId, relationshipId, newIncident({ title: `At once ${i}` })),
      ),
    );
    const refs = created.map((c) => c.ref).sort();
    expect(refs).toEqual([1, 2, 3].map((i) => `INC-${String(highest + i).padStart(3, '0')}`));
    const [stored] = await db.select().from(incidents).where(eq(incidents.id, created[0]!.id));
    expect(stored).toMatchObject({
      status: 'reported',
      source: 'facilitator',
      trigger: '',
      contractScope: null,
    });
  });

  test('an incident given a full coding is stored as coded, with its coder', async () => {
    const db = database.db;
    const { id } = await createIncident(
      db,
      workspaceId,
      relationshipId,
      newIncident({ trigger: 'people', contractScope: 'beyond', smallBigThing: true }),
      { codedBy: 'Facilitator' },
    );
    const [stored] = await db.select().from(incidents).where(eq(incidents.id, id));
    expect(stored).toMatchObject({
      status: 'coded',
      codedBy: 'Facilitator',
      trigger: 'people',
      contractScope: 'beyond',
      smallBigThing: true,
    });
  });

  test('bad input is refused naming the field; another workspace gets not-found', async () => {
    const db = database.db;
    const badDate = await refusal(
      createIncident(db, workspaceId, relationshipId, newIncident({ occurredOn: '2024-02-30' })),
    );
    expect(badDate.code).toBe('invalid-input');
    expect(badDate.message).toMatch(/^occurredOn: not a real date/);
    const badStrength = await refusal(
      createIncident(db, workspaceId, relationshipId, newIncident({ strength: 4 })),
    );
    expect(badStrength.message).toMatch(/^strength: /);
    const badDimension = await refusal(
      createIncident(db, workspaceId, relationshipId, newIncident({ dimensions: ['benevolence', 'charm'] })),
    );
    expect(badDimension.message).toMatch(/^dimensions\.1: "charm" is not a dimension/);
    const badInterview = await refusal(
      createIncident(
        db,
        workspaceId,
        relationshipId,
        newIncident({ source: 'interview', interviewId: '00000000-0000-4000-8000-000000000000' }),
      ),
    );
    expect(badInterview.message).toMatch(/^interviewId: /);
    const elsewhere = await refusal(createIncident(db, otherWorkspaceId, relationshipId, newIncident()));
    expect(elsewhere.code).toBe('not-found');
  });

  test('the list filters by the query names and the timeline counts what is listed', async () => {
    const db = database.db;
    const all = await listIncidents(db, workspaceId, relationshipId);
    expect(all.incidents).toHaveLength(all.total);
    const diluting = await listIncidents(db, workspaceId, relationshipId, {
      direction: 'dilutes',
      dimension: 'integrity',
      from: '2023-09',
      to: '2024-06',
    });
    expect(diluting.total).toBe(all.total);
    expect(diluting.incidents.length).toBeGreaterThan(0);
    expect(diluting.incidents.length).toBeLessThan(all.total);
    for (const incident of diluting.incidents) {
      expect(incident).toMatchObject({ direction: 'dilutes' });
      expect(incident.dimensions).toContain('integrity');
      expect(incident.occurredOn >= '2023-09-01' && incident.occurredOn <= '2024-06-30').toBe(true);
    }
    const counted = diluting.timeline.reduce((sum, m) => sum + m.building + m.diluting, 0);
    expect(counted).toBe(diluting.incidents.length);
    expect(diluting.timeline.every((m) => m.building === 0)).toBe(true);
    expect(all.themes).toContain('outage');
    expect(JSON.stringify(all)).not.toMatch(/responseId/);
    const elsewhere = await refusal(listIncidents(db, otherWorkspaceId, relationshipId));
    expect(elsewhere.code).toBe('not-found');
  });

  test('coding twice: the first coding bumps updated_at, the second is kept apart, κ follows', async () => {
    const db = database.db;
    const { ref } = await createIncident(
      db,
      workspaceId,
      relationshipId,
      newIncident({ title: 'Coded twice' }),
    );
    const before = await getIncident(db, workspaceId, relationshipId, ref);
    const first: FirstCodingInput = {
      direction: 'builds',
      strength: 3,
      dimensions: ['benevolence', 'reliability'],
      themes: ['going the extra mile'],
      trigger: 'people',
      smallBigThing: true,
      contractScope: 'beyond',
      status: 'coded',
    };
    await codeIncident(db, workspaceId, relationshipId, ref, first, 'First Coder');
    const coded = await getIncident(db, workspaceId, relationshipId, ref);
    expect(coded.incident).toMatchObject({
      status: 'coded',
      codedBy: 'First Coder',
      trigger: 'people',
      strength: 3,
    });
    expect(coded.incident.updatedAt > before.incident.updatedAt).toBe(true);
    expect(coded.secondCoding).toBeNull();

    const { status: _status, resolvedOn: _resolvedOn, ...coding } = first;
    await secondCodeIncident(
      db,
      workspaceId,
      relationshipId,
      ref,
      { ...coding, trigger: 'delivery', codedBy: 'Second Coder' },
      null,
    );
    const twice = await getIncident(db, workspaceId, relationshipId, ref);
    expect(twice.incident).toMatchObject({ trigger: 'people', hasSecondCoding: true });
    expect(twice.secondCoding).toMatchObject({ codedBy: 'Second Coder', coding: { trigger: 'delivery' } });

    const agreement = await getIncidentAgreement(db, workspaceId, relationshipId);
    expect(agreement.doubleCoded).toBe(21);
    expect(agreement.incidents.map((i) => i.ref)).toContain(ref);
    const trigger = agreement.fields.find((f) => f.field === 'trigger')!;
    expect(trigger.n).toBe(21);
    expect(trigger.kappa).not.toBeNull();
    const pairs = await db
      .select({ first: incidents.trigger, second: incidentSecondCodings.trigger })
      .from(incidents)
      .innerJoin(incidentSecondCodings, eq(incidentSecondCodings.incidentId, incidents.id))
      .where(eq(incidents.relationshipId, relationshipId));
    expect(trigger.kappa).toBe(computeCohenKappa(pairs.map((p) => [p.first, p.second])).kappa);
  });

  test('the second coder must be another account than the first (409 for the same account)', async () => {
    const db = database.db;
    const first = await createUser(db, workspaceId, {
      email: 'coder.one@example.test',
      name: 'Coder One',
      password: 'correct horse battery',
      role: 'facilitator',
    });
    const second = await createUser(db, workspaceId, {
      email: 'coder.two@example.test',
      name: 'Coder Two',
      password: 'correct horse battery',
      role: 'facilitator',
    });
    const { ref } = await createIncident(
      db,
      workspaceId,
      relationshipId,
      newIncident({ title: 'Two coders' }),
    );
    const coding: FirstCodingInput = {
      direction: 'builds',
      strength: 2,
      dimensions: ['reliability'],
      themes: [],
      trigger: 'people',
      contractScope: 'within',
      status: 'coded',
    };
    await codeIncident(db, workspaceId, relationshipId, ref, coding, 'Coder One', first.id);
    const { status: _s, resolvedOn: _r, ...secondInput } = coding;
    const same = await refusal(
      secondCodeIncident(
        db,
        workspaceId,
        relationshipId,
        ref,
        { ...secondInput, codedBy: 'Coder One' },
        first.id,
      ),
    );
    expect(same.code).toBe('conflict');
    expect(same.message).toMatch(/second coding must come from another account/);
    expect((await getIncident(db, workspaceId, relationshipId, ref)).secondCoding).toBeNull();

    await secondCodeIncident(
      db,
      workspaceId,
      relationshipId,
      ref,
      { ...secondInput, codedBy: 'Coder Two' },
      second.id,
    );
    expect((await getIncident(db, workspaceId, relationshipId, ref)).secondCoding).toMatchObject({
      codedBy: 'Coder Two',
    });
    // The second coder cannot turn round and recode the first either.
    const swapped = await refusal(
      codeIncident(db, workspaceId, relationshipId, ref, coding, 'Coder Two', second.id),
    );
    expect(swapped.code).toBe('conflict');

    // An incident created already coded counts its creator as the first coder.
    const created = await createIncident(
      db,
      workspaceId,
      relationshipId,
      newIncident({ title: 'Coded at creation', trigger: 'people', contractScope: 'within' }),
      { codedBy: 'Coder One', coderUserId: first.id },
    );
    const again = await refusal(
      secondCodeIncident(
        db,
        workspaceId,
        relationshipId,
        created.ref,
        { ...secondInput, codedBy: 'Coder One' },
        first.id,
      ),
    );
    expect(again.code).toBe('conflict');
  });

  test('coding refuses an incomplete "coded", a resolved without its date, and unknown refs', async () => {
    const db = database.db;
    const { ref } = await createIncident(
      db,
      workspaceId,
      relationshipId,
      newIncident({ title: 'Incomplete' }),
    );
    const base: FirstCodingInput = {
      direction: 'dilutes',
      strength: 1,
      dimensions: [],
      themes: [],
      trigger: '',
      contractScope: '',
      status: 'coded',
    };
    const incomplete = await refusal(codeIncident(db, workspaceId, relationshipId, ref, base, 'F'));
    expect(incomplete.details.map((d) => (d as { field: string }).field)).toEqual([
      'dimensions',
      'trigger',
      'contractScope',
    ]);
    const resolved = await refusal(
      codeIncident(
        db,
        workspaceId,
        relationshipId,
        ref,
        { ...base, status: 'resolved', resolvedOn: '2024-01-01' },
        'F',
      ),
    );
    expect(resolved.message).toMatch(/^resolvedOn: cannot be before it occurred \(2024-03-05\)/);
    await codeIncident(
      db,
      workspaceId,
      relationshipId,
      ref,
      { ...base, status: 'resolved', resolvedOn: '2024-04-01' },
      'F',
    );
    expect((await getIncident(db, workspaceId, relationshipId, ref)).incident).toMatchObject({
      status: 'resolved',
      resolvedOn: '2024-04-01',
    });
    const unknown = await refusal(codeIncident(db, workspaceId, relationshipId, 'INC-999', base, 'F'));
    expect(unknown.code).toBe('not-found');
    const noCoder = await refusal(
      secondCodeIncident(
        db,
        workspaceId,
        relationshipId,
        ref,
        { direction: 'builds', strength: 1, dimensions: [], themes: [], codedBy: ' ' },
        null,
      ),
    );
    expect(noCoder.message).toBe('codedBy: say who coded');
  });
});
