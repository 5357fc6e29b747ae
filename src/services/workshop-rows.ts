import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, workshopAttendees, workshopSteps, workshops } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Level, Side } from '../domain/model.ts';
import { isUuid } from '../domain/uuid.ts';
import type { StepKind, WorkshopStatus } from '../domain/workshop.ts';
import type { Tx } from './lock-relationship.ts';
import { hashSecret } from './secrets.ts';

// Reading a workshop's rows as the facilitator (scoped to the workspace) or as an attendee (by the
// phone's token), for the workshop services.

export type WorkshopRow = typeof workshops.$inferSelect & {
  anonymityThreshold: number;
  relationshipName: string;
};
export type StepRow = {
  id: string;
  position: number;
  kind: StepKind;
  prompt: string | null;
  revealedAt: Date | null;
};
export type AttendeeRow = {
  id: string;
  workshopId: string;
  side: Side;
  level: Level | null;
  userId: string | null;
};

const notFound = () => new AppError('not-found', 'workshop not found');

/** A workshop of the workspace, or not-found (never another workspace's). */
export async function findWorkshop(
  db: Db | Tx,
  workspaceId: string,
  workshopId: string,
): Promise<WorkshopRow> {
  if (!isUuid(workshopId)) throw notFound();
  const [row] = await db
    .select({
      workshop: workshops,
      anonymityThreshold: relationships.anonymityThreshold,
      name: relationships.name,
    })
    .from(workshops)
    .innerJoin(relationships, eq(relationships.id, workshops.relationshipId))
    .where(and(eq(workshops.id, workshopId.toLowerCase()), eq(relationships.workspaceId, workspaceId)));
  if (!row) throw notFound();
  return { ...row.workshop, anonymityThreshold: row.anonymityThreshold, relationshipName: row.name };
}

/** The same row, unscoped: for an attendee whose token already proved the workshop. */
export async function workshopById(db: Db | Tx, workshopId: string): Promise<WorkshopRow> {
  const [row] = await db
    .select({
      workshop: workshops,
      anonymityThreshold: relationships.anonymityThreshold,
      name: relationships.name,
    })
    .from(workshops)
    .innerJoin(relationships, eq(relationships.id, workshops.relationshipId))
    .where(eq(workshops.id, workshopId));
  if (!row) throw notFound();
  return { ...row.workshop, anonymityThreshold: row.anonymityThreshold, relationshipName: row.name };
}

/** Locks the workshop's row for the rest of the transaction: its changes happen one at a time. */
export async function lockWorkshop(tx: Tx, workshopId: string): Promise<void> {
  await tx.select({ id: workshops.id }).from(workshops).where(eq(workshops.id, workshopId)).for('update');
}

export async function loadSteps(db: Db | Tx, workshopId: string): Promise<StepRow[]> {
  const rows = await db
    .select({
      id: workshopSteps.id,
      position: workshopSteps.position,
      kind: workshopSteps.kind,
      prompt: workshopSteps.prompt,
      revealedAt: workshopSteps.revealedAt,
    })
    .from(workshopSteps)
    .where(eq(workshopSteps.workshopId, workshopId))
    .orderBy(asc(workshopSteps.position));
  return rows.map((row) => ({ ...row, kind: row.kind as StepKind }));
}

/** The attendee a phone's token names, or unauthorized. */
export async function attendeeByToken(db: Db | Tx, token: string): Promise<AttendeeRow> {
  const [row] =
    token.length > 0 && token.length <= 100
      ? await db
          .select({
            id: workshopAttendees.id,
            workshopId: workshopAttendees.workshopId,
            side: workshopAttendees.side,
            level: workshopAttendees.level,
            userId: workshopAttendees.userId,
          })
          .from(workshopAttendees)
          .where(eq(workshopAttendees.tokenHash, hashSecret(token)))
      : [];
  if (!row) throw new AppError('unauthorized', 'join the workshop with its code first');
  return { ...row, side: row.side as Side, level: row.level as Level | null };
}

/** The workshop must be live for what the room does (joining, notes, votes, grouping). */
export function requireLive(workshop: { status: string }): void {
  const status = workshop.status as WorkshopStatus;
  if (status === 'draft') throw new AppError('conflict', 'the workshop has not started yet');
  if (status === 'ended') throw new AppError('conflict', 'the workshop has ended');
}

/** One step of the workshop, or not-found. */
export async function findStep(db: Db | Tx, workshopId: string, stepId: string): Promise<StepRow> {
  const step = (await loadSteps(db, workshopId)).find((row) => row.id === stepId);
  if (!step) throw new AppError('not-found', 'step not found in this workshop');
  return step;
}

export function currentStep(
  workshop: { currentStepId: string | null },
  steps: StepRow[],
): StepRow | undefined {
  return steps.find((step) => step.id === workshop.currentStepId);
}
