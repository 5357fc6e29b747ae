import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { insertTwoWorkspaces } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type { Level, Side } from '../domain/model.ts';
import { closeWave } from './close-wave.ts';
import { createRelationship } from './create-relationship.ts';
import { createWave } from './create-wave.ts';
import { getIncident } from './get-incident.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { importParticipantsCsv } from './import-participants-csv.ts';
import { type IssuedSurveyLink, issueSurveyLinks } from './issue-survey-links.ts';
import { listIncidents } from './list-incidents.ts';
import { openWave } from './open-wave.ts';
import { reportSurveyIncident } from './report-survey-incident.ts';
import { resolveSurveyKey, surveyToday } from './resolve-survey-access.ts';
import { submitSurveyByKey } from './submit-survey.ts';

// Incidents reported in the survey follow the rule for what participants wrote (docs/anonymity.md,
// decision 022): they are shared only once submitted and the wave closed, and name the reporter's
// level only where that level had at least 5 submitted responses (or k) in the wave and side.

/** Full trust on every item (reverse-worded ones answered 1): an integrity incident must cap it. */
const FULL_TRUST = Object.fromEntries(
  BUILT_IN_INSTRUMENT.items.map((item) => [item.code, item.reverse ? 1 : 7]),
);

const GROUPS: Record<Side, Record<Level, number>> = {
  A: { leadership: 2, operational: 3, staff: 6 },
  B: { leadership: 1, operational: 5, staff: 5 },
};

describe.each(testStores)('survey incidents on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;
  let links: IssuedSurveyLink[];
  const now = new Date();
  const today = surveyToday(now);
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const tokenOf = (link: IssuedSurveyLink) => link.url.split('/s/')[1]!;

  async function report(link: IssuedSurveyLink, narrative: string, options: { submit: boolean }) {
    const access = await resolveSurveyKey(database.db, { token: tokenOf(link) }, today);
    const reported = await reportSurveyIncident(
      database.db,
      access,
      { narrative, direction: 'dilutes', strength: 3, dimensions: ['integrity'] },
      now,
    );
    if (options.submit)
      await submitSurveyByKey(database.db, { token: tokenOf(link) }, now, { answers: FULL_TRUST });
    return reported.ref;
  }

  let refs: Record<string, string>;

  beforeAll(async () => {
    database = await store.open();
    ({ mine: workspaceId } = await insertTwoWorkspaces(database));
    const relationship = await createRelationship(database.db, workspaceId, {
      name: 'Harbour ⇄ Meridian',
      sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Meridian', role: 'supplier' } },
      anonymityThreshold: 3,
    });
    relationshipId = relationship.id;
    const rows = ['name,email,side,level'];
    for (const side of ['A', 'B'] as const) {
      for (const [level, n] of Object.entries(GROUPS[side])) {
        for (let i = 1; i <= n; i++)
          rows.push(`${side} ${level} ${i},${side}-${level}-${i}@x.example,${side},${level}`);
      }
    }
    await importParticipantsCsv(database.db, workspaceId, relationshipId, `${rows.join('\n')}\n`);
    await createWave(database.db, workspaceId, relationshipId, {
      label: 'Baseline',
      opens: today,
      closes: inDays(20),
    });
    await openWave(database.db, workspaceId, relationshipId, 'Baseline');
    links = await issueSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', {
      baseUrl: 'http://trustloop.test',
    });
    const person = (side: Side, level: Level, i = 0) =>
      links.filter((l) => l.side === side && l.level === level)[i]!;
    const reported = [person('A', 'staff'), person('A', 'leadership'), person('B', 'operational')];
    refs = {
      aStaff: await report(person('A', 'staff'), 'A staff member saw the invoice change', { submit: true }),
      aLeader: await report(person('A', 'leadership'), 'Our director Anna was misled about the penalty', {
        submit: true,
      }),
      bOperations: await report(person('B', 'operational'), 'Tickets were closed unresolved', {
        submit: true,
      }),
      unsubmitted: await report(person('B', 'staff'), 'Never submitted, never shared', { submit: false }),
    };
    // Everybody else submits (so the level counts are what GROUPS says, less the one unsubmitted).
    for (const link of links) {
      if (link === person('B', 'staff') || reported.includes(link)) continue;
      const access = await resolveSurveyKey(database.db, { token: tokenOf(link) }, today);
      expect(access?.state).toBe('open');
      await submitSurveyByKey(database.db, { token: tokenOf(link) }, now, { answers: FULL_TRUST });
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  test('while the wave is open no survey incident exists for anyone: list, page, analysis', async () => {
    const list = await listIncidents(database.db, workspaceId, relationshipId);
    expect(list.total).toBe(0);
    expect(list.incidents).toEqual([]);
    for (const ref of Object.values(refs)) {
      expect((await refusal(getIncident(database.db, workspaceId, relationshipId, ref))).code).toBe(
        'not-found',
      );
    }
    expect((await getRelationshipAnalysis(database.db, workspaceId, relationshipId)).waves).toEqual([]);
  });

  test('after the close: submitted ones only, the level only where it had 5 respondents', async () => {
    await closeWave(database.db, workspaceId, relationshipId, 'Baseline');
    const list = await listIncidents(database.db, workspaceId, relationshipId);
    const byRef = new Map(list.incidents.map((i) => [i.ref, i]));
    expect([...byRef.keys()].sort()).toEqual([refs.aStaff, refs.aLeader, refs.bOperations].sort());
    // A: staff (6) is named; leadership (2) and operational (3) hide each other.
    expect(byRef.get(refs.aStaff!)).toMatchObject({
      reporterSide: 'A',
      reporterLevel: 'staff',
      reporterLevelThreshold: null,
    });
    expect(byRef.get(refs.aLeader!)).toMatchObject({
      reporterSide: 'A',
      reporterLevel: null,
      reporterLevelThreshold: 5,
    });
    // B: operational has exactly 5 submitted and is named; leadership (1) and staff (4 submitted:
    // one never did) are hidden together, 5 in all.
    expect(byRef.get(refs.bOperations!)).toMatchObject({
      reporterSide: 'B',
      reporterLevel: 'operational',
      reporterLevelThreshold: null,
    });
    // The same on the incident's own page.
    const detail = await getIncident(database.db, workspaceId, relationshipId, refs.aLeader!);
    expect(detail.incident).toMatchObject({ reporterLevel: null, reporterLevelThreshold: 5 });
    expect(
      (await refusal(getIncident(database.db, workspaceId, relationshipId, refs.unsubmitted!))).code,
    ).toBe('not-found');
  });

  test('an uncoded survey incident that caps the stage is named by its ref alone', async () => {
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    const reasons = analysis.waves.flatMap((w) => [
      ...w.stage.reasons,
      ...Object.values(w.stageByLevel).flatMap((s) => s.reasons),
    ]);
    const [wave] = analysis.waves;
    // All three diluting integrity incidents hold the stage down; none is quoted.
    expect(wave!.stage.cappedBy.sort()).toEqual([refs.aStaff, refs.aLeader, refs.bOperations].sort());
    expect(reasons.join(' ')).not.toMatch(/Anna|misled|invoice|Tickets/i);
    expect(wave!.stage.reasons.join(' ')).toContain(
      `${refs.aLeader} (reported in the survey, not yet coded)`,
    );
  });
});
