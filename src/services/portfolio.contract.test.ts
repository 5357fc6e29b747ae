import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertTwoWorkspaces } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import {
  incidents,
  participants,
  relationshipSummaries,
  responses,
  waves,
  workspaces,
} from '../db/schema.ts';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { countQuarterIncidents } from '../domain/early-warnings.ts';
import { DEFAULT_STAGE_GATES } from '../domain/stage.ts';
import { closeWave } from './close-wave.ts';
import { createWave } from './create-wave.ts';
import { getPortfolio } from './get-portfolio.ts';
import { getRelationshipAnalysis, loadAnalysisInput } from './get-relationship-analysis.ts';
import { importBundle } from './import-bundle.ts';
import { openWave } from './open-wave.ts';
import { readSummaryKeys, refreshRelationshipSummary } from './refresh-relationship-summary.ts';
import { updateRelationship } from './update-relationship.ts';

// The portfolio on both stores: each row equals the analysis service's numbers, the cached
// summaries are reused while nothing changed, and every change the summary could show makes
// exactly that relationship's summary stale (decision 016); a new quarter makes none stale, while
// the incident warning follows that quarter's incidents.

const TODAY = '2026-05-20';

/** An incident row of `relationshipId`, coded by a facilitator. */
function incident(relationshipId: string, ref: string, fields: Partial<typeof incidents.$inferInsert> = {}) {
  return {
    relationshipId,
    ref,
    occurredOn: '2026-04-10',
    title: 'Late escalation',
    narrative: 'The outage was reported a day late.',
    reporterSide: 'A',
    reporterLevel: 'operational',
    sidesInvolved: ['B'],
    levelsInvolved: ['operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['openness'],
    themes: [],
    source: 'facilitator',
    status: 'coded',
    ...fields,
  } satisfies typeof incidents.$inferInsert;
}

describe.each(testStores)('portfolio on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let demoId: string;
  let secondId: string;

  beforeAll(async () => {
    database = await store.open();
    ({ mine: workspaceId, theirs: otherWorkspaceId } = await insertTwoWorkspaces(database));
    const bundle = generateDemoBundle();
    demoId = (await importBundle(database.db, workspaceId, bundle)).relationshipId;
    secondId = (
      await importBundle(database.db, workspaceId, {
        ...bundle,
        relationship: { ...bundle.relationship, name: 'Second relationship' },
        incidents: [],
      })
    ).relationshipId;
    await importBundle(database.db, otherWorkspaceId, {
      ...bundle,
      relationship: { ...bundle.relationship, name: 'Not mine' },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const load = (query = {}) =>
    getPortfolio(database.db, workspaceId, { sort: 'name', dir: 'asc', q: '', ...query }, { today: TODAY });

  /** Loads the portfolio and says which relationships it had to recompute. */
  async function recomputed(): Promise<string[]> {
    const before = await database.db.select().from(relationshipSummaries);
    const portfolio = await load();
    const after = await database.db.select().from(relationshipSummaries);
    const changed = after
      .filter((row) => before.find((b) => b.relationshipId === row.relationshipId)?.key !== row.key)
      .map((row) => row.relationshipId);
    expect(changed.length).toBe(portfolio.refreshed);
    return changed;
  }

  test('the first load computes every summary; the demo row equals the analysis service', async () => {
    const portfolio = await load();
    expect(portfolio.refreshed).toBe(2);
    expect(portfolio.total).toBe(2);
    expect(portfolio.rows.map((r) => r.name)).toEqual(
      [generateDemoBundle().relationship.name, 'Second relationship'].sort(),
    );
    const row = portfolio.rows.find((r) => r.relationshipId === demoId)!;
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, demoId);
    const [previous, last] = analysis.waves.slice(-2);
    expect(row.wave?.label).toBe(last!.label);
    expect(row.index).toEqual(last!.index);
    expect(row.stage).toEqual({ level: last!.stage.level, name: last!.stage.name });
    expect(row.changes.A?.points).toBe(last!.index.A! - previous!.index.A!);
    expect(row.changes.B?.points).toBe(last!.index.B! - previous!.index.B!);
    // Imported waves: everyone who answered the last wave, against every participant.
    const answered = (side: 'A' | 'B') => Object.values(last!.respondents[side]).reduce((a, b) => a + b, 0);
    expect(row.responseRate).toMatchObject({ wave: last!.label, submitted: answered('A') + answered('B') });
    const people = await database.db
      .select()
      .from(participants)
      .where(eq(participants.relationshipId, demoId));
    expect(row.responseRate?.invited).toBe(people.length);
  });

  test('a second load reuses every cached summary', async () => {
    expect((await load()).refreshed).toBe(0);
  });

  test('another workspace sees only its own relationships', async () => {
    const theirs = await getPortfolio(database.db, otherWorkspaceId, undefined, { today: TODAY });
    expect(theirs.rows.map((r) => r.name)).toEqual(['Not mine']);
  });

  test('renaming the relationship or a side makes its summary stale', async () => {
    await updateRelationship(database.db, workspaceId, demoId, { name: 'Demo renamed' });
    expect(await recomputed()).toEqual([demoId]);
    await updateRelationship(database.db, workspaceId, demoId, { sides: { B: { name: 'Corvid Renamed' } } });
    expect(await recomputed()).toEqual([demoId]);
    const row = (await load()).rows.find((r) => r.relationshipId === demoId)!;
    expect(row.name).toBe('Demo renamed');
    expect(row.sides.B.name).toBe('Corvid Renamed');
  });

  test('incidents added, edited and deleted make the summary stale, and raise the warning', async () => {
    await database.db.insert(incidents).values([incident(demoId, 'P-1'), incident(demoId, 'P-2')]);
    expect(await recomputed()).toEqual([demoId]);
    let row = (await load()).rows.find((r) => r.relationshipId === demoId)!;
    expect(row.incidents).toMatchObject({ quarter: 'Q2 2026', diluting: 2 });
    expect(row.flags.map((f) => f.kind)).toContain('diluting-incidents');

    await database.db
      .update(incidents)
      .set({ direction: 'builds', updatedAt: new Date(Date.now() + 1000) })
      .where(eq(incidents.ref, 'P-2'));
    expect(await recomputed()).toEqual([demoId]);
    await database.db.delete(incidents).where(eq(incidents.ref, 'P-1'));
    expect(await recomputed()).toEqual([demoId]);
    row = (await load()).rows.find((r) => r.relationshipId === demoId)!;
    expect(row.flags.map((f) => f.kind)).not.toContain('diluting-incidents');
  });

  test('a new quarter recomputes no summary; the incident warning follows its incidents', async () => {
    // The second relationship: one building incident on the last day of Q2, two diluting ones on
    // the first and last days of Q3, and a dismissed diluting one in Q2 that never counts.
    await database.db
      .insert(incidents)
      .values([
        incident(secondId, 'Q-1', { occurredOn: '2026-06-30', direction: 'builds' }),
        incident(secondId, 'Q-2', { occurredOn: '2026-07-01' }),
        incident(secondId, 'Q-3', { occurredOn: '2026-09-30' }),
        incident(secondId, 'Q-4', { occurredOn: '2026-05-05', status: 'dismissed' }),
      ]);
    expect(await recomputed()).toEqual([secondId]);
    const inQ2 = await load();
    const secondInQ2 = inQ2.rows.find((r) => r.relationshipId === secondId)!;
    expect(secondInQ2.incidents).toEqual({ quarter: 'Q2 2026', building: 1, diluting: 0 });
    expect(secondInQ2.flags.map((f) => f.kind)).not.toContain('diluting-incidents');

    const byId = (rows: Array<typeof relationshipSummaries.$inferSelect>) =>
      [...rows].sort((a, b) => a.relationshipId.localeCompare(b.relationshipId));
    const cachedBefore = byId(await database.db.select().from(relationshipSummaries));
    const inQ3 = await getPortfolio(database.db, workspaceId, undefined, { today: '2026-07-01' });
    expect(inQ3.refreshed).toBe(0);
    expect(byId(await database.db.select().from(relationshipSummaries))).toEqual(cachedBefore);
    expect(inQ3.quarter).toBe('Q3 2026');
    const secondInQ3 = inQ3.rows.find((r) => r.relationshipId === secondId)!;
    expect(secondInQ3.incidents).toEqual({ quarter: 'Q3 2026', building: 0, diluting: 2 });
    expect(secondInQ3.flags).toContainEqual({
      kind: 'diluting-incidents',
      reason: '2 diluting incidents against 0 building incidents in Q3 2026.',
    });
    expect(inQ3.withWarnings).toBe(inQ3.rows.filter((r) => r.flags.length > 0).length);
    // Everything else on the row is the cached analysis, the same in either quarter.
    const { incidents: _q3, flags: flagsQ3, ...restQ3 } = secondInQ3;
    const { incidents: _q2, flags: flagsQ2, ...restQ2 } = secondInQ2;
    expect(restQ3).toEqual(restQ2);
    expect(flagsQ3.filter((f) => f.kind !== 'diluting-incidents')).toEqual(flagsQ2);
    // The filter sees the warning of the quarter listed.
    const warned = await getPortfolio(
      database.db,
      workspaceId,
      { sort: 'name', dir: 'asc', q: '', flag: 'diluting-incidents' },
      { today: '2026-08-15' },
    );
    expect(warned.rows.map((r) => r.relationshipId)).toContain(secondId);
    expect(warned.refreshed).toBe(0);

    // And back: still nothing recomputed, and the Q3 warning is gone.
    const back = await load({ flag: 'diluting-incidents' });
    expect(back.refreshed).toBe(0);
    expect(back.rows.map((r) => r.relationshipId)).not.toContain(secondId);
  });

  test('the incidents counted with the keys are countQuarterIncidents of the relationship, every quarter', async () => {
    const demoIncidents = (await loadAnalysisInput(database.db, workspaceId, demoId)).incidents;
    const secondIncidents = (await loadAnalysisInput(database.db, workspaceId, secondId)).incidents;
    // Every quarter with a demo incident (their first and last days among them), and the test's own.
    const days = [
      ...new Set([...demoIncidents, ...secondIncidents].map((i) => i.occurredOn)),
      '2022-01-15',
    ].sort();
    expect(days.length).toBeGreaterThan(20);
    for (const day of days) {
      const rows = await readSummaryKeys(database.db, workspaceId, day);
      const counted = Object.fromEntries(rows.map((r) => [r.relationshipId, r.incidents]));
      expect(counted, day).toEqual({
        [demoId]: countQuarterIncidents(demoIncidents, day),
        [secondId]: countQuarterIncidents(secondIncidents, day),
      });
    }
  });

  test('a new wave, its opening, each submitted response and its closing make the summary stale', async () => {
    await createWave(database.db, workspaceId, demoId, {
      label: 'Pulse',
      opens: '2026-05-01',
      closes: '2026-06-30',
    });
    expect(await recomputed()).toEqual([demoId]);
    await openWave(database.db, workspaceId, demoId, 'Pulse', { today: TODAY });
    expect(await recomputed()).toEqual([demoId]);
    let row = (await load()).rows.find((r) => r.relationshipId === demoId)!;
    expect(row.responseRate).toMatchObject({ wave: 'Pulse', status: 'open', submitted: 0 });

    const [pulse] = await database.db.select().from(waves).where(eq(waves.label, 'Pulse'));
    const [someone] = await database.db
      .select()
      .from(participants)
      .where(eq(participants.relationshipId, demoId))
      .limit(1);
    await database.db.insert(responses).values({
      waveId: pulse!.id,
      participantId: someone!.id,
      side: someone!.side,
      level: someone!.level,
      answers: {},
    });
    expect(await recomputed()).toEqual([]); // a started, unsubmitted response changes nothing shown
    await database.db
      .update(responses)
      .set({ submittedAt: new Date() })
      .where(eq(responses.waveId, pulse!.id));
    expect(await recomputed()).toEqual([demoId]);
    row = (await load()).rows.find((r) => r.relationshipId === demoId)!;
    expect(row.responseRate).toMatchObject({ wave: 'Pulse', submitted: 1 });

    await closeWave(database.db, workspaceId, demoId, 'Pulse');
    expect(await recomputed()).toEqual([demoId]);
  });

  test('a new participant (the response rate) and the stage gates make summaries stale', async () => {
    await database.db
      .insert(participants)
      .values({ relationshipId: demoId, respondentKey: 'p-new', side: 'A', level: 'staff' });
    expect(await recomputed()).toEqual([demoId]);
    await database.db
      .update(workspaces)
      .set({ stageGates: { ...DEFAULT_STAGE_GATES, baseName: 'No trust' } })
      .where(eq(workspaces.id, workspaceId));
    expect((await load()).refreshed).toBe(2);
  });

  test('refreshRelationshipSummary alone reads its own key and stores it', async () => {
    await database.db.delete(relationshipSummaries).where(eq(relationshipSummaries.relationshipId, secondId));
    const summary = await refreshRelationshipSummary(database.db, workspaceId, secondId);
    expect(summary.name).toBe('Second relationship');
    expect((await load()).refreshed).toBe(0);
  });

  test('filters and sorting', async () => {
    expect((await load({ q: 'second' })).rows.map((r) => r.relationshipId)).toEqual([secondId]);
    expect((await load({ sort: 'name', dir: 'desc' })).rows.map((r) => r.name)).toEqual([
      'Second relationship',
      'Demo renamed',
    ]);
    expect((await load({ flag: 'any' })).rows.every((r) => r.flags.length > 0)).toBe(true);
  });
});
