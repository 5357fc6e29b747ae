import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  charterVersions,
  relationships,
  sides,
  smallBigThings,
  sponsorGrants,
  waves,
  workshopCommitments,
  workshopNotes,
  workshops,
  workshopVotes,
  workstreams,
} from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Side } from '../domain/model.ts';
import type { ReleasedFinding } from '../domain/share-and-act.ts';
import { isUuid } from '../domain/uuid.ts';
import {
  STEP_LABELS,
  type StepKind,
  smallSides,
  type ThemeTally,
  type WorkshopStatus,
} from '../domain/workshop.ts';
import type { WorkshopCommitment } from './commit-workshop-theme.ts';
import { loadJointRelease } from './load-joint-release.ts';
import type { Tx } from './lock-relationship.ts';
import { lastWorkshopEventId } from './workshop-events.ts';
import {
  loadThemes,
  type RevealedNote,
  revealedNotes,
  type ThemeView,
  voteTally,
} from './workshop-grouping.ts';
import { joinedCounts, sideCounts, votersBySide } from './workshop-room.ts';
import { attendeeByToken, findWorkshop, loadSteps, type WorkshopRow, workshopById } from './workshop-rows.ts';

// What each screen of a workshop shows (issue 10, item 3), rebuilt from the rows (decision 049):
// the public view every screen shares (the projector's, and the phones'), the facilitator's (the
// same plus the code and controls), and an attendee's (the same plus their own notes and ballot).
// Nothing here carries a note before its step is revealed, nor a vote's tally before it is shown.

export type WorkshopStepView = {
  id: string;
  kind: StepKind;
  label: string;
  prompt: string | null;
  revealed: boolean;
  /** Reflect: how many notes (before the reveal), or the notes (after). */
  noteCount: number;
  notes: RevealedNote[];
  /** Vote: how many have voted per side; the tally once revealed. */
  voters: Record<Side, number> | null;
  tally: ThemeTally[] | null;
};

export type WorkshopView = {
  id: string;
  title: string;
  status: WorkshopStatus;
  relationship: string;
  sides: Record<Side, string>;
  wave: string;
  dots: number;
  attendeesGroup: boolean;
  steps: WorkshopStepView[];
  currentStepId: string | null;
  presentIndex: number;
  timerEndsAt: string | null;
  findings: ReleasedFinding[];
  joined: Record<Side, number>;
  themes: ThemeView[];
  commitments: WorkshopCommitment[];
  /** Events up to this id are in this view: a stream resumes after it. */
  lastEventId: number;
  /** Once ended: what the room said and agreed, as saved then (what every screen shows). */
  summary: WorkshopSummary | null;
};

export type FacilitatorWorkshopView = WorkshopView & {
  code: string;
  relationshipId: string;
  /** Sides in the room with fewer people than the anonymity threshold: a reveal asks first. */
  smallSides: Side[];
};

export type AttendeeWorkshopView = WorkshopView & {
  you: { side: Side; level: string | null };
  /** The attendee's own notes in every step, revealed or not. */
  ownNotes: { id: string; stepId: string; text: string; signedAs: string | null }[];
  /** The attendee's ballot in the current vote step. */
  ownBallot: Record<string, number>;
};

async function publicView(db: Db | Tx, workshop: WorkshopRow): Promise<WorkshopView> {
  // The event id first: anything that happens while the view is read comes again in the stream.
  const lastEventId = await lastWorkshopEventId(db as Db, workshop.id);
  const [wave] = await db.select({ label: waves.label }).from(waves).where(eq(waves.id, workshop.waveId));
  const release = await loadJointRelease(db as Db, workshop.relationshipId, wave!.label);
  const sideRows = await db.select().from(sides).where(eq(sides.relationshipId, workshop.relationshipId));
  const sideName = (side: Side) => sideRows.find((row) => row.side === side)?.name ?? side;
  const steps: WorkshopStepView[] = [];
  const noteCounts = await db
    .select({ stepId: workshopNotes.stepId })
    .from(workshopNotes)
    .where(eq(workshopNotes.workshopId, workshop.id));
  for (const step of await loadSteps(db, workshop.id)) {
    const revealed = step.revealedAt !== null;
    steps.push({
      id: step.id,
      kind: step.kind,
      label: STEP_LABELS[step.kind],
      prompt: step.prompt,
      revealed,
      noteCount: noteCounts.filter((note) => note.stepId === step.id).length,
      notes: step.kind === 'reflect' && revealed ? await revealedNotes(db, step.id) : [],
      voters: step.kind === 'vote' ? await votersBySide(db, step.id) : null,
      tally: step.kind === 'vote' && revealed ? await voteTally(db, workshop.id, step.id) : null,
    });
  }
  return {
    id: workshop.id,
    title: workshop.title,
    status: workshop.status as WorkshopStatus,
    relationship: workshop.relationshipName,
    sides: { A: sideName('A'), B: sideName('B') },
    wave: wave!.label,
    dots: workshop.dots,
    attendeesGroup: workshop.attendeesGroup,
    steps,
    currentStepId: workshop.currentStepId,
    presentIndex: workshop.presentIndex,
    timerEndsAt: workshop.timerEndsAt?.toISOString() ?? null,
    findings: release?.release.findings ?? [],
    joined: sideCounts(await joinedCounts(db, workshop.id)),
    themes: await loadThemes(db, workshop.id),
    commitments: await loadCommitments(db, workshop.id),
    lastEventId,
    summary: workshop.status === 'ended' ? (workshop.summary as WorkshopSummary | null) : null,
  };
}

/** The facilitator's view: everything the room sees, and the code. */
export async function getWorkshopForFacilitator(
  db: Db,
  workspaceId: string,
  workshopId: string,
): Promise<FacilitatorWorkshopView> {
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  const view = await publicView(db, workshop);
  return {
    ...view,
    code: workshop.code,
    relationshipId: workshop.relationshipId,
    smallSides: smallSides(view.joined, workshop.anonymityThreshold),
  };
}

/** A phone's view: the room's, with the attendee's own notes and ballot. */
export async function getWorkshopForAttendee(db: Db, token: string): Promise<AttendeeWorkshopView> {
  const attendee = await attendeeByToken(db, token);
  const workshop = await workshopById(db, attendee.workshopId);
  const view = await publicView(db, workshop);
  const ownNotes = await db
    .select({
      id: workshopNotes.id,
      stepId: workshopNotes.stepId,
      text: workshopNotes.text,
      signedAs: workshopNotes.signedAs,
    })
    .from(workshopNotes)
    .where(eq(workshopNotes.attendeeId, attendee.id))
    .orderBy(asc(workshopNotes.createdAt), asc(workshopNotes.id));
  const ballotRows = workshop.currentStepId
    ? await db
        .select({ stepId: workshopVotes.stepId, themeId: workshopVotes.themeId, dots: workshopVotes.dots })
        .from(workshopVotes)
        .where(eq(workshopVotes.attendeeId, attendee.id))
    : [];
  const ownBallot = Object.fromEntries(
    ballotRows.filter((row) => row.stepId === workshop.currentStepId).map((row) => [row.themeId, row.dots]),
  );
  return { ...view, you: { side: attendee.side, level: attendee.level }, ownNotes, ownBallot };
}

export async function loadCommitments(db: Db | Tx, workshopId: string): Promise<WorkshopCommitment[]> {
  const rows = await db
    .select({
      id: workshopCommitments.id,
      themeId: workshopCommitments.themeId,
      kind: workshopCommitments.kind,
      text: workshopCommitments.text,
      workstreamRef: workstreams.ref,
      smallBigThingId: smallBigThings.id,
      charterVersion: charterVersions.version,
    })
    .from(workshopCommitments)
    .leftJoin(workstreams, eq(workstreams.id, workshopCommitments.workstreamId))
    .leftJoin(smallBigThings, eq(smallBigThings.id, workshopCommitments.smallBigThingId))
    .leftJoin(charterVersions, eq(charterVersions.id, workshopCommitments.charterVersionId))
    .where(eq(workshopCommitments.workshopId, workshopId))
    .orderBy(asc(workshopCommitments.createdAt), asc(workshopCommitments.id));
  return rows.map((row) => ({
    id: row.id,
    themeId: row.themeId,
    kind: row.kind as WorkshopCommitment['kind'],
    text: row.text,
    reference:
      row.workstreamRef ??
      (row.charterVersion !== null
        ? `charter version ${row.charterVersion}`
        : (row.smallBigThingId ?? 'removed since')),
  }));
}

/** What the room said and agreed, as saved when the workshop ends (and shown afterwards). */
export type WorkshopSummary = {
  title: string;
  relationship: string;
  sides: Record<Side, string>;
  wave: string;
  startedAt: string | null;
  endedAt: string;
  joined: Record<Side, number>;
  agenda: {
    kind: StepKind;
    label: string;
    prompt: string | null;
    notes: RevealedNote[];
    tally: ThemeTally[] | null;
  }[];
  themes: (ThemeView & { votes: Record<Side, number>; bothSides: boolean })[];
  commitments: WorkshopCommitment[];
};

export async function buildWorkshopSummary(
  tx: Tx,
  workshopId: string,
  endedAt: Date,
): Promise<WorkshopSummary> {
  const workshop = await workshopById(tx, workshopId);
  const view = await publicView(tx, workshop);
  return {
    title: view.title,
    relationship: view.relationship,
    sides: view.sides,
    wave: view.wave,
    startedAt: workshop.startedAt?.toISOString() ?? null,
    endedAt: endedAt.toISOString(),
    joined: view.joined,
    agenda: view.steps.map((step) => ({
      kind: step.kind,
      label: step.label,
      prompt: step.prompt,
      notes: step.notes,
      tally: step.tally,
    })),
    themes: themesWithVotes(view.themes, view.steps),
    commitments: view.commitments,
  };
}

/** The summary's themes: each with its dots per side from the last revealed vote, and "both". */
export function themesWithVotes(
  themes: readonly ThemeView[],
  steps: readonly { tally: ThemeTally[] | null }[],
): WorkshopSummary['themes'] {
  const lastTally = [...steps].reverse().find((step) => step.tally !== null)?.tally ?? [];
  return themes.map((theme) => {
    const tally = lastTally.find((row) => row.themeId === theme.id);
    return { ...theme, votes: tally?.bySide ?? { A: 0, B: 0 }, bothSides: tally?.bothSides ?? false };
  });
}

/**
 * An ended workshop's summary for a sponsor of its relationship (issue 10, item 6: shown to
 * participants afterwards). Without a grant, or before it ends, there is no such page.
 */
export async function getWorkshopSummaryForSponsor(
  db: Db,
  sponsor: { id: string; workspaceId: string },
  relationshipId: string,
  workshopId: string,
): Promise<{ relationship: { id: string; name: string }; summary: WorkshopSummary }> {
  const notFound = new AppError('not-found', 'no such workshop in a relationship you sponsor');
  if (!isUuid(relationshipId) || !isUuid(workshopId)) throw notFound;
  const [row] = await db
    .select({ summary: workshops.summary, relationshipId: relationships.id, name: relationships.name })
    .from(workshops)
    .innerJoin(relationships, eq(relationships.id, workshops.relationshipId))
    .innerJoin(
      sponsorGrants,
      and(eq(sponsorGrants.relationshipId, relationships.id), eq(sponsorGrants.userId, sponsor.id)),
    )
    .where(
      and(
        eq(workshops.id, workshopId.toLowerCase()),
        eq(relationships.id, relationshipId.toLowerCase()),
        eq(relationships.workspaceId, sponsor.workspaceId),
        eq(workshops.status, 'ended'),
      ),
    );
  if (!row?.summary) throw notFound;
  return {
    relationship: { id: row.relationshipId, name: row.name },
    summary: row.summary as WorkshopSummary,
  };
}
