import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviews, participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { type ScheduleInterviewInput, ScheduleInterviewSchema } from '../domain/interview-input.ts';
import { parseInput } from '../domain/parse-input.ts';
import { isUuid } from '../domain/uuid.ts';
import { findInterview, type InterviewRecordView } from './find-interview.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';

/** Refs of interviews: INT-001, INT-002, … as the demo bundle numbers them. */
export const INTERVIEW_REF_PREFIX = 'INT-';

/**
 * Schedules an interview with a participant of the relationship (status scheduled, the planned
 * date), or records one already held. Side and level are the participant's at this moment and
 * stay with the interview, as a response keeps them, so a later move does not re-attribute quotes.
 */
export async function scheduleInterview(
  db: Db,
  workspaceId: string,
  relationship: string,
  input: ScheduleInterviewInput,
): Promise<InterviewRecordView> {
  const data = parseInput(ScheduleInterviewSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const [participant] = isUuid(data.participantId)
      ? await tx
          .select({ id: participants.id, side: participants.side, level: participants.level })
          .from(participants)
          .where(
            and(
              eq(participants.relationshipId, found.id),
              eq(participants.id, data.participantId.toLowerCase()),
            ),
          )
      : [];
    if (!participant) {
      const message = 'is not a participant of this relationship';
      throw new AppError('invalid-input', `participantId: ${message}`, [{ field: 'participantId', message }]);
    }
    const ref = await nextInterviewRef(tx, found.id);
    await tx.insert(interviews).values({
      relationshipId: found.id,
      ref,
      participantId: participant.id,
      side: participant.side,
      level: participant.level,
      heldOn: data.heldOn,
      interviewer: data.interviewer,
      status: data.status,
      notes: data.notes,
      transcript: data.transcript,
    });
    return findInterview(tx, found.id, ref);
  });
}

/** One more than the highest INT-number of the relationship (imported refs of other shapes do not count). */
async function nextInterviewRef(tx: Tx, relationshipId: string): Promise<string> {
  const [row] = await tx
    .select({
      highest: sql<number>`coalesce(max(substring(${interviews.ref} from ${`^${INTERVIEW_REF_PREFIX}([0-9]+)$`})::int), 0)::int`,
    })
    .from(interviews)
    .where(eq(interviews.relationshipId, relationshipId));
  return `${INTERVIEW_REF_PREFIX}${String(Number(row?.highest ?? 0) + 1).padStart(3, '0')}`;
}
