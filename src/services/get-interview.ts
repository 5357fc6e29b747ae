import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidents } from '../db/schema.ts';
import type { Dimension, Direction } from '../domain/model.ts';
import { findInterview, type InterviewRecordView } from './find-interview.ts';
import { findRelationship } from './find-relationship.ts';
import { getInterviewGuide, type InterviewGuideLevel } from './get-interview-guide.ts';
import { listQuotes, type QuoteView } from './list-quotes.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';

export type InterviewIncidentView = {
  ref: string;
  title: string;
  occurredOn: string;
  direction: Direction;
  sourcePassage: string;
};

export type InterviewDetail = {
  interview: InterviewRecordView;
  /** The workspace's guide for the interviewee's level. */
  guide: InterviewGuideLevel;
  quotes: QuoteView[];
  incidents: InterviewIncidentView[];
  /** What an incident taken from this interview may be coded with (the relationship's instrument). */
  dimensions: Dimension[];
};

/** Everything the interview page shows: the texts, the guide beside them, what was taken from them. */
export async function getInterview(
  db: Db,
  workspaceId: string,
  relationship: string,
  ref: string,
): Promise<InterviewDetail> {
  const found = await findRelationship(db, workspaceId, relationship);
  const interview = await findInterview(db, found.id, ref);
  const [guide, quotes, taken, dimensions] = await Promise.all([
    getInterviewGuide(db, workspaceId),
    listQuotes(db, workspaceId, found, { interviewId: interview.id }),
    db
      .select({
        ref: incidents.ref,
        title: incidents.title,
        occurredOn: incidents.occurredOn,
        direction: incidents.direction,
        sourcePassage: incidents.sourcePassage,
      })
      .from(incidents)
      .where(eq(incidents.interviewId, interview.id))
      .orderBy(asc(incidents.ref)),
    loadIncidentDimensions(db, found.id),
  ]);
  return {
    interview,
    guide: guide.find((g) => g.level === interview.level)!,
    quotes,
    incidents: taken.map((row) => ({ ...row, direction: row.direction as Direction })),
    dimensions,
  };
}
