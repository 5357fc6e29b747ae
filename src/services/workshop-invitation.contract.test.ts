import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SmtpTestServer, startSmtpTestServer } from '../../tests/support/smtp-test-server.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { outbox, workshops } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { isAppError } from '../domain/app-error.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { createWorkshop } from './manage-workshop.ts';
import { OutboxWorker, smtpTransport } from './outbox-worker.ts';
import { inviteToWorkshop, zonedToUtc } from './workshop-invitation.ts';

// A workshop's invitation with its calendar file (issue 11, item 4), through a real SMTP server:
// every participant and sponsor of the relationship gets one; the file, parsed back with ical.js,
// has the right start in UTC, length, place and organizer; sending again after a change bumps the
// SEQUENCE of the same UID, so calendars replace the event.

test('a wall-clock time in a zone is the instant it is, on both sides of a change of offset', () => {
  expect(zonedToUtc('2026-12-10', '14:00', 'Europe/London').toISOString()).toBe('2026-12-10T14:00:00.000Z');
  expect(zonedToUtc('2026-07-10', '14:00', 'Europe/London').toISOString()).toBe('2026-07-10T13:00:00.000Z');
  expect(zonedToUtc('2026-07-10', '09:30', 'America/New_York').toISOString()).toBe(
    '2026-07-10T13:30:00.000Z',
  );
  expect(zonedToUtc('2026-03-29', '03:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
});

describe.each(testStores)('workshop invitations on $kind', (store) => {
  let database: Database;
  let smtp: SmtpTestServer;
  let workspaceId: string;
  let relationshipId: string;
  const now = new Date('2026-12-05T10:00:00Z');

  beforeAll(async () => {
    database = await store.open();
    smtp = await startSmtpTestServer();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    ({ relationshipId } = await loadDemo(database.db, workspaceId));
  }, 120_000);
  afterAll(async () => {
    await smtp?.close();
    await database?.close();
  });

  test('invitations with a calendar file to everyone with an address; a change is an update of the same event', async () => {
    const { db } = database;
    const { id } = await createWorkshop(
      db,
      workspaceId,
      relationshipId,
      { wave: 'Baseline', title: 'Baseline, together' },
      {
        name: 'Fran',
      },
    );
    const organizer = { name: 'Fran Facilitator', email: 'fran@lakeside.test' };
    const bad = await inviteToWorkshop(
      db,
      workspaceId,
      id,
      { date: '2026-12-10', time: '25:00', minutes: 5 },
      {
        baseUrl: 'https://trust.example.test',
        organizer,
        now,
      },
    ).catch((e: unknown) => e);
    expect(isAppError(bad) && bad.message).toBe('time: give the time as HH:MM, 24-hour (and 1 more)');
    const past = await inviteToWorkshop(
      db,
      workspaceId,
      id,
      { date: '2026-12-01', time: '10:00', minutes: 90 },
      {
        baseUrl: 'https://trust.example.test',
        organizer,
        now,
      },
    ).catch((e: unknown) => e);
    expect(isAppError(past) && past.message).toBe('date: the workshop would start in the past');

    const run = await inviteToWorkshop(
      db,
      workspaceId,
      id,
      {
        date: '2026-12-10',
        time: '14:00',
        timeZone: 'Europe/Berlin',
        minutes: 90,
        location: 'Room 4.12, Corvid House; Teams link to follow',
      },
      { baseUrl: 'https://trust.example.test', organizer, now },
    );
    expect(run).toMatchObject({ startsAt: '2026-12-10T13:00:00.000Z', sequence: 1 });
    expect(run.queued).toBeGreaterThan(10);
    const [saved] = await db.select().from(workshops).where(eq(workshops.id, id));
    expect(saved).toMatchObject({ durationMinutes: 90, invitationSequence: 1 });

    const transport = smtpTransport(smtp.url);
    try {
      const worker = new OutboxWorker(db, {
        transport,
        fromAddress: 'trust@lakeside.test',
        perDomainPerMinute: 100_000,
      });
      expect((await worker.drain()).sent).toBe(run.queued);
      const again = await inviteToWorkshop(
        db,
        workspaceId,
        id,
        { date: '2026-12-11', time: '09:00', timeZone: 'UTC', minutes: 60 },
        { baseUrl: 'https://trust.example.test', organizer, now },
      );
      expect(again.sequence).toBe(2);
      await worker.drain();
    } finally {
      transport.close();
    }
    expect(smtp.received).toHaveLength(run.queued * 2);
    const [first] = smtp.received;
    expect(first!.subject).toBe('Joint workshop: Baseline, together, 2026-12-10 14:00');
    expect(first!.text).toContain('open https://trust.example.test/w on your phone and type the code');
    expect(first!.parts).toContain('text/calendar');

    // The calendar file, as a calendar program reads it.
    const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, first!.to)).limit(1);
    const files = row!.attachments as Array<{ filename: string; contentType: string; content: string }>;
    expect(files[0]).toMatchObject({
      filename: 'invitation.ics',
      contentType: 'text/calendar; method=REQUEST; charset=UTF-8',
    });
    for (const line of files[0]!.content.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(files[0]!.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`workshop-${id}@trustloop`);
    expect(event.summary).toBe('Baseline, together');
    expect(event.location).toBe('Room 4.12, Corvid House; Teams link to follow');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-10T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-10T14:30:00.000Z');
    expect(event.organizer).toBe('mailto:fran@lakeside.test');
    expect(event.attendees.map((a) => a.getFirstValue())).toEqual([`mailto:${first!.to}`]);
    expect(event.sequence).toBe(1);

    const updates = await db.select().from(outbox).where(eq(outbox.kind, 'workshop-invitation'));
    const update = updates.find((m) => m.subject.startsWith('Updated: '))!;
    const updated = new ICAL.Event(
      new ICAL.Component(
        ICAL.parse((update.attachments as Array<{ content: string }>)[0]!.content),
      ).getFirstSubcomponent('vevent')!,
    );
    expect(updated.uid).toBe(event.uid);
    expect(updated.sequence).toBe(2);
    expect(updated.startDate.toJSDate().toISOString()).toBe('2026-12-11T09:00:00.000Z');
  });
});
