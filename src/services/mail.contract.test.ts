import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOpenSurvey } from '../../tests/support/open-survey.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../../tests/support/smtp-test-server.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { outbox, participants } from '../db/schema.ts';
import { isAppError } from '../domain/app-error.ts';
import { createUser } from './create-user.ts';
import { OutboxWorker, smtpTransport } from './outbox-worker.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { resolveSurveyToken } from './resolve-survey-access.ts';
import { submitSurvey } from './submit-survey.ts';
import {
  optOutOfReminders,
  queueDueReminders,
  queueSurveyInvitations,
  queueSurveyReminders,
  setReminderDays,
  surveyMailStatus,
} from './survey-mail.ts';

// Survey invitations and reminders through a real SMTP server started by the test (issue 11,
// items 4–5), on PGlite and, with DATABASE_URL, PostgreSQL: 200 invitations arrive once each with
// their own working link; reminders go only to those who have not submitted, never more than the
// schedule, never to those who opted out; a refused recipient's reason is kept for the page.

const BASE = 'https://trust.example.test';
const PEOPLE = 200;
const today = () => new Date().toISOString().slice(0, 10);
const tokenOf = (text: string) => /\/s\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe.each(testStores)('survey mail on $kind', (store) => {
  let database: Database;
  let smtp: SmtpTestServer;
  let survey: Awaited<ReturnType<typeof createOpenSurvey>>;
  let worker: OutboxWorker;
  let transport: ReturnType<typeof smtpTransport>;

  beforeAll(async () => {
    database = await store.open();
    smtp = await startSmtpTestServer();
    transport = smtpTransport(smtp.url);
    worker = new OutboxWorker(database.db, {
      transport,
      fromAddress: 'trust@lakeside.test',
      perDomainPerMinute: 100_000,
    });
    survey = await createOpenSurvey(database.db, {
      people: Array.from({ length: PEOPLE }, (_, i) => ({
        name: `Person ${i}`,
        email: i === 5 ? 'gone@other.test' : `p${i}@example.test`,
      })),
    });
    // One without an address, as a de-identified import leaves them.
    await database.db
      .update(participants)
      .set({ email: '' })
      .where(eq(participants.email, 'p3@example.test'));
    smtp.refuse.add('gone@other.test');
  }, 120_000);

  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await database?.close();
  });

  test('invitations: queued once, each with its own working link and code, in text and HTML, from the workspace', async () => {
    const { db } = database;
    const dry = await queueSurveyInvitations(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
      dryRun: true,
    });
    expect(dry).toMatchObject({ queued: PEOPLE - 1, withoutEmail: 1, skipped: 0 });
    expect(dry.preview?.text).toContain('/s/…');
    expect(dry.preview?.text).not.toMatch(/\/s\/[A-Za-z0-9_-]{10,}/);
    expect(
      Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox`))[0]?.n),
    ).toBe(0);

    const run = await queueSurveyInvitations(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
    });
    expect(run).toMatchObject({ queued: PEOPLE - 1, withoutEmail: 1, skipped: 0 });
    const again = await queueSurveyInvitations(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
    });
    expect(again).toMatchObject({ queued: 0, skipped: PEOPLE - 1 });

    expect(await worker.drain()).toEqual({ sent: PEOPLE - 2, failed: 1, retried: 0 });
    expect(await worker.drain()).toEqual({ sent: 0, failed: 0, retried: 0 });
    const received = smtp.received;
    expect(received).toHaveLength(PEOPLE - 2);
    expect(new Set(received.map((m) => m.to)).size).toBe(PEOPLE - 2);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(PEOPLE - 2);
    const first = received.find((m) => m.to === 'p0@example.test')!;
    expect(first.subject).toBe('How do you see Contoso IT? A 10-minute survey for Northwind Utilities');
    expect(first.text).toMatch(/^Hello Person 0,/);
    expect(first.html).toContain('Open the survey');
    // Every link opens that person's own survey; the links printed before the mail no longer work.
    const tokens = received.map((m) => tokenOf(m.text));
    expect(new Set(tokens).size).toBe(received.length);
    const owners = new Set<string>();
    for (const token of tokens) {
      const access = await resolveSurveyToken(db, token, today());
      expect(access?.state).toBe('open');
      owners.add(access!.participantId);
    }
    expect(owners.size).toBe(received.length);
    expect((await resolveSurveyToken(db, tokenOf(survey.links[0]!.url), today()))?.state).toBe('revoked');
    // Once sent (or refused for good), the stored mail no longer holds the link or the code.
    const stored = await db.select().from(outbox).where(eq(outbox.kind, 'survey-invitation'));
    expect(stored).toHaveLength(PEOPLE - 1);
    for (const mail of stored) {
      expect(mail.body).toContain('/s/…');
      expect(mail.body).toContain('type your code ····-····');
      expect(mail.body).not.toMatch(/\/s\/[A-Za-z0-9_-]{16,}/);
      expect(mail.html).not.toMatch(/\/s\/[A-Za-z0-9_-]{16,}|[A-Z0-9]{4}-[A-Z0-9]{4}<\/strong>/);
    }
    for (const token of tokens) expect(JSON.stringify(stored)).not.toContain(token);
    // The refused recipient: failed, with the server's words, for the facilitator's list.
    const [gone] = await db.select().from(outbox).where(eq(outbox.toAddress, 'gone@other.test'));
    expect(gone).toMatchObject({ status: 'failed', attempts: 1 });
    expect(gone!.lastError).toMatch(/^550 .*user unknown/);
    const status = await surveyMailStatus(db, gone!.waveId!);
    expect(status.get(gone!.participantId!)?.invitation).toMatchObject({ status: 'failed' });
  });

  test('an account mail written as text goes out in text and HTML, its link a link', async () => {
    const { db } = database;
    await createUser(db, survey.workspaceId, {
      email: 'fran@lakeside.test',
      name: 'Fran <Admin>',
      password: 'correct horse battery staple',
      role: 'facilitator',
    });
    await requestPasswordReset(db, { email: 'fran@lakeside.test', baseUrl: BASE, address: '192.0.2.9' });
    expect(await worker.drain()).toMatchObject({ sent: 1, failed: 0 });
    const mail = smtp.received.find((m) => m.to === 'fran@lakeside.test')!;
    const link = /(https:\/\/\S+\/reset-password\/\S+)/.exec(mail.text)![1]!;
    expect(mail.html).toContain(`<p><a href="${link}">${link}</a></p>`);
    // The text's wrapped lines are one paragraph again; a name is escaped, not markup.
    expect(mail.html).toMatch(
      /<p>Someone \(we hope you\) asked to reset your Trustloop password\. Open this link within an hour to choose a new one:<\/p>/,
    );
    expect(mail.html).toContain('Fran &lt;Admin&gt;');
    expect(mail.html).not.toContain('<Admin>');
  });

  test('a mail server that is down: retried with back-off and its reason, then failed after the last attempt', async () => {
    const { db } = database;
    const down = smtpTransport('smtp://127.0.0.1:1');
    try {
      const offline = new OutboxWorker(db, {
        transport: down,
        fromAddress: 'trust@lakeside.test',
        perDomainPerMinute: 600,
      });
      const [row] = await db
        .insert(outbox)
        .values({ toAddress: 'ada@example.test', subject: 'Reset your password', body: 'A link' })
        .returning({ id: outbox.id });
      expect(await offline.drain()).toEqual({ sent: 0, failed: 0, retried: 1 });
      const [after] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
      expect(after).toMatchObject({ status: 'queued', attempts: 1 });
      expect(after!.lastError).toMatch(/connect ECONNREFUSED/);
      expect(after!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Not due yet: nothing is claimed. Each later attempt is due at once here, to reach the last.
      expect(await offline.drain()).toEqual({ sent: 0, failed: 0, retried: 0 });
      for (let attempt = 2; attempt <= 6; attempt++) {
        await db
          .update(outbox)
          .set({ nextAttemptAt: new Date(Date.now() - 1000) })
          .where(eq(outbox.id, row!.id));
        await offline.drain();
      }
      const [last] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
      expect(last).toMatchObject({ status: 'failed', attempts: 6 });
      expect(last!.lastError).toMatch(/connect ECONNREFUSED/);
    } finally {
      down.close();
      await db.delete(outbox).where(eq(outbox.toAddress, 'ada@example.test'));
    }
  });

  test('reminders: only to those who have not submitted, up to the schedule, not to those who opted out', async () => {
    const { db } = database;
    const refusal = await queueSurveyReminders(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
    }).catch((e: unknown) => e);
    expect(isAppError(refusal) && refusal.message).toMatch(/has no reminder schedule/);
    expect(await setReminderDays(db, survey.workspaceId, survey.relationshipId, 'Baseline', [7, 3])).toEqual([
      3, 7,
    ]);

    // Two people submit (through their invitation's link); one opts out.
    const byAddress = (to: string) => smtp.received.find((m) => m.to === to)!;
    for (const to of ['p0@example.test', 'p1@example.test']) {
      await submitSurvey(db, await resolveSurveyToken(db, tokenOf(byAddress(to).text), today()));
    }
    const [optedOut] = await db.select().from(participants).where(eq(participants.email, 'p2@example.test'));
    await optOutOfReminders(db, optedOut!.id);

    // Scheduled: nothing is due on the day it opens.
    const none = await queueSurveyReminders(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
      scheduled: true,
    });
    expect(none.queued).toBe(0);

    const before = smtp.received.length;
    const first = await queueSurveyReminders(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
    });
    // 199 invited: 2 submitted, 1 opted out, 1 whose address the server refused (no reminders to a
    // wrong address); the one without an email was never invited.
    expect(first).toMatchObject({ queued: PEOPLE - 1 - 4, submitted: 2, withoutEmail: 1, skipped: 2 });
    await worker.drain();
    const reminders = smtp.received.slice(before);
    const to = new Set(reminders.map((m) => m.to));
    for (const address of ['p0@example.test', 'p1@example.test', 'p2@example.test'])
      expect(to.has(address)).toBe(false);
    const reminder = reminders.find((m) => m.to === 'p4@example.test')!;
    expect(reminder.subject).toMatch(/^Reminder: how do you see Contoso IT\?/);
    expect(reminder.text).toContain('/no-reminders');
    // Its new link works and the invitation's does not: the reminder's link resumes the same survey.
    const fresh = await resolveSurveyToken(db, tokenOf(reminder.text), today());
    expect(fresh?.state).toBe('open');
    expect((await resolveSurveyToken(db, tokenOf(byAddress('p4@example.test').text), today()))?.state).toBe(
      'revoked',
    );

    const second = await queueSurveyReminders(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
    });
    expect(second.queued).toBe(first.queued);
    const third = await queueSurveyReminders(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: BASE,
    });
    expect(third.queued).toBe(0);
    const counts = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox where kind = 'survey-reminder' group by participant_id order by 1 desc limit 1`,
    );
    expect(counts[0]?.n).toBe(2);

    // The worker's tick: a third reminder day, passed since the wave opened, makes one more due.
    await setReminderDays(db, survey.workspaceId, survey.relationshipId, 'Baseline', [3, 7, 10]);
    const opened = new Date(Date.now() - 11 * 86_400_000).toISOString().slice(0, 10);
    await db.execute(
      sql`update waves set opens_on = ${opened} where relationship_id = ${survey.relationshipId}`,
    );
    expect(await queueDueReminders(db, BASE, today())).toBe(first.queued);
    expect(await queueDueReminders(db, BASE, today())).toBe(0);
  });
});
