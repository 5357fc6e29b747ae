import { and, count, countDistinct, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import {
  relationships,
  sides,
  sponsorGrants,
  workshopAttendees,
  workshopNotes,
  workshops,
  workshopThemes,
  workshopVotes,
} from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { forbiddenCharacterProblem } from '../domain/control-characters.ts';
import { LEVELS, type Level, SIDES, type Side } from '../domain/model.ts';
import { invalidFields, parseInput } from '../domain/parse-input.ts';
import { isUuid } from '../domain/uuid.ts';
import {
  type Ballot,
  ballotProblem,
  emptyJoinedCounts,
  type JoinedCounts,
  NOTE_MAX,
  normalizeJoinCode,
  SIGNATURE_MAX,
  stepTakesNotes,
} from '../domain/workshop.ts';
import type { Tx } from './lock-relationship.ts';
import { createToken, hashSecret } from './secrets.ts';
import { appendWorkshopEvent } from './workshop-events.ts';
import {
  attendeeByToken,
  currentStep,
  loadSteps,
  lockWorkshop,
  requireLive,
  workshopById,
} from './workshop-rows.ts';

// What the room does from its phones (issue 10): join with the code, write notes in private, and
// vote. An attendee is proved by their own token (stored as its SHA-256 only, decision 049).

const JoinInput = z.strictObject({
  side: z.enum(SIDES, { message: 'choose your organisation' }),
  level: z
    .enum(LEVELS, { message: `choose one of ${LEVELS.join(', ')}, or leave it out` })
    .nullable()
    .default(null),
});

/** The live workshop a typed code opens, as the join form shows it: its title and the two sides. */
export async function findLiveWorkshopByCode(
  db: Db,
  typedCode: string,
): Promise<{ code: string; title: string; sides: Record<Side, string> }> {
  const { workshop, code } = await liveWorkshopOf(db, typedCode);
  const rows = await db
    .select({ side: sides.side, name: sides.name })
    .from(sides)
    .where(eq(sides.relationshipId, workshop.relationshipId));
  const name = (side: Side) => rows.find((row) => row.side === side)?.name ?? side;
  return { code, title: workshop.title, sides: { A: name('A'), B: name('B') } };
}

async function liveWorkshopOf(db: Db, typedCode: string) {
  const code = normalizeJoinCode(typedCode);
  const unknownCode = () =>
    new AppError('not-found', 'no workshop is running with that code: check it on the big screen');
  if (!code) throw unknownCode();
  const [workshop] = await db
    .select({
      id: workshops.id,
      status: workshops.status,
      title: workshops.title,
      relationshipId: workshops.relationshipId,
    })
    .from(workshops)
    .where(and(eq(workshops.code, code), sql`${workshops.status} <> 'ended'`));
  if (!workshop) throw unknownCode();
  if (workshop.status !== 'live') {
    throw new AppError('conflict', 'the workshop has not started yet: try again in a moment');
  }
  return { workshop, code };
}

/** Joins the live workshop with this code: a new attendee and the token that proves them. */
export async function joinWorkshop(
  db: Db,
  typedCode: string,
  raw: unknown,
): Promise<{ workshopId: string; attendeeId: string; token: string }> {
  const input = parseInput(JoinInput, raw, 'joining');
  const { workshop } = await liveWorkshopOf(db, typedCode);
  const token = createToken(24);
  const attendeeId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workshopAttendees)
      .values({
        workshopId: workshop.id,
        tokenHash: hashSecret(token),
        side: input.side,
        level: input.level,
        userId: null,
      })
      .returning({ id: workshopAttendees.id });
    await appendWorkshopEvent(tx, workshop.id, 'joined', {
      joined: sideCounts(await joinedCounts(tx, workshop.id)),
    });
    return row!.id;
  });
  return { workshopId: workshop.id, attendeeId, token };
}

/** Someone signed in: a sponsor of the relationship, or a facilitator or admin of its workspace. */
export type SignedInJoiner = { id: string; workspaceId: string; role: 'admin' | 'facilitator' | 'sponsor' };

/**
 * Joins a live workshop signed in, without the code (issue 10, item 2): a sponsor on the side their
 * grant names, a facilitator or admin on the side they choose. Joining again — on another device —
 * is the same attendee, with their notes and dots, and a new token (the old device is signed out
 * of the room). Notes stay anonymous: the account is never shown, only a name someone signs with.
 */
export async function joinWorkshopSignedIn(
  db: Db,
  user: SignedInJoiner,
  workshopId: string,
  raw: unknown,
): Promise<{ workshopId: string; attendeeId: string; token: string }> {
  const notFound = new AppError('not-found', 'workshop not found');
  if (!isUuid(workshopId)) throw notFound;
  const [row] = await db
    .select({ id: workshops.id, status: workshops.status, grantSide: sponsorGrants.side })
    .from(workshops)
    .innerJoin(relationships, eq(relationships.id, workshops.relationshipId))
    .leftJoin(
      sponsorGrants,
      and(eq(sponsorGrants.relationshipId, relationships.id), eq(sponsorGrants.userId, user.id)),
    )
    .where(and(eq(workshops.id, workshopId.toLowerCase()), eq(relationships.workspaceId, user.workspaceId)));
  if (!row || (user.role === 'sponsor' && row.grantSide === null)) throw notFound;
  const given = (raw ?? {}) as Record<string, unknown>;
  const input = parseInput(
    JoinInput,
    user.role === 'sponsor' ? { side: row.grantSide, level: given.level ?? null } : raw,
    'joining',
  );
  const token = createToken(24);
  const attendeeId = await db.transaction(async (tx) => {
    await lockWorkshop(tx, row.id);
    requireLive(await workshopById(tx, row.id));
    const [already] = await tx
      .select({ id: workshopAttendees.id })
      .from(workshopAttendees)
      .where(and(eq(workshopAttendees.workshopId, row.id), eq(workshopAttendees.userId, user.id)));
    if (already) {
      await tx
        .update(workshopAttendees)
        .set({ tokenHash: hashSecret(token) })
        .where(eq(workshopAttendees.id, already.id));
      return already.id;
    }
    const [inserted] = await tx
      .insert(workshopAttendees)
      .values({
        workshopId: row.id,
        tokenHash: hashSecret(token),
        side: input.side,
        level: input.level,
        userId: user.id,
      })
      .returning({ id: workshopAttendees.id });
    await appendWorkshopEvent(tx, row.id, 'joined', {
      joined: sideCounts(await joinedCounts(tx, row.id)),
    });
    return inserted!.id;
  });
  return { workshopId: row.id, attendeeId, token };
}

/** Who has joined, per side and level. */
export async function joinedCounts(db: Db | Tx, workshopId: string): Promise<JoinedCounts> {
  const rows = await db
    .select({ side: workshopAttendees.side, level: workshopAttendees.level, n: count() })
    .from(workshopAttendees)
    .where(eq(workshopAttendees.workshopId, workshopId))
    .groupBy(workshopAttendees.side, workshopAttendees.level);
  const counts = emptyJoinedCounts();
  for (const row of rows) counts[row.side as Side][(row.level as Level | null) ?? 'unknown'] += Number(row.n);
  return counts;
}

/** What every screen shows of who has joined: a count per side. */
export function sideCounts(counts: JoinedCounts): Record<Side, number> {
  const total = (side: Side) => Object.values(counts[side]).reduce((sum, n) => sum + n, 0);
  return { A: total('A'), B: total('B') };
}

const NoteInput = z.strictObject({
  text: z.string().trim().min(1, 'write something first').max(NOTE_MAX, `at most ${NOTE_MAX} characters`),
  signedAs: z
    .string()
    .trim()
    .max(SIGNATURE_MAX, `at most ${SIGNATURE_MAX} characters`)
    .nullable()
    .default(null)
    .transform((name) => (name === '' ? null : name)),
});

function checkNoteText(raw: unknown): void {
  const input = raw as { text?: unknown; signedAs?: unknown } | null;
  const problems = [];
  if (typeof input?.text === 'string') {
    const problem = forbiddenCharacterProblem('text', input.text, 'multi-line');
    if (problem) problems.push(problem);
  }
  if (typeof input?.signedAs === 'string') {
    const problem = forbiddenCharacterProblem('signedAs', input.signedAs, 'single-line');
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw invalidFields(problems);
}

/** A note in the current reflect step, private to its writer until the step is revealed. */
export async function writeNote(
  db: Db,
  token: string,
  raw: unknown,
): Promise<{ id: string; stepId: string }> {
  checkNoteText(raw);
  const input = parseInput(NoteInput, raw, 'note');
  const attendee = await attendeeByToken(db, token);
  return db.transaction(async (tx) => {
    await lockWorkshop(tx, attendee.workshopId);
    const step = await openReflectStep(tx, attendee.workshopId);
    const [row] = await tx
      .insert(workshopNotes)
      .values({
        workshopId: attendee.workshopId,
        stepId: step.id,
        attendeeId: attendee.id,
        text: input.text,
        signedAs: input.signedAs,
      })
      .returning({ id: workshopNotes.id });
    await announceNoteCount(tx, attendee.workshopId, step.id);
    return { id: row!.id, stepId: step.id };
  });
}

/** Rewrites or removes one of the attendee's own notes, while its step is not revealed. */
export async function editNote(db: Db, token: string, noteId: string, raw: unknown | null): Promise<void> {
  if (raw !== null) checkNoteText(raw);
  const input = raw === null ? null : parseInput(NoteInput, raw, 'note');
  const attendee = await attendeeByToken(db, token);
  if (!isUuid(noteId)) throw new AppError('not-found', 'note not found');
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, attendee.workshopId);
    const [note] = await tx
      .select({ id: workshopNotes.id, stepId: workshopNotes.stepId })
      .from(workshopNotes)
      .where(and(eq(workshopNotes.id, noteId.toLowerCase()), eq(workshopNotes.attendeeId, attendee.id)));
    if (!note) throw new AppError('not-found', 'note not found');
    const workshop = await workshopById(tx, attendee.workshopId);
    requireLive(workshop);
    const step = (await loadSteps(tx, attendee.workshopId)).find((row) => row.id === note.stepId);
    if (step?.revealedAt)
      throw new AppError('conflict', 'the notes of this step have been shown to the room');
    if (input === null) {
      await tx.delete(workshopNotes).where(eq(workshopNotes.id, note.id));
      await announceNoteCount(tx, attendee.workshopId, note.stepId);
    } else {
      await tx
        .update(workshopNotes)
        .set({ text: input.text, signedAs: input.signedAs })
        .where(eq(workshopNotes.id, note.id));
    }
  });
}

async function openReflectStep(tx: Tx, workshopId: string) {
  const workshop = await workshopById(tx, workshopId);
  requireLive(workshop);
  const step = currentStep(workshop, await loadSteps(tx, workshopId));
  if (!step || !stepTakesNotes(step.kind))
    throw new AppError('conflict', 'notes are taken in a reflect step only');
  if (step.revealedAt)
    throw new AppError('conflict', 'the notes of this step have been shown: wait for the next step');
  return step;
}

async function announceNoteCount(tx: Tx, workshopId: string, stepId: string): Promise<void> {
  const [row] = await tx.select({ n: count() }).from(workshopNotes).where(eq(workshopNotes.stepId, stepId));
  await appendWorkshopEvent(tx, workshopId, 'notes', { stepId, count: Number(row?.n ?? 0) });
}

/**
 * Replaces the attendee's whole ballot in the current vote step (theme → dots, at most the
 * workshop's dots in all). Two tabs of one attendee replace the same ballot: nothing counts twice.
 */
export async function castBallot(
  db: Db,
  token: string,
  raw: unknown,
): Promise<{ stepId: string; used: number }> {
  const ballot = parseInput(z.record(z.string(), z.number()), raw, 'ballot') as Ballot;
  const attendee = await attendeeByToken(db, token);
  return db.transaction(async (tx) => {
    // One attendee's ballots, one at a time (the row lock), within the workshop's order of changes.
    await lockWorkshop(tx, attendee.workshopId);
    const workshop = await workshopById(tx, attendee.workshopId);
    requireLive(workshop);
    const step = currentStep(workshop, await loadSteps(tx, attendee.workshopId));
    if (!step || step.kind !== 'vote') throw new AppError('conflict', 'voting is open in a vote step only');
    if (step.revealedAt) throw new AppError('conflict', 'the vote is closed: its result has been shown');
    const themes = await tx
      .select({ id: workshopThemes.id })
      .from(workshopThemes)
      .where(eq(workshopThemes.workshopId, attendee.workshopId));
    const problem = ballotProblem(ballot, workshop.dots, new Set(themes.map((theme) => theme.id)));
    if (problem) throw new AppError('invalid-input', `ballot: ${problem}`);
    await tx
      .delete(workshopVotes)
      .where(and(eq(workshopVotes.stepId, step.id), eq(workshopVotes.attendeeId, attendee.id)));
    const rows = Object.entries(ballot).map(([themeId, dots]) => ({
      stepId: step.id,
      attendeeId: attendee.id,
      themeId,
      dots,
    }));
    if (rows.length > 0) await tx.insert(workshopVotes).values(rows);
    await appendWorkshopEvent(tx, attendee.workshopId, 'voted', {
      stepId: step.id,
      voters: await votersBySide(tx, step.id),
    });
    return { stepId: step.id, used: rows.reduce((sum, row) => sum + row.dots, 0) };
  });
}

/** How many have voted in a vote step, per side (never what). */
export async function votersBySide(db: Db | Tx, stepId: string): Promise<Record<Side, number>> {
  const rows = await db
    .select({ side: workshopAttendees.side, n: countDistinct(workshopVotes.attendeeId) })
    .from(workshopVotes)
    .innerJoin(workshopAttendees, eq(workshopAttendees.id, workshopVotes.attendeeId))
    .where(eq(workshopVotes.stepId, stepId))
    .groupBy(workshopAttendees.side);
  const voters: Record<Side, number> = { A: 0, B: 0 };
  for (const row of rows) voters[row.side as Side] = Number(row.n);
  return voters;
}
