import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type ParticipantInput, ParticipantSchema } from '../domain/setup-input.ts';
import { findRelationship } from './find-relationship.ts';
import type { ParticipantView } from './list-participants.ts';
import { lockRelationship } from './lock-relationship.ts';
import { assertEmailFree, createRespondentKey, findParticipant } from './participant-rules.ts';

export async function addParticipant(
  db: Db,
  workspaceId: string,
  relationship: string,
  input: ParticipantInput,
): Promise<ParticipantView> {
  const data = parseInput(ParticipantSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    await assertEmailFree(tx, found.id, data.email);
    const respondentKey = data.respondentKey ?? createRespondentKey();
    const [created] = await tx
      .insert(participants)
      .values({
        relationshipId: found.id,
        respondentKey,
        name: data.name,
        email: data.email,
        side: data.side,
        level: data.level,
        role: data.role,
      })
      .onConflictDoNothing()
      .returning({ id: participants.id });
    if (!created) {
      throw new AppError(
        'invalid-input',
        `respondentKey: ${JSON.stringify(respondentKey)} is already used in this relationship`,
        [{ field: 'respondentKey', message: 'already used in this relationship' }],
      );
    }
    return findParticipant(tx, found.id, created.id);
  });
}
