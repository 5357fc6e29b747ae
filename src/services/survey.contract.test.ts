import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { expectAppError } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { participants, waves, workspaces } from '../db/schema.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getSurvey } from './get-survey.ts';
import { importBundle } from './import-bundle.ts';
import { issueSurveyLinks } from './issue-survey-links.ts';
import { listSurveyLinks } from './list-survey-links.ts';
import { reissueSurveyLink } from './reissue-survey-link.ts';
import { reportSurveyIncident } from './report-survey-incident.ts';
import { resolveSurveyCode, resolveSurveyToken } from './resolve-survey-access.ts';
import { revokeSurveyLink } from './revoke-survey-link.ts';
import { saveSurveyAnswers } from './save-survey-answers.ts';
import { hashSecret } from './secrets.ts';
import { startSurvey } from './start-survey.ts';
import { submitSurvey } from './submit-survey.ts';
import { updateWorkspace } from './workspace-settings.ts';

// Personal survey links and the survey itself, on PGlite and (with DATABASE_URL) PostgreSQL.

const TODAY = '2024-03-10';
const NOW = new Date(`${TODAY}T09:30:00Z`);
const BASE = 'https://trust.example.com';

const tokenOf = (url: string) => url.split('/s/')[1]!;

describe.each(testStores)('survey links on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const bundle = createBundle({ responses: [], incidents: [], interviews: [] });
    bundle.participants.push({
      respondent: 'b-lead-1',
      side: 'B',
      level: 'leadership',
      name: 'Chidi Eze',
      email: 'chidi@contoso.example',
      role: '',
    });
    relationshipId = (await importBundle(database.db, workspaceId, bundle)).relationshipId;
    await setWave('Baseline', { status: 'open' });
    await setWave('Pulse 1', { status: 'draft' });
  });
  afterAll(async () => {
    await database?.close();
  });
  // Each test starts without answers or incidents; links are re-issued where a test needs them.
  beforeEach(async () => {
    await database.db.execute(sql`delete from incidents`);
    await database.db.execute(sql`delete from responses`);
  });

  async function setWave(label: string, values: { status?: string; closesOn?: string }) {
    await database.db
      .update(waves)
      .set(values)
      .where(sql`${waves.relationshipId} = ${relationshipId} and ${waves.label} = ${label}`);
  }

  async function issueFresh(wave = 'Baseline') {
    return issueSurveyLinks(database.db, workspaceId, relationshipId, wave, {
      baseUrl: BASE,
      reissue: true,
      today: TODAY,
    });
  }

  async function snapshot() {
    const tables = ['survey_links', 'responses', 'open_answers', 'incidents', 'participants', 'waves'];
    const rows: Record<string, unknown> = {};
    for (const table of tables) {
      rows[table] = await queryRows(database.db, sql.raw(`select * from ${table} order by 1`));
    }
    return JSON.stringify(rows);
  }

  test('issuing makes one link per participant; only hashes are stored; issuing again adds none', async () => {
    const links = await issueFresh();
    expect(links.map((l) => l.name)).toEqual(['Åsa Lindqvist', 'Chidi Eze', 'Sam Okafor']);
    for (const link of links) {
      expect(link.url).toMatch(/^https:\/\/trust\.example\.com\/s\/[A-Za-z0-9_-]{22}$/);
      expect(link.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    }
    const stored = await queryRows<{ token_hash: string; code_hash: string }>(
      database.db,
      sql`select token_hash, code_hash from survey_links where revoked_at is null`,
    );
    expect(stored).toHaveLength(links.length);
    const dump = JSON.stringify(await queryRows(database.db, sql`select * from survey_links`));
    for (const link of links) {
      expect(dump).not.toContain(tokenOf(link.url));
      expect(dump).not.toContain(link.code.replace('-', ''));
      expect(stored.map((s) => s.token_hash)).toContain(hashSecret(tokenOf(link.url)));
    }
    expect(
      await issueSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', {
        baseUrl: BASE,
        today: TODAY,
      }),
    ).toEqual([]);
    const listing = await listSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', TODAY);
    expect(listing.map((l) => l.status)).toEqual(['active', 'active', 'active']);
    expect(JSON.stringify(listing)).not.toMatch(/\/s\/|token|code/i);
  });

  test('another workspace reaches none of these links', async () => {
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    await expectAppError(
      issueSurveyLinks(database.db, other!.id, relationshipId, 'Baseline', { baseUrl: BASE, today: TODAY }),
      'not-found',
    );
    const [link] = await issueFresh();
    await expectAppError(revokeSurveyLink(database.db, other!.id, { linkId: link!.linkId }), 'not-found');
    await expectAppError(
      reissueSurveyLink(database.db, other!.id, { linkId: link!.linkId }, { baseUrl: BASE, today: TODAY }),
      'not-found',
    );
  });

  test('resolving and reading twice writes nothing and leaves the link usable', async () => {
    const [link] = await issueFresh();
    const before = await snapshot();
    for (let i = 0; i < 2; i++) {
      const access = await resolveSurveyToken(database.db, tokenOf(link!.url), TODAY);
      expect(access?.state).toBe('open');
      await getSurvey(database.db, access);
      await resolveSurveyCode(database.db, link!.code, TODAY);
    }
    expect(await snapshot()).toBe(before);
    const access = await resolveSurveyToken(database.db, tokenOf(link!.url), TODAY);
    const started = await startSurvey(database.db, access, NOW);
    expect(started.startedAt.toISOString()).toBe(NOW.toISOString());
    expect(await snapshot()).not.toBe(before);
  });

  test("a participant's token reaches only their own survey, with the other side's name in the wording", async () => {
    const links = await issueFresh();
    const asa = links.find((l) => l.name === 'Åsa Lindqvist')!;
    const sam = links.find((l) => l.name === 'Sam Okafor')!;
    const asaAccess = await resolveSurveyToken(database.db, tokenOf(asa.url), TODAY);
    await saveSurveyAnswers(
      database.db,
      asaAccess,
      { answers: { COM1: 6 }, open: { WORKING: 'Stand-ups' } },
      NOW,
    );

    const samView = await getSurvey(
      database.db,
      await resolveSurveyToken(database.db, tokenOf(sam.url), TODAY),
    );
    expect(samView.answers).toEqual({});
    expect(samView.openAnswers).toEqual({});
    expect(samView.own).toEqual({ side: 'B', name: 'Contoso IT', level: 'staff' });
    expect(samView.other.name).toBe('Northwind Utilities');
    expect(samView.runBy).toBe('My workspace');
    // Renamed by an admin: the next page the participant opens says who runs it now.
    await updateWorkspace(database.db, workspaceId, { name: 'Harbour Partners' });
    const renamedView = await getSurvey(
      database.db,
      await resolveSurveyToken(database.db, tokenOf(sam.url), TODAY),
    );
    expect(renamedView.runBy).toBe('Harbour Partners');
    await updateWorkspace(database.db, workspaceId, { name: 'My workspace' });
    expect(samView.dimensions[0]!.items[0]!.text).toBe(
      'Northwind Utilities has the skills and expertise to deliver what we engaged them for.',
    );
    expect(samView.dimensions[0]!.items.map((i) => i.kind)).toEqual([
      'trust',
      'trust',
      'trust',
      'trust',
      'meta',
    ]);
    expect(samView.open[0]!.text).toBe('What is working well between Contoso IT and Northwind Utilities?');
    expect(JSON.stringify(samView)).not.toMatch(/Åsa|Stand-ups|\{other\}|\{own\}/);

    const asaView = await getSurvey(database.db, asaAccess);
    expect(asaView.answers).toEqual({ COM1: 6 });
    expect(asaView.openAnswers).toEqual({ WORKING: 'Stand-ups' });
  });

  test('save and resume; null and blank clear; a batch is all or nothing with every field named', async () => {
    const [link] = await issueFresh();
    const access = await resolveSurveyToken(database.db, tokenOf(link!.url), TODAY);
    await saveSurveyAnswers(database.db, access, { answers: { COM1: 5, REL1: 7 } }, NOW);
    const saved = await saveSurveyAnswers(database.db, access, { answers: { COM1: null, INT1: 1 } }, NOW);
    expect(saved.answers).toEqual({ REL1: 7, INT1: 1 });
    expect(saved.progress).toEqual({ answered: 2, total: 26 });

    await saveSurveyAnswers(database.db, access, { open: { SMALL_BIG: 'Answer the phone' } }, NOW);
    await saveSurveyAnswers(database.db, access, { open: { SMALL_BIG: '   ' } }, NOW);

    // Resume from the code, typed sloppily.
    const sloppy = ` ${link!.code.toLowerCase().replace('-', ' - ')} `;
    const byCode = await resolveSurveyCode(database.db, sloppy, TODAY);
    expect(byCode?.linkId).toBe(link!.linkId);
    const view = await getSurvey(database.db, byCode);
    expect(view.answers).toEqual({ REL1: 7, INT1: 1 });
    expect(view.openAnswers).toEqual({});
    expect(view.progress).toEqual({ answered: 2, total: 26 });
    expect(view.unanswered).toHaveLength(24);
    expect(view.unanswered[0]).toBe('COM1');

    const error = await expectAppError(
      saveSurveyAnswers(
        database.db,
        access,
        { answers: { REL1: 8, NOPE: 3, COM2: 2.5, COM3: 4 }, open: { WORKING: 'x'.repeat(4001), WHO: 'y' } },
        NOW,
      ),
      'invalid-input',
    );
    expect((error.details as Array<{ field: string }>).map((d) => d.field)).toEqual([
      'answers.REL1',
      'answers.NOPE',
      'answers.COM2',
      'open.WORKING',
      'open.WHO',
    ]);
    expect(error.message).toMatch(/answers\.REL1: expected a whole number from 1 to 7/);
    await expectAppError(
      saveSurveyAnswers(database.db, access, { answers: { REL1: '7' } }, NOW),
      'invalid-input',
      /answers\.REL1/,
    );
    await expectAppError(saveSurveyAnswers(database.db, access, { extra: 1 }, NOW), 'invalid-input');
    expect((await getSurvey(database.db, access)).answers).toEqual({ REL1: 7, INT1: 1 });
  });

  test('submit needs no answers, and then every change is refused', async () => {
    const [link] = await issueFresh();
    const access = await resolveSurveyToken(database.db, tokenOf(link!.url), TODAY);
    const submitted = await submitSurvey(database.db, access, NOW);
    expect(submitted.submittedAt.toISOString()).toBe(NOW.toISOString());
    const view = await getSurvey(database.db, access);
    expect(view.submitted).toBe(true);
    expect(view.progress.answered).toBe(0);
    await expectAppError(saveSurveyAnswers(database.db, access, { answers: { COM1: 3 } }, NOW), 'conflict');
    await expectAppError(submitSurvey(database.db, access, NOW), 'conflict');
    await expectAppError(
      reportSurveyIncident(database.db, access, { narrative: 'x', direction: 'builds', strength: 1 }, NOW),
      'conflict',
    );
    const listing = await listSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', TODAY);
    expect(listing.find((l) => l.linkId === link!.linkId)).toMatchObject({ started: true, submitted: true });
  });

  test('a submission may carry its last answers: saved with it, validated first', async () => {
    const [first, second] = await issueFresh();
    const started = await resolveSurveyToken(database.db, tokenOf(first!.url), TODAY);
    await saveSurveyAnswers(database.db, started, { answers: { COM1: 2, REL1: 5 } }, NOW);
    await expectAppError(
      submitSurvey(database.db, started, NOW, { answers: { REL1: 9 } }),
      'invalid-input',
      /REL1/,
    );
    expect((await getSurvey(database.db, started)).submitted).toBe(false);
    await submitSurvey(database.db, started, NOW, {
      answers: { REL1: 6, COM1: null },
      open: { WORKING: 'The weekly call' },
    });
    const view = await getSurvey(database.db, started);
    expect(view).toMatchObject({
      submitted: true,
      answers: { REL1: 6 },
      openAnswers: { WORKING: 'The weekly call' },
    });
    expect(view.answers).not.toHaveProperty('COM1');
    // Never started: the submission creates the response, submitted.
    const fresh = await resolveSurveyToken(database.db, tokenOf(second!.url), TODAY);
    await submitSurvey(database.db, fresh, NOW, { answers: { VAL1: 7 } });
    expect(await getSurvey(database.db, fresh)).toMatchObject({ submitted: true, answers: { VAL1: 7 } });
    await expectAppError(submitSurvey(database.db, fresh, NOW, { answers: { VAL1: 1 } }), 'conflict');
  });

  test('revoked, expired and not-yet-open links do nothing, and say why', async () => {
    const [link, second] = await issueFresh();
    const token = tokenOf(link!.url);
    await revokeSurveyLink(database.db, workspaceId, { linkId: link!.linkId });
    const revoked = await resolveSurveyToken(database.db, token, TODAY);
    expect(revoked?.state).toBe('revoked');
    await expectAppError(getSurvey(database.db, revoked), 'forbidden', /withdrawn or replaced/);
    await expectAppError(startSurvey(database.db, revoked, NOW), 'forbidden');
    expect((await revokeSurveyLink(database.db, workspaceId, { linkId: link!.linkId })).linkId).toBe(
      link!.linkId,
    );

    const secondToken = tokenOf(second!.url);
    const afterClose = await resolveSurveyToken(database.db, secondToken, '2024-03-22');
    expect(afterClose?.state).toBe('closed');
    await expectAppError(
      saveSurveyAnswers(database.db, afterClose, { answers: { COM1: 3 } }, NOW),
      'forbidden',
      /closed on 2024-03-21/,
    );
    expect((await resolveSurveyToken(database.db, secondToken, '2024-03-21'))?.state).toBe('open');
    const listing = await listSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', '2024-03-22');
    expect(listing.find((l) => l.linkId === second!.linkId)?.status).toBe('expired');
    expect(listing.find((l) => l.linkId === link!.linkId)?.status).toBe('revoked');

    const [draft] = await issueFresh('Pulse 1');
    const notOpen = await resolveSurveyToken(database.db, tokenOf(draft!.url), '2024-09-03');
    expect(notOpen?.state).toBe('not-open-yet');
    await expectAppError(submitSurvey(database.db, notOpen, NOW), 'forbidden', /not open yet/);

    await setWave('Pulse 1', { status: 'closed' });
    expect((await resolveSurveyToken(database.db, tokenOf(draft!.url), '2024-09-03'))?.state).toBe('closed');
    await expectAppError(issueFresh('Pulse 1'), 'conflict', /closed/);
    await setWave('Pulse 1', { status: 'draft' });
    await expectAppError(
      issueSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', {
        baseUrl: BASE,
        today: '2024-03-22',
      }),
      'conflict',
      /closed/,
    );
  });

  test('unknown and wrong keys are one not-found; malformed ones are not even looked up', async () => {
    for (const access of [
      await resolveSurveyToken(database.db, 'A'.repeat(22), TODAY),
      await resolveSurveyToken(database.db, '../../etc', TODAY),
      await resolveSurveyCode(database.db, 'ACDE-FGHJ', TODAY),
      await resolveSurveyCode(database.db, 'not a code', TODAY),
    ]) {
      expect(access).toBeNull();
      await expectAppError(getSurvey(database.db, access), 'not-found', /not valid/);
    }
  });

  test('re-issuing invalidates the old token and code and keeps the answers', async () => {
    const [link] = await issueFresh();
    const old = await resolveSurveyToken(database.db, tokenOf(link!.url), TODAY);
    await saveSurveyAnswers(database.db, old, { answers: { OPN1: 4 } }, NOW);
    const fresh = await reissueSurveyLink(
      database.db,
      workspaceId,
      { linkId: link!.linkId },
      { baseUrl: BASE, today: TODAY },
    );
    expect(fresh.url).not.toBe(link!.url);
    expect((await resolveSurveyToken(database.db, tokenOf(link!.url), TODAY))?.state).toBe('revoked');
    expect((await resolveSurveyCode(database.db, link!.code, TODAY))?.state).toBe('revoked');
    const renewed = await resolveSurveyToken(database.db, tokenOf(fresh.url), TODAY);
    expect((await getSurvey(database.db, renewed)).answers).toEqual({ OPN1: 4 });
    const live = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from survey_links where participant_id = ${link!.participantId} and revoked_at is null`,
    );
    expect(Number(live[0]!.n)).toBe(2); // Baseline and Pulse 1
  });

  test('an incident report is stored for coding, without the name', async () => {
    const links = await issueFresh();
    const chidi = links.find((l) => l.name === 'Chidi Eze')!;
    const access = await resolveSurveyToken(database.db, tokenOf(chidi.url), TODAY);
    const narrative = `They warned us two weeks before the outage and helped plan the cut-over. ${'More. '.repeat(20)}`;
    const reported = await reportSurveyIncident(
      database.db,
      access,
      {
        narrative,
        when: '2024-02',
        sidesInvolved: ['A', 'B', 'A'],
        levelsInvolved: ['operational'],
        direction: 'builds',
        strength: 3,
        dimensions: ['openness', 'benevolence'],
      },
      NOW,
    );
    expect(reported.ref).toMatch(/^S-[A-Z0-9]{8}$/);
    const [row] = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select i.*, r.participant_id from incidents i join responses r on r.id = i.response_id where i.ref = ${reported.ref}`,
    );
    expect(row).toMatchObject({
      occurred_on: '2024-02-01',
      title: narrative.trim().slice(0, 80),
      narrative: narrative.trim(),
      reporter_side: 'B',
      reporter_level: 'leadership',
      sides_involved: ['A', 'B'],
      levels_involved: ['operational'],
      direction: 'builds',
      strength: 3,
      dimensions: ['openness', 'benevolence'],
      source: 'survey',
      status: 'reported',
      participant_id: chidi.participantId,
    });
    expect(JSON.stringify(row)).not.toMatch(/Chidi|chidi@/);

    const error = await expectAppError(
      reportSurveyIncident(
        database.db,
        access,
        { narrative: ' ', when: '2024-13', direction: 'sideways', strength: 4, dimensions: ['vibes'] },
        NOW,
      ),
      'invalid-input',
    );
    expect((error.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
      'direction',
      'narrative',
      'strength',
    ]);
    await expectAppError(
      reportSurveyIncident(
        database.db,
        access,
        { narrative: 'x', when: '2024-13', direction: 'dilutes', strength: 1, dimensions: ['vibes'] },
        NOW,
      ),
      'invalid-input',
      /dimensions\.0: "vibes".*when: not a real month/,
    );
    const unknownWhen = await reportSurveyIncident(
      database.db,
      access,
      { narrative: 'x', direction: 'dilutes', strength: 1 },
      NOW,
    );
    expect(unknownWhen.occurredOn).toBe(TODAY);
  });

  test('participants selected by id; an unknown id is named', async () => {
    const [asa] = await database.db
      .select()
      .from(participants)
      .where(eq(participants.respondentKey, 'a-lead-1'));
    const links = await issueSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', {
      baseUrl: BASE,
      today: TODAY,
      participantIds: [asa!.id],
      reissue: true,
    });
    expect(links.map((l) => l.participantId)).toEqual([asa!.id]);
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectAppError(
      issueSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', {
        baseUrl: BASE,
        today: TODAY,
        participantIds: [missing],
      }),
      'not-found',
      new RegExp(missing),
    );
    await expectAppError(
      issueSurveyLinks(database.db, workspaceId, relationshipId, 'Nope', { baseUrl: BASE, today: TODAY }),
      'not-found',
      /wave "Nope" not found.*"Baseline", "Pulse 1"/,
    );
  });
});
