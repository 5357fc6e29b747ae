import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { addParticipant } from './add-participant.ts';
import { archiveRelationship, restoreRelationship } from './archive-relationship.ts';
import { createRelationship } from './create-relationship.ts';
import { createWave } from './create-wave.ts';
import { deleteRelationship } from './delete-relationship.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getPortfolio } from './get-portfolio.ts';
import { issueSurveyLinks } from './issue-survey-links.ts';
import { listRelationshipPage, listRelationships } from './list-relationships.ts';
import { openWave } from './open-wave.ts';
import { resolveSurveyToken, surveyToday } from './resolve-survey-access.ts';
import { submitSurveyByKey } from './submit-survey.ts';

// Archiving and deleting a relationship (decision 043): out of the lists and the portfolio, its
// survey links refused with a plain message, back as it was when restored; deleted with all its
// data only when its name is typed.

describe.each(testStores)('archiving and deleting relationships on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let token: string;
  const today = surveyToday(new Date());

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    for (const name of ['Harbour and Quay', 'Kept and Going']) {
      await createRelationship(database.db, workspaceId, {
        name,
        sides: { A: { name: `${name} A` }, B: { name: `${name} B` } },
      });
    }
    await createWave(database.db, workspaceId, 'Harbour and Quay', {
      label: 'Pulse',
      opens: today,
      closes: '2099-12-31',
    });
    await addParticipant(database.db, workspaceId, 'Harbour and Quay', {
      name: 'Pat',
      email: 'pat@example.test',
      side: 'A',
      level: 'staff',
    });
    await openWave(database.db, workspaceId, 'Harbour and Quay', 'Pulse', { today });
    const [link] = await issueSurveyLinks(database.db, workspaceId, 'Harbour and Quay', 'Pulse', {
      baseUrl: 'https://trustloop.test',
      today,
    });
    token = link!.url.split('/s/')[1]!;
  });
  afterAll(async () => {
    await database?.close();
  });

  const names = async (archived = false) =>
    (await listRelationships(database.db, workspaceId, { archived })).map((r) => r.name);

  test('an archived relationship leaves the lists and the portfolio, and its links stop working', async () => {
    expect((await resolveSurveyToken(database.db, token, today))?.state).toBe('open');
    const archived = await archiveRelationship(database.db, workspaceId, 'Harbour and Quay');
    expect(archived.archivedAt).not.toBeNull();
    expect(await names()).toEqual(['Kept and Going']);
    expect(await names(true)).toEqual(['Harbour and Quay']);
    const page = await listRelationshipPage(database.db, workspaceId, {});
    expect(page.relationships.map((r) => r.name)).toEqual(['Kept and Going']);
    expect(page.page.total).toBe(1);
    const archivedPage = await listRelationshipPage(database.db, workspaceId, { archived: 'true' });
    expect(archivedPage.relationships.map((r) => r.name)).toEqual(['Harbour and Quay']);
    const portfolio = await getPortfolio(database.db, workspaceId);
    expect(portfolio.rows.map((r) => r.name)).toEqual(['Kept and Going']);
    expect(portfolio.total).toBe(1);

    expect((await resolveSurveyToken(database.db, token, today))?.state).toBe('archived');
    const submit = await refusal(submitSurveyByKey(database.db, { token }, new Date(), { answers: {} }));
    expect(submit.code).toBe('forbidden');
    expect(submit.message).toMatch(/^This survey has ended: the people who ran it have archived it/);
    expect((await refusal(archiveRelationship(database.db, workspaceId, 'Harbour and Quay'))).code).toBe(
      'conflict',
    );

    await restoreRelationship(database.db, workspaceId, 'Harbour and Quay');
    expect(await names()).toEqual(['Harbour and Quay', 'Kept and Going']);
    expect((await resolveSurveyToken(database.db, token, today))?.state).toBe('open');
    expect((await refusal(restoreRelationship(database.db, workspaceId, 'Harbour and Quay'))).code).toBe(
      'conflict',
    );
  });

  test('deleting needs the name typed exactly, then removes every row of the relationship at once', async () => {
    const wrong = await refusal(
      deleteRelationship(database.db, workspaceId, 'Harbour and Quay', { confirm: 'harbour' }),
    );
    expect(wrong.code).toBe('invalid-input');
    expect(wrong.message).toBe(
      "confirm: type the relationship's name, Harbour and Quay, exactly to delete it",
    );
    expect(await names()).toContain('Harbour and Quay');

    const deleted = await deleteRelationship(database.db, workspaceId, 'Harbour and Quay', {
      confirm: ' Harbour and Quay ',
    });
    expect(deleted.name).toBe('Harbour and Quay');
    expect(await names()).toEqual(['Kept and Going']);
    const [left] = await queryRows<{ n: number }>(
      database.db,
      sql`select ((select count(*) from waves w where w.relationship_id = ${deleted.id})
        + (select count(*) from participants p where p.relationship_id = ${deleted.id})
        + (select count(*) from sides s where s.relationship_id = ${deleted.id}))::int as n`,
    );
    expect(left!.n).toBe(0);
    expect(await resolveSurveyToken(database.db, token, today)).toBeNull();
  });
});
