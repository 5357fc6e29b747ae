import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actions } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { fieldProblem, invalidFields, parseInput } from '../domain/parse-input.ts';
import { ActionInputSchema } from '../domain/share-and-act.ts';
import { isUuid } from '../domain/uuid.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';
import { ownerColumns, resolveOwner } from './resolve-owner.ts';
import { findWorkstreamRow, sideNamesOf } from './save-workstream.ts';

/**
 * Adds an action to a workstream (what, owner, due date, status), or with `actionId` rewrites one.
 * The owner is a participant or sponsor of either side; an action due before its workstream
 * started, or marked done without the day it was done, is refused by its field.
 */
export async function saveAction(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  workstreamRef: string,
  raw: unknown,
  actionId?: string,
): Promise<{ id: string }> {
  const input = parseInput(ActionInputSchema, raw, 'action');
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const workstream = await findWorkstreamRow(tx, relationship.id, workstreamRef);
    if (input.dueOn < workstream.startedOn) {
      throw invalidFields([
        fieldProblem(
          'dueOn',
          `due before the workstream started (${workstream.startedOn}): choose that day or later`,
        ),
      ]);
    }
    if (input.status === 'done' && input.doneOn === null) {
      throw invalidFields([fieldProblem('doneOn', 'say on which day it was done')]);
    }
    const owner = await resolveOwner(
      tx,
      relationship.id,
      input.owner,
      'owner',
      await sideNamesOf(tx, relationship.id),
    );
    const columns = ownerColumns(owner);
    const values = {
      what: input.what,
      ownerSide: owner.side,
      ownerParticipantId: columns.participantId,
      ownerUserId: columns.userId,
      dueOn: input.dueOn,
      status: input.status,
      doneOn: input.status === 'done' ? input.doneOn : null,
    };
    if (actionId === undefined) {
      const [row] = await tx
        .insert(actions)
        .values({
          workstreamId: workstream.id,
          ...values,
          position: sql`(select coalesce(max(position), -1) + 1 from actions where workstream_id = ${workstream.id})`,
        })
        .returning({ id: actions.id });
      return { id: row!.id };
    }
    await requireAction(tx, workstream.id, actionId);
    await tx
      .update(actions)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(actions.id, actionId));
    return { id: actionId };
  });
}

async function requireAction(tx: Tx, workstreamId: string, actionId: string): Promise<void> {
  const [row] = isUuid(actionId)
    ? await tx
        .select({ id: actions.id })
        .from(actions)
        .where(and(eq(actions.id, actionId), eq(actions.workstreamId, workstreamId)))
    : [];
  if (!row) throw new AppError('not-found', 'no such action in this workstream');
}
