import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviews, participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { InterviewStatus } from '../domain/interview-input.ts';
import type { Level, Side } from '../domain/model.ts';
import type { Tx } from './lock-relationship.ts';

/** What the interview pages show of any interview, with or without its texts. */
export type InterviewFields = {
  id: string;
  ref: string;
  participantId: string | null;
  /**
   * The interviewee's name: shown on the facilitator's interview pages only, never with quotes;
   * null when the participant was removed.
   */
  participantName: string | null;
  side: Side;
  level: Level;
  heldOn: string;
  interviewer: string;
  status: InterviewStatus;
};

/** One interview with its texts, as the interview page and the extraction services need it. */
export type InterviewRecordView = InterviewFields & {
  notes: string;
  transcript: string;
};

/** The columns of InterviewFields, selected from interviews left-joined to their participants. */
export const interviewFieldColumns = {
  id: interviews.id,
  ref: interviews.ref,
  participantId: interviews.participantId,
  participantName: participants.name,
  side: interviews.side,
  level: interviews.level,
  heldOn: interviews.heldOn,
  interviewer: interviews.interviewer,
  status: interviews.status,
};

/** The interview `ref` (INT-007) of a relationship already found in the workspace, or 'not-found'. */
export async function findInterview(
  db: Db | Tx,
  relationshipId: string,
  ref: string,
): Promise<InterviewRecordView> {
  const [row] = await db
    .select({
      ...interviewFieldColumns,
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
