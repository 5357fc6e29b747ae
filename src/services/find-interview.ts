import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviews, participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { InterviewStatus } from '../domain/interview-input.ts';
import type { Level, Side } from '../domain/model.ts';
import type { Tx } from './lock-relationship.ts';

/** One interview with its texts, as the interview page and the extraction services need it. */
export type InterviewRecordView = {
  id: string;
  ref: string;
  participantId: string | null;
  /** The interviewee's name: shown on the facilitator's interview pages only, never with quotes. */
  participantName: string | null;
  side: Side;
  level: Level;
  heldOn: string;
  interviewer: string;
  status: InterviewStatus;
  notes: string;
  transcript: string;
};

/** The interview `ref` (INT-007) of a relationship already found in the workspace, or 'not-found'. */
export async function findInterview(
  db: Db | Tx,
  relationshipId: string,
  ref: string,
): Promise<InterviewRecordView> {
  const [row] = await db
    .select({
      id: interviews.id,
      ref: interviews.ref,
      participantId: interviews.participantId,
      participantName: participants.name,
      side: interviews.side,
      level: interviews.level,
      heldOn: interviews.heldOn,
      interviewer: interviews.interviewer,
      status: interviews.status,
      notes: interviews.notes,
      transcript: interviews.transcript,
    })
    .from(interviews)
    .leftJoin(participants, eq(participants.id, interviews.participantId))
    .where(and(eq(interviews.relationshipId, relationshipId), eq(interviews.ref, ref.trim())));
  if (!row) throw new AppError('not-found', `interview "${ref}" not found in this relationship`);
  return {
    ...row,
    side: row.side as Side,
    level: row.level as Level,
    status: row.status as InterviewStatus,
  };
}
