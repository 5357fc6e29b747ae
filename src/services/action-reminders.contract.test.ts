import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOpenSurvey } from '../../tests/support/open-survey.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { actions, outbox } from '../db/schema.ts';
import { getOwnActions } from './action-links.ts';
import { queueActionReminders } from './action-reminders.ts';
import { createSponsor } from './create-sponsor.ts';
import { saveAction } from './save-action.ts';
import { createWorkstream } from './save-workstream.ts';

// Reminders of actions that are due (issue 11, item 4): one mail when an open action is due within
// two days and one when it is overdue, each once per due date; a participant owner's mail carries
// a working personal actions link, a sponsor's their relationship page; done actions get none.

const BASE = 'https://trust.example.test';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(testStores)('action reminders on $kind', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  test('due soon, then overdue, once each; a link that works; a sponsor’s page; nothing once done', async () => {
    const { db } = database;
    const survey = await createOpenSurvey(db, {
      people: [
        { name: 'Ann Owner', email: 'ann@example.test' },
        { name: 'Bo Owner', email: 'bo@example.test' },
      ],
    });
    const [ann, bo] = survey.links;
    const sponsor = await createSponsor(db, survey.workspaceId, {
      name: 'Sal Sponsor',
      email: 'sal@example.test',
      relationship: survey.relationshipId,
      side: 'B',
      baseUrl: BASE,
    });
    const { ref } = await createWorkstream(db, survey.workspaceId, survey.relationshipId, {
      title: 'Ways of working',
      type: 'ways-of-working',
      owners: {
        A: { kind: 'participant', id: ann!.participantId },
        B: { kind: 'participant', id: bo!.participantId },
      },
      targetDimensions: ['openness'],
      startedOn: day(-30),
    });
    const soon = await saveAction(db, survey.workspaceId, survey.relationshipId, ref, {
      what: 'Share the outage plan',
      owner: { kind: 'participant', id: ann!.participantId },
      dueOn: day(1),
    });
    await saveAction(db, survey.workspaceId, survey.relationshipId, ref, {
      what: 'Name one contact per shift',
      owner: { kind: 'sponsor', id: sponsor.userId },
      dueOn: day(2),
    });
    await saveAction(db, survey.workspaceId, survey.relationshipId, ref, {
      what: 'Far off',
      owner: { kind: 'participant', id: bo!.participantId },
      dueOn: day(20),
    });
    const reminders = () => db.select().from(outbox).where(eq(outbox.kind, 'action-reminder'));

    expect(await queueActionReminders(db, BASE, day(0))).toBe(2);
    expect(await queueActionReminders(db, BASE, day(0))).toBe(0);
    const mails = await reminders();
    const toAnn = mails.find((m) => m.toAddress === 'ann@example.test')!;
    expect(toAnn.subject).toBe(`Due ${day(1)}: Share the outage plan`);
    const token = /\/a\/([A-Za-z0-9_-]+)/.exec(toAnn.body)![1]!;
    expect((await getOwnActions(db, token)).actions.map((a) => a.what)).toContain('Share the outage plan');
    const toSal = mails.find((m) => m.toAddress === 'sal@example.test')!;
    expect(toSal.body).toContain(`${BASE}/sponsor/${survey.relationshipId}`);

    // Two days later Ann's action is overdue: one more mail; the sponsor's is due today (already told).
    expect(await queueActionReminders(db, BASE, day(2))).toBe(1);
    expect((await reminders()).filter((m) => m.subject.startsWith('Overdue since'))).toHaveLength(1);
    // Done: nothing more, whatever the day.
    await db
      .update(actions)
      .set({ status: 'done', doneOn: day(0) })
      .where(eq(actions.id, soon.id));
    await db.execute(
      sql`update actions set status = 'done', done_on = ${day(0)} where what = 'Name one contact per shift'`,
    );
    expect(await queueActionReminders(db, BASE, day(5))).toBe(0);
  });
});
