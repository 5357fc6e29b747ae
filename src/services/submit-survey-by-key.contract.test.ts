import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { expectAppError } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { waves } from '../db/schema.ts';
import type { AppError } from '../domain/app-error.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getSurvey } from './get-survey.ts';
import { importBundle } from './import-bundle.ts';
import { issueSurveyLinks } from './issue-survey-links.ts';
import { resolveSurveyToken } from './resolve-survey-access.ts';
import { revokeSurveyLink } from './revoke-survey-link.ts';
import { saveSurveyAnswers } from './save-survey-answers.ts';
import { submitSurveyByKey } from './submit-survey.ts';

// Submitting by the link's key in one statement (decision 019) must behave exactly as resolving
// and submitting in steps: the same results, the same errors in the same order, and nothing
// written when the link does not work today. On PGlite and (with DATABASE_URL) PostgreSQL.

const TODAY = '2024-03-10';
const NOW = new Date(`${TODAY}T09:30:00Z`);
const tokenOf = (url: string) => url.split('/s/')[1]!;

describe.each(testStores)('submitting by key on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const bundle = createBundle({ responses: [], incidents: [], interviews: [] });
    for (let i = 1; i <= 4; i++) {
      bundle.participants.push({
        respondent: `extra-${i}`,
        side: i % 2 === 0 ? 'A' : 'B',
        level: 'staff',
        name: `Extra ${i}`,
        email: `extra${i}@example.com`,
        role: '',
      });
    }
    relationshipId = (await importBundle(database.db, workspaceId, bundle)).relationshipId;
    await database.db
      .update(waves)
      .set({ status: 'open', anonymityThreshold: 5 })
      .where(sql`${waves.relationshipId} = ${relationshipId} and ${waves.label} = 'Baseline'`);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from responses`);
  });

  const issueFresh = () =>
    issueSurveyLinks(database.db, workspaceId, relationshipId, 'Baseline', {
      baseUrl: 'https://trust.example.com',
      reissue: true,
      today: TODAY,
    });
  const submittedRows = () =>
    queryRows<{ answers: Record<string, number> | string; submitted_at: unknown }>(
      database.db,
      sql`select answers, submitted_at from responses where submitted_at is not null`,
    );
  const viewOf = async (token: string) =>
    getSurvey(database.db, await resolveSurveyToken(database.db, token, TODAY));

  test('the first submission of an instrument and the ones after it store the same', async () => {
    // The first of this store's instrument goes through the steps; the next ones through the one
    // statement. Both are checked the same way.
    const [first, second, third] = await issueFresh();
    for (const link of [first!, second!, third!]) {
      const token = tokenOf(link.url);
      const submitted = await submitSurveyByKey(database.db, { token }, NOW, {
        answers: { COM1: 6, REL1: 2 },
      });
      expect(submitted.submittedAt.toISOString()).toBe(NOW.toISOString());
      const view = await viewOf(token);
      expect(view).toMatchObject({ submitted: true, answers: { COM1: 6, REL1: 2 } });
      expect(view.startedAt?.toISOString()).toBe(NOW.toISOString());
      await expectAppError(
        submitSurveyByKey(database.db, { token }, NOW, { answers: { COM1: 1 } }),
        'conflict',
        /already submitted/,
      );
      expect((await viewOf(token)).answers).toEqual({ COM1: 6, REL1: 2 });
    }
    expect(await submittedRows()).toHaveLength(3);
  });

  test('a started response keeps its answers, takes the last ones, and null clears', async () => {
    const [link] = await issueFresh();
    const token = tokenOf(link!.url);
    const access = await resolveSurveyToken(database.db, token, TODAY);
    await saveSurveyAnswers(
      database.db,
      access,
      { answers: { COM1: 2, REL1: 5 } },
      new Date('2024-03-09T08:00:00Z'),
    );
    await submitSurveyByKey(database.db, { token }, NOW, { answers: { REL1: 6, COM1: null, INT1: 7 } });
    const view = await viewOf(token);
    expect(view.answers).toEqual({ REL1: 6, INT1: 7 });
    expect(view.startedAt?.toISOString()).toBe('2024-03-09T08:00:00.000Z');
    expect(view.submittedAt?.toISOString()).toBe(NOW.toISOString());
  });

  test('no body, an empty object, the typed code and open texts all submit', async () => {
    const [a, b, c, d] = await issueFresh();
    await submitSurveyByKey(database.db, { token: tokenOf(a!.url) }, NOW);
    await submitSurveyByKey(database.db, { token: tokenOf(b!.url) }, NOW, {});
    await submitSurveyByKey(database.db, { code: ` ${c!.code.toLowerCase()} ` }, NOW, {
      answers: { VAL1: 4 },
    });
    await submitSurveyByKey(database.db, { token: tokenOf(d!.url) }, NOW, {
      answers: { VAL1: 3 },
      open: { WORKING: 'The weekly call' },
    });
    expect((await viewOf(tokenOf(c!.url))).answers).toEqual({ VAL1: 4 });
    expect(await viewOf(tokenOf(d!.url))).toMatchObject({
      submitted: true,
      answers: { VAL1: 3 },
      openAnswers: { WORKING: 'The weekly call' },
    });
    await expectAppError(submitSurveyByKey(database.db, { code: c!.code }, NOW), 'conflict');
    expect(await submittedRows()).toHaveLength(4);
  });

  test('invalid answers name every field and write nothing', async () => {
    const [link] = await issueFresh();
    const token = tokenOf(link!.url);
    const error = await expectAppError(
      submitSurveyByKey(database.db, { token }, NOW, { answers: { REL1: 9, NOPE: 3, COM2: 2.5 } }),
      'invalid-input',
    );
    expect((error.details as Array<{ field: string }>).map((d) => d.field)).toEqual([
      'answers.REL1',
      'answers.NOPE',
      'answers.COM2',
    ]);
    await expectAppError(
      submitSurveyByKey(database.db, { token }, NOW, { answers: { REL1: '7' } }),
      'invalid-input',
      /answers\.REL1/,
    );
    await expectAppError(submitSurveyByKey(database.db, { token }, NOW, { extra: 1 }), 'invalid-input');
    expect(await submittedRows()).toEqual([]);
    expect((await viewOf(token)).startedAt).toBeNull();
  });

  test('unknown, revoked, closed and not-yet-open keys say why and write nothing', async () => {
    const valid = { answers: { COM1: 3 } };
    // Unknown or malformed keys: one message, before the body is looked at.
    for (const key of [
      { token: 'A'.repeat(22) },
      { token: 'not a token' },
      { code: 'ZZZZ-ZZZZ' },
      { code: '' },
    ]) {
      await expectAppError(submitSurveyByKey(database.db, key, NOW, valid), 'not-found', /not valid/);
      await expectAppError(submitSurveyByKey(database.db, key, NOW, { answers: { NOPE: 1 } }), 'not-found');
    }

    const [revoked, late] = await issueFresh();
    await revokeSurveyLink(database.db, workspaceId, { linkId: revoked!.linkId });
    const revokedError = await expectAppError(
      submitSurveyByKey(database.db, { token: tokenOf(revoked!.url) }, NOW, valid),
      'forbidden',
      /withdrawn or replaced/,
    );
    expect(revokedError.details).toEqual([{ state: 'revoked' }]);
    // The link's state comes before the answers' problems, as in the steps.
    await expectAppError(
      submitSurveyByKey(database.db, { token: tokenOf(revoked!.url) }, NOW, { answers: { NOPE: 1 } }),
      'forbidden',
    );

    const afterClose = new Date('2024-03-22T00:00:00Z');
    await expectAppError(
      submitSurveyByKey(database.db, { code: late!.code }, afterClose, valid),
      'forbidden',
      /closed on 2024-03-21/,
    );
    expect(await queryRows(database.db, sql`select id from responses`)).toEqual([]);
    // The last day still counts.
    await submitSurveyByKey(database.db, { code: late!.code }, new Date('2024-03-21T23:59:00Z'), valid);
    expect(await submittedRows()).toHaveLength(1);
    await database.db.execute(sql`delete from responses`);

    const [draftLink] = await issueFresh();
    await database.db
      .update(waves)
      .set({ status: 'draft' })
      .where(sql`${waves.relationshipId} = ${relationshipId} and ${waves.label} = 'Baseline'`);
    try {
      await expectAppError(
        submitSurveyByKey(database.db, { token: tokenOf(draftLink!.url) }, NOW, valid),
        'forbidden',
        /not open yet/,
      );
    } finally {
      await database.db
        .update(waves)
        .set({ status: 'open' })
        .where(sql`${waves.relationshipId} = ${relationshipId} and ${waves.label} = 'Baseline'`);
    }
    expect(await queryRows(database.db, sql`select id from responses`)).toEqual([]);
  });

  test('submissions arriving together are one statement and one commit, each with its own outcome', async () => {
    // Group commit (decision 020): whatever shares a batch must end exactly as if the submissions
    // had come one after the other.
    const [warm, a, b, started, revoked, twice] = await issueFresh();
    // The instrument's first submission in this process takes the steps; the rest are batched.
    await submitSurveyByKey(database.db, { token: tokenOf(warm!.url) }, NOW, { answers: { COM1: 1 } });
    await saveSurveyAnswers(
      database.db,
      await resolveSurveyToken(database.db, tokenOf(started!.url), TODAY),
      { answers: { COM1: 2, REL1: 5 } },
      new Date('2024-03-09T08:00:00Z'),
    );
    await revokeSurveyLink(database.db, workspaceId, { linkId: revoked!.linkId });

    const outcomes = await Promise.allSettled([
      submitSurveyByKey(database.db, { token: tokenOf(a!.url) }, NOW, { answers: { COM1: 6 } }),
      submitSurveyByKey(database.db, { code: b!.code }, NOW, { answers: { REL1: 3 } }),
      submitSurveyByKey(database.db, { token: tokenOf(started!.url) }, NOW, {
        answers: { REL1: 6, COM1: null },
      }),
      submitSurveyByKey(database.db, { token: tokenOf(revoked!.url) }, NOW, { answers: { COM1: 4 } }),
      submitSurveyByKey(database.db, { token: tokenOf(twice!.url) }, NOW, { answers: { VAL1: 1 } }),
      submitSurveyByKey(database.db, { code: twice!.code }, NOW, { answers: { VAL1: 2 } }),
      submitSurveyByKey(database.db, { token: 'B'.repeat(22) }, NOW, { answers: { COM1: 4 } }),
      submitSurveyByKey(database.db, { code: a!.code }, new Date('2024-03-22T00:00:00Z'), {}),
    ]);
    const failure = (i: number) => {
      const outcome = outcomes[i]!;
      expect(outcome.status).toBe('rejected');
      return (outcome as PromiseRejectedResult).reason as AppError;
    };
    for (const i of [0, 1, 2, 4]) expect(outcomes[i]!.status).toBe('fulfilled');
    expect(failure(3)).toMatchObject({ code: 'forbidden', details: [{ state: 'revoked' }] });
    expect(failure(5)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already submitted/),
    });
    expect(failure(6)).toMatchObject({ code: 'not-found' });
    expect(failure(7)).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/closed on 2024-03-21/),
    });

    expect((await viewOf(tokenOf(a!.url))).answers).toEqual({ COM1: 6 });
    expect((await viewOf(tokenOf(b!.url))).answers).toEqual({ REL1: 3 });
    const startedView = await viewOf(tokenOf(started!.url));
    expect(startedView.answers).toEqual({ REL1: 6 });
    expect(startedView.startedAt?.toISOString()).toBe('2024-03-09T08:00:00.000Z');
    expect((await viewOf(tokenOf(twice!.url))).answers).toEqual({ VAL1: 1 });

    // One transaction wrote the four: they share the inserting/updating transaction id.
    const written = await queryRows<{ xmin: string }>(
      database.db,
      sql`select r.xmin::text as xmin from responses r join survey_links l
            on l.participant_id = r.participant_id and l.wave_id = r.wave_id
          where l.id = any(${toPgArrayLiteral([a!.linkId, b!.linkId, started!.linkId, twice!.linkId])}::uuid[])`,
    );
    expect(written).toHaveLength(4);
    expect(new Set(written.map((row) => row.xmin)).size).toBe(1);
    expect(await submittedRows()).toHaveLength(5);
  });

  test("the survey carries the wave's anonymity threshold", async () => {
    const [link] = await issueFresh();
    expect((await viewOf(tokenOf(link!.url))).wave).toEqual({
      label: 'Baseline',
      closesOn: '2024-03-21',
      anonymityThreshold: 5,
    });
  });
});
