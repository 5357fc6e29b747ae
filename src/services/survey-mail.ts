import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { outbox, participants, responses, sides, waves, workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Side } from '../domain/model.ts';
import { fieldProblem, invalidFields } from '../domain/parse-input.ts';
import { formatSurveyCode } from '../domain/survey-code.ts';
import { type ComposedMail, composeSurveyInvitation, composeSurveyReminder } from '../domain/survey-mail.ts';
import { findSurveyWave, type SurveyWave } from './find-survey-wave.ts';
import { requireIssuable, revokeLiveLinks, sortParticipants } from './issue-survey-links.ts';
import { surveyToday } from './resolve-survey-access.ts';
import { createCode, createToken, hashSecret } from './secrets.ts';

// Survey invitations and reminders by mail (issue 11, items 4–5). Each mail carries the person's
// own link and code, which exist in plain only here: the link is issued (or reissued: a reminder
// carries a new link, the old one stops working) and the mail queued in the outbox in ONE
// transaction, so a link is never made without its mail, nor a mail without its link. Each mail
// has a key (`invitation:<wave>:<participant>`, `reminder:<wave>:<participant>:<n>`) that the
// outbox holds once: running the same command twice, or two processes at once, sends nothing
// twice. The outbox worker (outbox-worker.ts) sends them.

export type SurveyMailRun = {
  /** Mails queued now (or that would be, with dryRun). */
  queued: number;
  /** Participants without an email address: they need their link by hand (`trustloop links`). */
  withoutEmail: number;
  /** Already invited (invitations) or not due / opted out / done (reminders). */
  skipped: number;
  /** For reminders: who has submitted and so gets none. */
  submitted: number;
  /** The first mail, as its person would read it, with the link and code masked. */
  preview: (ComposedMail & { to: string }) | null;
};

type Options = { baseUrl: string; dryRun?: boolean; today?: string };

class DryRun extends Error {}

/**
 * Queues the invitation of every participant of the wave who has an email and has not been
 * invited yet, each with a freshly issued link (a link printed earlier by `trustloop links` is
 * replaced: it could not be put in a mail, as only its hash is kept).
 */
export async function queueSurveyInvitations(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  options: Options,
): Promise<SurveyMailRun> {
  const wave = await findSurveyWave(db, workspaceId, relationshipRef, waveLabel);
  requireIssuable(wave, options.today ?? surveyToday(new Date()));
  return inTransaction(db, options, async (tx) => {
    const context = await mailContext(tx, workspaceId, wave);
    const invited = await keysOf(tx, wave.waveId, 'survey-invitation');
    const run = emptyRun();
    const chosen: Person[] = [];
    for (const person of context.people) {
      if (person.email === '') run.withoutEmail += 1;
      else if (invited.has(person.id)) run.skipped += 1;
      else chosen.push(person);
    }
    run.preview = await queueWithLinks(
      tx,
      workspaceId,
      wave,
      chosen,
      options.baseUrl,
      'survey-invitation',
      (person, link) => ({
        key: `invitation:${wave.waveId}:${person.id}`,
        mail: composeSurveyInvitation({
          ...context.words(person.side as Side),
          name: person.name,
          url: link.url,
          code: link.code,
          codePageUrl: codePage(options.baseUrl),
        }),
      }),
    );
    run.queued = chosen.length;
    return run;
  });
}

/**
 * Queues the next reminder for each invited participant who has not submitted, has not opted out,
 * and has had fewer reminders than are due: with `scheduled`, the reminders whose day (days after
 * the wave opens) has come; otherwise (a reminder sent by hand) one more, up to the number the
 * schedule sets. Never for a wave that is not open, or once it has closed.
 */
export async function queueSurveyReminders(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  options: Options & { scheduled?: boolean },
): Promise<SurveyMailRun> {
  const wave = await findSurveyWave(db, workspaceId, relationshipRef, waveLabel);
  const today = options.today ?? surveyToday(new Date());
  if (wave.status !== 'open' || today > wave.closesOn) {
    throw new AppError(
      'conflict',
      `wave "${wave.label}" is ${wave.status === 'open' ? 'past its closing day' : wave.status}: reminders go only while a wave is open`,
    );
  }
  const [row] = await db.select({ days: waves.reminderDays }).from(waves).where(eq(waves.id, wave.waveId));
  const days = [...(row?.days ?? [])].sort((a, b) => a - b);
  if (days.length === 0) {
    throw new AppError(
      'conflict',
      `wave "${wave.label}" has no reminder schedule: set the days after opening first (for example 3 and 7), which also caps how many reminders each person gets`,
    );
  }
  const due = options.scheduled
    ? days.filter((day) => addDays(wave.opensOn, day) <= today).length
    : days.length;
  return inTransaction(db, options, async (tx) => {
    const context = await mailContext(tx, workspaceId, wave);
    // An invitation the mail server refused for good (a wrong address) gets no reminders either.
    const invited = await keysOf(tx, wave.waveId, 'survey-invitation', true);
    const reminded = await reminderCounts(tx, wave.waveId);
    const submitted = new Set(
      (
        await tx
          .select({ participantId: responses.participantId })
          .from(responses)
          .where(and(eq(responses.waveId, wave.waveId), isNotNull(responses.submittedAt)))
      ).map((r) => r.participantId),
    );
    const run = emptyRun();
    const chosen: Person[] = [];
    for (const person of context.people) {
      if (submitted.has(person.id)) {
        run.submitted += 1;
        continue;
      }
      if (person.email === '') {
        run.withoutEmail += 1;
        continue;
      }
      const count = reminded.get(person.id) ?? 0;
      if (!invited.has(person.id) || person.remindersOptedOutAt !== null || count >= due) {
        run.skipped += 1;
        continue;
      }
      chosen.push(person);
    }
    run.preview = await queueWithLinks(
      tx,
      workspaceId,
      wave,
      chosen,
      options.baseUrl,
      'survey-reminder',
      (person, link) => {
        const number = (reminded.get(person.id) ?? 0) + 1;
        return {
          key: `reminder:${wave.waveId}:${person.id}:${number}`,
          mail: composeSurveyReminder({
            ...context.words(person.side as Side),
            name: person.name,
            url: link.url,
            code: link.code,
            codePageUrl: codePage(options.baseUrl),
            number,
            optOutUrl: `${link.url}/no-reminders`,
          }),
        };
      },
    );
    run.queued = chosen.length;
    return run;
  });
}

/**
 * Reminder days as people write them — "3, 7" or "3 7" — for the page and the command line alike;
 * "" is none. A word that is not a whole number is refused on the reminderDays field.
 */
export function parseReminderDays(text: string): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const bad = parts.find((part) => !/^\d+$/.test(part));
  if (bad !== undefined) {
    throw invalidFields([
      fieldProblem('reminderDays', `"${bad}" is not a whole number of days; write them like 3, 7`),
    ]);
  }
  return parts.map(Number);
}

/** Sets the days after opening on which non-responders are reminded (an empty list: none). */
export async function setReminderDays(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  days: readonly number[],
): Promise<number[]> {
  const wave = await findSurveyWave(db, workspaceId, relationshipRef, waveLabel);
  const clean = [...new Set(days)].sort((a, b) => a - b);
  const bad = clean.find((day) => !Number.isInteger(day) || day < 1 || day > 365);
  if (bad !== undefined)
    throw new AppError('invalid-input', `reminderDays: ${bad} is not a whole number of days from 1 to 365`);
  if (clean.length > 5) throw new AppError('invalid-input', 'reminderDays: at most 5 reminders');
  if (wave.status === 'closed')
    throw new AppError('conflict', `wave "${wave.label}" is closed: it sends no reminders`);
  await db.update(waves).set({ reminderDays: clean }).where(eq(waves.id, wave.waveId));
  return clean;
}

/** Stops further reminders for the person whose survey link this is (the reminder's own link). */
export async function optOutOfReminders(db: Db, participantId: string): Promise<void> {
  await db
    .update(participants)
    .set({ remindersOptedOutAt: sql`coalesce(${participants.remindersOptedOutAt}, now())` })
    .where(eq(participants.id, participantId));
}

/** The scheduled reminders of every open wave with a schedule, in every workspace (the worker's tick). */
export async function queueDueReminders(db: Db, baseUrl: string, today: string): Promise<number> {
  const open = await db
    .select({
      workspaceId: sql<string>`r.workspace_id`,
      relationshipId: waves.relationshipId,
      label: waves.label,
    })
    .from(waves)
    .innerJoin(sql`relationships r`, sql`r.id = ${waves.relationshipId} and r.archived_at is null`)
    .where(
      and(
        eq(waves.status, 'open'),
        sql`cardinality(${waves.reminderDays}) > 0`,
        sql`${waves.closesOn} >= ${today}`,
      ),
    );
  let queued = 0;
  for (const wave of open) {
    const run = await queueSurveyReminders(db, wave.workspaceId, wave.relationshipId, wave.label, {
      baseUrl,
      today,
      scheduled: true,
    });
    queued += run.queued;
  }
  return queued;
}

// ---------------------------------------------------------------------------------------------

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Person = typeof participants.$inferSelect;

async function inTransaction(
  db: Db,
  options: Options,
  work: (tx: Tx) => Promise<SurveyMailRun>,
): Promise<SurveyMailRun> {
  let result: SurveyMailRun | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await work(tx);
      // A dry run does everything — issues the links, writes the mails — then rolls it all back.
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return result!;
}

function emptyRun(): SurveyMailRun {
  return { queued: 0, withoutEmail: 0, skipped: 0, submitted: 0, preview: null };
}

async function mailContext(tx: Tx, workspaceId: string, wave: SurveyWave) {
  // Locking the participants (in id order, as issuing links does) serialises two senders.
  const people = sortParticipants(
    await tx
      .select()
      .from(participants)
      .where(eq(participants.relationshipId, wave.relationshipId))
      .orderBy(participants.id)
      .for('update'),
  );
  const sideRows = await tx.select().from(sides).where(eq(sides.relationshipId, wave.relationshipId));
  const [workspace] = await tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const nameOf = (side: Side) => sideRows.find((s) => s.side === side)?.name ?? side;
  return {
    people: people as Person[],
    words: (side: Side) => ({
      workspaceName: workspace?.name ?? 'Trustloop',
      ownSide: nameOf(side),
      otherSide: nameOf(side === 'A' ? 'B' : 'A'),
      closesOn: wave.closesOn,
    }),
  };
}

/** Who has a mail of this kind for the wave; `delivered`: leave out mail the server refused for good. */
async function keysOf(tx: Tx, waveId: string, kind: string, delivered = false): Promise<Set<string>> {
  const rows = await tx
    .select({ participantId: outbox.participantId })
    .from(outbox)
    .where(
      and(
        eq(outbox.waveId, waveId),
        eq(outbox.kind, kind),
        delivered ? ne(outbox.status, 'failed') : undefined,
      ),
    );
  return new Set(rows.flatMap((r) => (r.participantId ? [r.participantId] : [])));
}

async function reminderCounts(tx: Tx, waveId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ participantId: outbox.participantId, count: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.waveId, waveId), eq(outbox.kind, 'survey-reminder')))
    .groupBy(outbox.participantId);
  return new Map(rows.flatMap((r) => (r.participantId ? [[r.participantId, Number(r.count)] as const] : [])));
}

/**
 * Issues each person a new link (their live ones revoked) and queues their mail, in three
 * statements whatever the number of people (decision 004's unnest). Returns the first mail, masked,
 * for a preview.
 */
async function queueWithLinks(
  tx: Tx,
  workspaceId: string,
  wave: SurveyWave,
  people: readonly Person[],
  baseUrl: string,
  kind: string,
  write: (person: Person, link: { url: string; code: string }) => { key: string; mail: ComposedMail },
): Promise<SurveyMailRun['preview']> {
  if (people.length === 0) return null;
  await revokeLiveLinks(
    tx,
    wave.waveId,
    people.map((p) => p.id),
  );
  const links = { participant: [] as string[], token: [] as string[], code: [] as string[] };
  const mails = {
    to: [] as string[],
    subject: [] as string[],
    text: [] as string[],
    html: [] as string[],
    key: [] as string[],
    participant: [] as string[],
  };
  let preview: SurveyMailRun['preview'] = null;
  for (const person of people) {
    const token = createToken();
    const code = createCode();
    const link = { url: `${baseUrl.replace(/\/+$/, '')}/s/${token}`, code: formatSurveyCode(code) };
    const { key, mail } = write(person, link);
    links.participant.push(person.id);
    links.token.push(hashSecret(token));
    links.code.push(hashSecret(code));
    mails.to.push(person.email);
    mails.subject.push(mail.subject);
    mails.text.push(mail.text);
    mails.html.push(mail.html);
    mails.key.push(key);
    mails.participant.push(person.id);
    preview ??= masked(mail, person.email, link.url, link.code);
  }
  await tx.execute(sql`
    insert into survey_links (wave_id, participant_id, token_hash, code_hash)
    select ${wave.waveId}::uuid, participant, token, code
    from unnest(${toPgArrayLiteral(links.participant)}::uuid[], ${toPgArrayLiteral(links.token)}::text[],
      ${toPgArrayLiteral(links.code)}::text[]) as t(participant, token, code)`);
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`insert into outbox (workspace_id, wave_id, kind, to_address, subject, body, html, dedupe_key, participant_id)
      select ${workspaceId}::uuid, ${wave.waveId}::uuid, ${kind}, t.to_address, t.subject, t.body, t.html, t.key, t.participant
      from unnest(${toPgArrayLiteral(mails.to)}::text[], ${toPgArrayLiteral(mails.subject)}::text[],
        ${toPgArrayLiteral(mails.text)}::text[], ${toPgArrayLiteral(mails.html)}::text[],
        ${toPgArrayLiteral(mails.key)}::text[], ${toPgArrayLiteral(mails.participant)}::uuid[])
        as t(to_address, subject, body, html, key, participant)
      on conflict (dedupe_key) do nothing
      returning id`,
  );
  // Another sender queued some of these very mails first (their keys are taken): all of ours, and
  // their links, roll back.
  if (inserted.length !== people.length) {
    throw new AppError('conflict', 'these mails are being queued by another request; try again');
  }
  return preview;
}

function masked(mail: ComposedMail, to: string, url: string, code: string): ComposedMail & { to: string } {
  const hide = (text: string) =>
    text.replaceAll(url, url.replace(/\/s\/.+$/, '/s/…')).replaceAll(code, '····-···');
  return { to, subject: mail.subject, text: hide(mail.text), html: hide(mail.html) };
}

function codePage(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/code`;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Per participant of a wave: the invitation's and reminders' delivery, for the facilitator's list. */
export type MailStatus = {
  invitation: { status: string; error: string | null; at: Date | null } | null;
  reminders: { sent: number; queued: number; failed: number; lastError: string | null };
  optedOut: boolean;
};

export async function surveyMailStatus(db: Db, waveId: string): Promise<Map<string, MailStatus>> {
  const rows = await db
    .select({
      participantId: outbox.participantId,
      kind: outbox.kind,
      status: outbox.status,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(and(eq(outbox.waveId, waveId), inArray(outbox.kind, ['survey-invitation', 'survey-reminder'])));
  const opted = await db
    .select({ id: participants.id })
    .from(participants)
    .innerJoin(waves, eq(waves.relationshipId, participants.relationshipId))
    .where(and(eq(waves.id, waveId), isNotNull(participants.remindersOptedOutAt)));
  const byPerson = new Map<string, MailStatus>();
  const entry = (id: string) => {
    let found = byPerson.get(id);
    if (!found) {
      found = {
        invitation: null,
        reminders: { sent: 0, queued: 0, failed: 0, lastError: null },
        optedOut: false,
      };
      byPerson.set(id, found);
    }
    return found;
  };
  for (const row of rows) {
    if (!row.participantId) continue;
    const status = entry(row.participantId);
    if (row.kind === 'survey-invitation') {
      status.invitation = { status: row.status, error: row.lastError, at: row.sentAt ?? row.createdAt };
    } else if (row.status === 'sent') status.reminders.sent += 1;
    else if (row.status === 'failed') {
      status.reminders.failed += 1;
      status.reminders.lastError = row.lastError;
    } else status.reminders.queued += 1;
  }
  for (const { id } of opted) entry(id).optedOut = true;
  return byPerson;
}

/** What the wave page shows about mail: the schedule, how many could be invited, each person's mail. */
export async function getSurveyMail(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
): Promise<{ reminderDays: number[]; toInvite: number; byPerson: Map<string, MailStatus> }> {
  const wave = await findSurveyWave(db, workspaceId, relationshipRef, waveLabel);
  const [row] = await db.select({ days: waves.reminderDays }).from(waves).where(eq(waves.id, wave.waveId));
  const byPerson = await surveyMailStatus(db, wave.waveId);
  const people = await db
    .select({ id: participants.id, email: participants.email })
    .from(participants)
    .where(eq(participants.relationshipId, wave.relationshipId));
  const toInvite = people.filter((p) => p.email !== '' && !byPerson.get(p.id)?.invitation).length;
  return { reminderDays: row?.days ?? [], toInvite, byPerson };
}
