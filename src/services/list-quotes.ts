import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviews, quotes } from '../db/schema.ts';
import type { Level, Side } from '../domain/model.ts';
import { findRelationship, type RelationshipRow } from './find-relationship.ts';

/** A quote as every view outside its interview shows it: the words, side and level, no name. */
export type QuoteView = {
  id: string;
  text: string;
  side: Side;
  level: Level;
  /** The interview it came from (INT-007), for the facilitator; null if that interview was deleted. */
  interviewRef: string | null;
  createdAt: string;
};

/**
 * The quotes of a relationship, in the order they were taken, or those of one interview. The
 * relationship is a reference to find in the workspace, or one the caller has found already.
 */
export async function listQuotes(
  db: Db,
  workspaceId: string,
  relationship: string | RelationshipRow,
  options: { interviewId?: string } = {},
): Promise<QuoteView[]> {
  const found =
    typeof relationship === 'string' ? await findRelationship(db, workspaceId, relationship) : relationship;
  const rows = await db
    .select({
      id: quotes.id,
      text: quotes.text,
      side: quotes.side,
      level: quotes.level,
      interviewRef: interviews.ref,
      createdAt: quotes.createdAt,
    })
    .from(quotes)
    .leftJoin(interviews, eq(interviews.id, quotes.interviewId))
    .where(
      and(
        eq(quotes.relationshipId, found.id),
        options.interviewId === undefined ? undefined : eq(quotes.interviewId, options.interviewId),
      ),
    )
    .orderBy(asc(quotes.createdAt), asc(quotes.id));
  return rows.map((row) => ({
    ...row,
    side: row.side as Side,
    level: row.level as Level,
    createdAt: row.createdAt.toISOString(),
  }));
}
