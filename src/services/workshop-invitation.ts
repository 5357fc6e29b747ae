import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { participants, relationships, sponsorGrants, users, workshops, workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { calendarInvitation } from '../domain/calendar-invitation.ts';
import { findForbiddenCharacter } from '../domain/control-characters.ts';
import { parseInput } from '../domain/parse-input.ts';
import { htmlOfParagraphs } from '../domain/survey-mail.ts';

// A joint workshop's invitation (issue 11, item 4): the facilitator sets when and where it meets,
// and every participant of the relationship with an address and every sponsor of it gets a mail
// with a calendar file (METHOD:REQUEST). Sending again after a change bumps the file's SEQUENCE:
// calendars replace the event. Queued in the outbox in the transaction that saves the schedule.

export const WorkshopScheduleSchema = z.strictObject({
  date: z.iso.date({ error: 'give the day as YYYY-MM-DD' }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'give the time as HH:MM, 24-hour' }),
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, { error: 'give a time zone such as Europe/London or UTC' })
    .default('UTC'),
  minutes: z.coerce
    .number({ error: 'give the length in minutes' })
    .int('give the length in whole minutes')
    .min(15, 'at least 15 minutes')
    .max(8 * 60, 'at most 8 hours'),
  location: z
    .string()
    .trim()
    .max(500, 'at most 500 characters')
    .refine((text) => findForbiddenCharacter(text, 'single-line') === null, {
      error: 'contains a control character; remove it and send again',
    })
    .default(''),
});
export type WorkshopScheduleInput = z.input<typeof WorkshopScheduleSchema>;

export type WorkshopInvitationRun = { queued: number; startsAt: string; sequence: number };

export async function inviteToWorkshop(
  db: Db,
  workspaceId: string,
  workshopId: string,
  raw: unknown,
  options: { baseUrl: string; organizer: { name: string; email: string }; now?: Date },
): Promise<WorkshopInvitationRun> {
  const input = parseInput(WorkshopScheduleSchema, raw, 'schedule');
  const startsAt = zonedToUtc(input.date, input.time, input.timeZone);
  const now = options.now ?? new Date();
  if (startsAt.getTime() < now.getTime()) {
    throw new AppError('invalid-input', 'date: the workshop would start in the past', [
      { field: 'date', message: 'the workshop would start in the past' },
    ]);
  }
  return db.transaction(async (tx) => {
    const [workshop] = await tx
      .select({
        id: workshops.id,
        title: workshops.title,
        code: workshops.code,
        status: workshops.status,
        sequence: workshops.invitationSequence,
        relationshipId: workshops.relationshipId,
        relationshipName: relationships.name,
        workspaceName: workspaces.name,
      })
      .from(workshops)
      .innerJoin(relationships, eq(relationships.id, workshops.relationshipId))
      .innerJoin(workspaces, eq(workspaces.id, relationships.workspaceId))
      .where(and(eq(workshops.id, workshopId), eq(relationships.workspaceId, workspaceId)))
      .for('update', { of: workshops });
    if (!workshop) throw new AppError('not-found', 'workshop not found');
    if (workshop.status === 'ended')
      throw new AppError('conflict', 'this workshop has ended: it needs no invitation');
    const sequence = workshop.sequence + 1;
    await tx
      .update(workshops)
      .set({
        scheduledAt: startsAt,
        durationMinutes: input.minutes,
        location: input.location,
        invitationSequence: sequence,
      })
      .where(eq(workshops.id, workshop.id));
    const people = [
      ...(await tx
        .select({ name: participants.name, email: participants.email })
        .from(participants)
        .where(eq(participants.relationshipId, workshop.relationshipId))),
      ...(await tx
        .select({ name: users.name, email: users.email })
        .from(sponsorGrants)
        .innerJoin(users, eq(users.id, sponsorGrants.userId))
        .where(eq(sponsorGrants.relationshipId, workshop.relationshipId))),
    ].filter((p) => p.email !== '');
    const seen = new Set<string>();
    const recipients = people.filter(
      (p) => !seen.has(p.email.toLowerCase()) && seen.add(p.email.toLowerCase()),
    );
    if (recipients.length === 0)
      throw new AppError(
        'conflict',
        'nobody to invite: the relationship has no participant or sponsor with an email address',
      );

    const when = `${input.date} at ${input.time} (${input.timeZone}), ${input.minutes} minutes`;
    const join = `${options.baseUrl.replace(/\/+$/, '')}/w`;
    const rows = recipients.map((person) => {
      const text = [
        person.name ? `Hello ${person.name},` : 'Hello,',
        `${workshop.workspaceName} invites you to the joint workshop "${workshop.title}" of ${workshop.relationshipName}: ${when}${input.location ? `, ${input.location}` : ''}.`,
        'Both organisations look at what the survey found, together, and agree what to work on. Your notes stay anonymous until the facilitator reveals them, and then only your side is shown.',
        `On the day, open ${join} on your phone and type the code ${workshop.code}.`,
        'The calendar file attached adds it to your calendar.',
        workshop.workspaceName,
      ].join('\n\n');
      const ics = calendarInvitation({
        uid: `workshop-${workshop.id}@trustloop`,
        sequence,
        title: workshop.title,
        description: `${workshop.relationshipName}: joint workshop. On the day, open ${join} and type the code ${workshop.code}.`,
        location: input.location,
        start: startsAt,
        minutes: input.minutes,
        organizer: options.organizer,
        attendee: { name: person.name, email: person.email },
        now,
      });
      return {
        to: person.email,
        subject: `${sequence > 1 ? 'Updated: ' : ''}Joint workshop: ${workshop.title}, ${input.date} ${input.time}`,
        text,
        html: htmlOfParagraphs(text.split('\n\n')),
        key: `workshop:${workshop.id}:${sequence}:${person.email.toLowerCase()}`,
        attachments: JSON.stringify([
          {
            filename: 'invitation.ics',
            contentType: 'text/calendar; method=REQUEST; charset=UTF-8',
            content: ics,
          },
        ]),
      };
    });
    await tx.execute(sql`
      insert into outbox (workspace_id, kind, to_address, subject, body, html, dedupe_key, attachments)
      select ${workspaceId}::uuid, 'workshop-invitation', t.to_address, t.subject, t.body, t.html, t.key, t.attachments::jsonb
      from unnest(${toPgArrayLiteral(rows.map((r) => r.to))}::text[], ${toPgArrayLiteral(rows.map((r) => r.subject))}::text[],
        ${toPgArrayLiteral(rows.map((r) => r.text))}::text[], ${toPgArrayLiteral(rows.map((r) => r.html))}::text[],
        ${toPgArrayLiteral(rows.map((r) => r.key))}::text[], ${toPgArrayLiteral(rows.map((r) => r.attachments))}::text[])
        as t(to_address, subject, body, html, key, attachments)`);
    return { queued: rows.length, startsAt: startsAt.toISOString(), sequence };
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A wall-clock day and time in a zone, as the instant it is (DST included). */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const naive = new Date(`${date}T${time}:00Z`);
  // The zone's offset at that moment, found by formatting the naive instant in the zone; twice, so
  // a time near a change of offset settles on the offset in force at the result.
  let guess = naive;
  for (let i = 0; i < 2; i++) {
    guess = new Date(naive.getTime() - offsetMs(guess, timeZone));
  }
  return guess;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** When and where a workshop meets, and how many times its invitation went out; null before. */
export async function getWorkshopSchedule(
  db: Db,
  workshopId: string,
): Promise<{ startsAt: string; minutes: number; location: string; sequence: number } | null> {
  const [row] = await db
    .select({
      startsAt: workshops.scheduledAt,
      minutes: workshops.durationMinutes,
      location: workshops.location,
      sequence: workshops.invitationSequence,
    })
    .from(workshops)
    .where(eq(workshops.id, workshopId));
  if (!row?.startsAt) return null;
  return {
    startsAt: row.startsAt.toISOString(),
    minutes: row.minutes ?? 0,
    location: row.location ?? '',
    sequence: row.sequence,
  };
}
