import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { isUuid } from '../domain/uuid.ts';
import { type ParticipantView, selectParticipants } from './list-participants.ts';
import type { Tx } from './lock-relationship.ts';

// Rules shared by adding, editing and importing participants.

/** `p-` and 10 random hex digits: a pseudonymous key for bundles when none is given. */
export function createRespondentKey(): string {
  return `p-${randomBytes(5).toString('hex')}`;
}

/** Emails are unique within a relationship, compared without case. */
export async function assertEmailFree(
  tx: Tx,
  relationshipId: string,
  email: string,
  exceptParticipantId?: string,
): Promise<void> {
  const [taken] = await tx
    .select({ name: participants.name })
    .from(participants)
    .where(
      and(
        eq(participants.relationshipId, relationshipId),
        sql`lower(${participants.email}) = ${email.toLowerCase()}`,
        exceptParticipantId ? ne(participants.id, exceptParticipantId) : undefined,
      ),
    )
    .limit(1);
  if (taken) {
    throw new AppError(
      'invalid-input',
      `email: ${JSON.stringify(email)} already belongs to ${JSON.stringify(taken.name)} in this relationship`,
      [{ field: 'email', message: 'already used in this relationship' }],
    );
  }
}

/** The participant of this relationship, or 'not-found' (also for another relationship's). */
export async function findParticipant(
  tx: Tx,
  relationshipId: string,
  participantId: string,
): Promise<ParticipantView> {
  const found = isUuid(participantId)
    ? (await selectParticipants(tx, relationshipId, participantId.toLowerCase()))[0]
    : undefined;
  if (!found)
    throw new AppError('not-found', `participant "${participantId}" not found in this relationship`);
  return found;
}
