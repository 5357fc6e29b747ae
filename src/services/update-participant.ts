import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type UpdateParticipantInput, UpdateParticipantSchema } from '../domain/setup-input.ts';
import { findRelationship } from './find-relationship.ts';
import type { ParticipantView } from './list-participants.ts';
import { lockRelationship } from './lock-relationship.ts';
import { assertEmailFree, findParticipant } from './participant-rules.ts';

/**
 * Edits a participant. Responses keep the side and level the participant had when they answered,
 * so a move to another level does not change any analysis already made.
 */
export async function updateParticipant(
  db: Db,
  workspaceId: string,
  relationship: string,
  participantId: string,
  input: UpdateParticipantInput,
): Promise<ParticipantView> {
  const data = parseInput(UpdateParticipantSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const participant = await findParticipant(tx, found.id, participantId);
    if (data.email !== undefined) await assertEmailFree(tx, found.id, data.email, participant.id);
    const patch = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length > 0) {
      await tx.update(participants).set(patch).where(eq(participants.id, participant.id));
    }
    return findParticipant(tx, found.id, participant.id);
  });
}
