import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviews, participants } from '../db/schema.ts';
import type { InterviewStatus } from '../domain/interview-input.ts';
import type { Level, Side } from '../domain/model.ts';
import { type InterviewFields, interviewFieldColumns } from './find-interview.ts';
import { findRelationship } from './find-relationship.ts';

export type InterviewSummary = InterviewFields & {
  hasNotes: boolean;
  hasTranscript: boolean;
  quotes: number;
  incidents: number;
};

/** The interviews of a relationship, latest first (scheduled ones by their planned date). */
export async function listInterviews(
  db: Db,
  workspaceId: string,
  relationship: string,
): Promise<InterviewSummary[]> {
  const found = await findRelationship(db, workspaceId, relationship);
  const rows = await db
    .select({
      ...interviewFieldColumns,
      hasNotes: sql<boolean>`${interviews.notes} <> ''`,
      hasTranscript: sql<boolean>`${interviews.transcript} <> ''`,
      quotes: sql<number>`(select count(*)::int from quotes q where q.interview_id = ${interviews.id})`,
      incidents: sql<number>`(select count(*)::int from incidents i where i.interview_id = ${interviews.id})`,
    })
    .from(interviews)
    .leftJoin(participants, eq(participants.id, interviews.participantId))
    .where(eq(interviews.relationshipId, found.id))
    .orderBy(desc(interviews.heldOn), asc(interviews.ref));
  return rows.map((row) => ({
    ...row,
    side: row.side as Side,
    level: row.level as Level,
    status: row.status as InterviewStatus,
    hasNotes: row.hasNotes === true || String(row.hasNotes) === 'true',
    hasTranscript: row.hasTranscript === true || String(row.hasTranscript) === 'true',
    quotes: Number(row.quotes),
    incidents: Number(row.incidents),
  }));
}
