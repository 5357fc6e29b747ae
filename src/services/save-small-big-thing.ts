import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { smallBigThings } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { fieldProblem, invalidFields, parseInput } from '../domain/parse-input.ts';
import { SmallBigThingInputSchema } from '../domain/share-and-act.ts';
import { isUuid } from '../domain/uuid.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship } from './lock-relationship.ts';
import { ownerColumns, resolveOwner } from './resolve-owner.ts';
import { findWorkstreamRow, sideNamesOf } from './save-workstream.ts';

/**
 * Adds a small big thing to the relationship's quick list (raised on, by which side, owner,
 * workstream, fixed on), or with `id` rewrites one — most often to say the day it was fixed.
 */
export async function saveSmallBigThing(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  raw: unknown,
  id?: string,
): Promise<{ id: string }> {
  const input = parseInput(SmallBigThingInputSchema, raw, 'small big thing');
  if (input.fixedOn !== null && input.fixedOn < input.raisedOn) {
    throw invalidFields([fieldProblem('fixedOn', `fixed before it was raised (${input.raisedOn})`)]);
  }
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const owner = input.owner
      ? await resolveOwner(tx, relationship.id, input.owner, 'owner', await sideNamesOf(tx, relationship.id))
      : null;
    const workstream = input.workstream
      ? await findWorkstreamRow(tx, relationship.id, input.workstream)
      : null;
    const columns = ownerColumns(owner);
    const values = {
      text: input.text,
      raisedOn: input.raisedOn,
      raisedBySide: input.raisedBySide,
      ownerSide: owner?.side ?? null,
      ownerParticipantId: columns.participantId,
      ownerUserId: columns.userId,
      workstreamId: workstream?.id ?? null,
      fixedOn: input.fixedOn,
    };
    if (id === undefined) {
      const [row] = await tx
        .insert(smallBigThings)
        .values({ relationshipId: relationship.id, ...values })
        .returning({ id: smallBigThings.id });
      return { id: row!.id };
    }
    const updated = isUuid(id)
      ? await tx
          .update(smallBigThings)
          .set(values)
          .where(and(eq(smallBigThings.id, id), eq(smallBigThings.relationshipId, relationship.id)))
          .returning({ id: smallBigThings.id })
      : [];
    if (updated.length === 0) throw new AppError('not-found', 'no such small big thing in this relationship');
    return { id };
  });
}
