import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants, responses, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship } from './lock-relationship.ts';
import { findParticipant } from './participant-rules.ts';

/**
 * Removes a participant who has not answered yet (their survey links go with them). Someone with a
 * response is refused: deleting them would delete their answers and change every analysis.
 */
export async function removeParticipant(
  db: Db,
  workspaceId: string,
  relationship: string,
  participantId: string,
): Promise<void> {
  const found = await findRelationship(db, workspaceId, relationship);
  await db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const participant = await findParticipant(tx, found.id, participantId);
    const answered = await tx
      .select({ label: waves.label })
      .from(responses)
      .innerJoin(waves, eq(waves.id, responses.waveId))
      .where(eq(responses.participantId, participant.id))
      .orderBy(asc(waves.position));
    if (answered.length > 0) {
      const labels = answered.map((w) => `"${w.label}"`).join(', ');
      throw new AppError(
        'conflict',
        `${participant.name || participant.respondentKey} cannot be removed: they have responses in wave ${labels}, and removing them would delete those answers from the analysis`,
      );
    }
    await tx.delete(participants).where(eq(participants.id, participant.id));
  });
}
