import { and, asc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  sides,
  workshopAttendees,
  workshopNotes,
  workshopSteps,
  workshopThemes,
  workshopVotes,
} from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { forbiddenCharacterProblem } from '../domain/control-characters.ts';
import { type Level, SIDES, type Side } from '../domain/model.ts';
import { fieldProblem, invalidFields } from '../domain/parse-input.ts';
import { isUuid } from '../domain/uuid.ts';
import {
  attributedLevel,
  noteLevelVisibility,
  smallSides,
  THEME_TITLE_MAX,
  tallyVotes,
} from '../domain/workshop.ts';
import type { Tx } from './lock-relationship.ts';
import { appendWorkshopEvent } from './workshop-events.ts';
import { joinedCounts, sideCounts, votersBySide } from './workshop-room.ts';
import {
  attendeeByToken,
  currentStep,
  findStep,
  findWorkshop,
  loadSteps,
  lockWorkshop,
  requireLive,
  type StepRow,
  type WorkshopRow,
  workshopById,
} from './workshop-rows.ts';

// Reveal, group and tally (issue 10): the facilitator shows a reflect step's notes to the room
// (anonymised: the side always, the level only where enough of it joined), groups them into
// themes (and so may attendees, when the facilitator allows it), and shows a vote's tally.

export type RevealedNote = {
  id: string;
  text: string;
  side: Side;
  level: Level | null;
  signedAs: string | null;
};
export type ThemeView = { id: string; title: string; noteIds: string[] };

/**
 * Shows a reflect step's notes, or a vote step's tally, to the room. Once. Where a side that wrote
 * (or voted) in the step has fewer people in the room than the relationship's anonymity threshold,
 * everyone could tell whose words (or dots) that side's are: the facilitator must say so
 * (`showSmallSides`), or the step stays hidden.
 */
export async function revealStep(
  db: Db,
  workspaceId: string,
  workshopId: string,
  stepId: string,
  options: { showSmallSides?: boolean } = {},
): Promise<void> {
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const step = await findStep(tx, workshop.id, stepId);
    if (step.revealedAt) throw new AppError('conflict', 'this step has been revealed already');
    if (!options.showSmallSides) await refuseSmallSides(tx, workshop, step);
    if (step.kind === 'reflect') {
      // The attribution is fixed now, with who has joined now.
      const visibility = noteLevelVisibility(
        await joinedCounts(tx, workshop.id),
        workshop.anonymityThreshold,
      );
      const notes = await tx
        .select({ id: workshopNotes.id, side: workshopAttendees.side, level: workshopAttendees.level })
        .from(workshopNotes)
        .innerJoin(workshopAttendees, eq(workshopAttendees.id, workshopNotes.attendeeId))
        .where(eq(workshopNotes.stepId, step.id));
      for (const note of notes) {
        const level = attributedLevel(note.side as Side, note.level as Level | null, visibility);
        if (level)
          await tx.update(workshopNotes).set({ shownLevel: level }).where(eq(workshopNotes.id, note.id));
      }
      await tx.update(workshopSteps).set({ revealedAt: new Date() }).where(eq(workshopSteps.id, step.id));
      await appendWorkshopEvent(tx, workshop.id, 'revealed', {
        stepId: step.id,
        notes: await revealedNotes(tx, step.id),
      });
    } else if (step.kind === 'vote') {
      await tx.update(workshopSteps).set({ revealedAt: new Date() }).where(eq(workshopSteps.id, step.id));
      await appendWorkshopEvent(tx, workshop.id, 'tally', {
        stepId: step.id,
        tally: await voteTally(tx, workshop.id, step.id),
      });
    } else {
      throw new AppError('conflict', 'only reflect and vote steps are revealed');
    }
  });
}

async function refuseSmallSides(tx: Tx, workshop: WorkshopRow, step: StepRow): Promise<void> {
  const joined = sideCounts(await joinedCounts(tx, workshop.id));
  const contributed = new Set<Side>();
  if (step.kind === 'reflect') {
    const rows = await tx
      .selectDistinct({ side: workshopAttendees.side })
      .from(workshopNotes)
      .innerJoin(workshopAttendees, eq(workshopAttendees.id, workshopNotes.attendeeId))
      .where(eq(workshopNotes.stepId, step.id));
    for (const row of rows) contributed.add(row.side as Side);
  } else if (step.kind === 'vote') {
    const voters = await votersBySide(tx, step.id);
    for (const side of SIDES) if (voters[side] > 0) contributed.add(side);
  }
  const small = smallSides(joined, workshop.anonymityThreshold).filter((side) => contributed.has(side));
  if (small.length === 0) return;
  const names = await tx.select().from(sides).where(eq(sides.relationshipId, workshop.relationshipId));
  const words = small.map((side) => {
    const name = names.find((row) => row.side === side)?.name ?? `side ${side}`;
    return `${joined[side]} ${joined[side] === 1 ? 'person' : 'people'} from ${name}`;
  });
  throw invalidFields([
    fieldProblem(
      'showSmallSides',
      `only ${words.join(' and ')} joined (fewer than ${workshop.anonymityThreshold}): the room could tell whose ${step.kind === 'vote' ? 'dots' : 'notes'} these are. Tick the box to show them anyway`,
    ),
  ]);
}

/**
 * A revealed step's notes as the room sees them, in an order that follows neither time nor writer
 * (by note id, which is random).
 */
export async function revealedNotes(db: Db | Tx, stepId: string): Promise<RevealedNote[]> {
  const rows = await db
    .select({
      id: workshopNotes.id,
      text: workshopNotes.text,
      side: workshopAttendees.side,
      level: workshopNotes.shownLevel,
      signedAs: workshopNotes.signedAs,
    })
    .from(workshopNotes)
    .innerJoin(workshopAttendees, eq(workshopAttendees.id, workshopNotes.attendeeId))
    .innerJoin(workshopSteps, eq(workshopSteps.id, workshopNotes.stepId))
    .where(and(eq(workshopNotes.stepId, stepId), isNotNull(workshopSteps.revealedAt)))
    .orderBy(asc(workshopNotes.id));
  return rows.map((row) => ({ ...row, side: row.side as Side, level: row.level as Level | null }));
}

export async function voteTally(db: Db | Tx, workshopId: string, stepId: string) {
  const themes = await loadThemes(db, workshopId);
  const votes = await db
    .select({ themeId: workshopVotes.themeId, side: workshopAttendees.side, dots: workshopVotes.dots })
    .from(workshopVotes)
    .innerJoin(workshopAttendees, eq(workshopAttendees.id, workshopVotes.attendeeId))
    .where(eq(workshopVotes.stepId, stepId));
  return tallyVotes(
    themes.map((theme) => theme.id),
    votes.map((vote) => ({ ...vote, side: vote.side as Side })),
  );
}

export async function loadThemes(db: Db | Tx, workshopId: string): Promise<ThemeView[]> {
  const themes = await db
    .select({ id: workshopThemes.id, title: workshopThemes.title })
    .from(workshopThemes)
    .where(eq(workshopThemes.workshopId, workshopId))
    .orderBy(asc(workshopThemes.position));
  const placed = await db
    .select({ id: workshopNotes.id, themeId: workshopNotes.themeId })
    .from(workshopNotes)
    .where(and(eq(workshopNotes.workshopId, workshopId), isNotNull(workshopNotes.themeId)))
    .orderBy(asc(workshopNotes.id));
  return themes.map((theme) => ({
    ...theme,
    noteIds: placed.filter((note) => note.themeId === theme.id).map((note) => note.id),
  }));
}

/** Who is grouping: the facilitator, or an attendee where the facilitator lets the room group. */
export type Grouper = { workspaceId: string } | { token: string };

async function grouperWorkshop(db: Db, grouper: Grouper, workshopId: string): Promise<WorkshopRow> {
  if ('workspaceId' in grouper) return findWorkshop(db, grouper.workspaceId, workshopId);
  const attendee = await attendeeByToken(db, grouper.token);
  if (attendee.workshopId !== workshopId) throw new AppError('not-found', 'workshop not found');
  const workshop = await workshopById(db, workshopId);
  if (!workshop.attendeesGroup)
    throw new AppError('forbidden', 'the facilitator groups the notes in this workshop');
  if (currentStep(workshop, await loadSteps(db, workshopId))?.kind !== 'group')
    throw new AppError('conflict', 'the room groups the notes in a group step: wait for the facilitator');
  return workshop;
}

function themeTitle(raw: unknown): string {
  if (typeof raw !== 'string') throw new AppError('invalid-input', 'title: give the theme a title');
  const problem = forbiddenCharacterProblem('title', raw, 'single-line');
  if (problem) throw invalidFields([problem]);
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title === '') throw new AppError('invalid-input', 'title: give the theme a title');
  if (title.length > THEME_TITLE_MAX)
    throw new AppError('invalid-input', `title: at most ${THEME_TITLE_MAX} characters`);
  return title;
}

/** A new theme, with the revealed notes given placed in it. */
export async function createTheme(
  db: Db,
  grouper: Grouper,
  workshopId: string,
  raw: { title?: unknown; noteIds?: unknown },
): Promise<{ id: string }> {
  const title = themeTitle(raw.title);
  const noteIds = Array.isArray(raw.noteIds) ? raw.noteIds.map(String) : [];
  const workshop = await grouperWorkshop(db, grouper, workshopId);
  return db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const [last] = await tx
      .select({ position: max(workshopThemes.position) })
      .from(workshopThemes)
      .where(eq(workshopThemes.workshopId, workshop.id));
    const [row] = await tx
      .insert(workshopThemes)
      .values({ workshopId: workshop.id, title, position: (last?.position ?? -1) + 1 })
      .returning({ id: workshopThemes.id });
    if (noteIds.length > 0) await placeRevealedNotes(tx, workshop.id, noteIds, row!.id);
    await announceThemes(tx, workshop.id);
    return { id: row!.id };
  });
}

/** Renames a theme. */
export async function renameTheme(
  db: Db,
  grouper: Grouper,
  workshopId: string,
  themeId: string,
  rawTitle: unknown,
) {
  const title = themeTitle(rawTitle);
  const workshop = await grouperWorkshop(db, grouper, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const updated = isUuid(themeId)
      ? await tx
          .update(workshopThemes)
          .set({ title })
          .where(
            and(eq(workshopThemes.id, themeId.toLowerCase()), eq(workshopThemes.workshopId, workshop.id)),
          )
          .returning({ id: workshopThemes.id })
      : [];
    if (updated.length === 0) throw new AppError('not-found', 'theme not found');
    await announceThemes(tx, workshop.id);
  });
}

/** Puts revealed notes into a theme, or takes them out of any (themeId null). */
export async function placeNotes(
  db: Db,
  grouper: Grouper,
  workshopId: string,
  noteIds: readonly string[],
  themeId: string | null,
): Promise<void> {
  const workshop = await grouperWorkshop(db, grouper, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    if (themeId !== null) {
      const [theme] = isUuid(themeId)
        ? await tx
            .select({ id: workshopThemes.id })
            .from(workshopThemes)
            .where(
              and(eq(workshopThemes.id, themeId.toLowerCase()), eq(workshopThemes.workshopId, workshop.id)),
            )
        : [];
      if (!theme) throw new AppError('not-found', 'theme not found');
    }
    await placeRevealedNotes(tx, workshop.id, noteIds, themeId?.toLowerCase() ?? null);
    await announceThemes(tx, workshop.id);
  });
}

/** Removes a theme (its notes go back to ungrouped); refused once it has votes. */
export async function deleteTheme(
  db: Db,
  grouper: Grouper,
  workshopId: string,
  themeId: string,
): Promise<void> {
  const workshop = await grouperWorkshop(db, grouper, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const id = isUuid(themeId) ? themeId.toLowerCase() : null;
    const [theme] = id
      ? await tx
          .select({ id: workshopThemes.id })
          .from(workshopThemes)
          .where(and(eq(workshopThemes.id, id), eq(workshopThemes.workshopId, workshop.id)))
      : [];
    if (!theme) throw new AppError('not-found', 'theme not found');
    const [voted] = await tx
      .select({ themeId: workshopVotes.themeId })
      .from(workshopVotes)
      .where(eq(workshopVotes.themeId, theme.id))
      .limit(1);
    if (voted) throw new AppError('conflict', 'the room has voted on this theme: it stays');
    await tx.update(workshopNotes).set({ themeId: null }).where(eq(workshopNotes.themeId, theme.id));
    await tx.delete(workshopThemes).where(eq(workshopThemes.id, theme.id));
    await announceThemes(tx, workshop.id);
  });
}

async function placeRevealedNotes(
  tx: Tx,
  workshopId: string,
  noteIds: readonly string[],
  themeId: string | null,
) {
  const ids = [...new Set(noteIds.map((id) => id.toLowerCase()))];
  if (ids.some((id) => !isUuid(id))) throw new AppError('not-found', 'note not found');
  if (ids.length === 0) return;
  const notes = await tx
    .select({ id: workshopNotes.id, revealedAt: workshopSteps.revealedAt })
    .from(workshopNotes)
    .innerJoin(workshopSteps, eq(workshopSteps.id, workshopNotes.stepId))
    .where(and(eq(workshopNotes.workshopId, workshopId), inArray(workshopNotes.id, ids)));
  // A note not yet revealed is, to everyone but its writer, no note at all.
  if (notes.length !== ids.length || notes.some((note) => note.revealedAt === null)) {
    throw new AppError('not-found', 'note not found');
  }
  await tx.update(workshopNotes).set({ themeId }).where(inArray(workshopNotes.id, ids));
}

async function announceThemes(tx: Tx, workshopId: string): Promise<void> {
  await appendWorkshopEvent(tx, workshopId, 'themes', { themes: await loadThemes(tx, workshopId) });
}
