import type { Db } from '../db/client.ts';
import { quotes } from '../db/schema.ts';
import { type ExtractQuoteInput, ExtractQuoteSchema } from '../domain/interview-input.ts';
import { parseInput } from '../domain/parse-input.ts';
import { findInterview } from './find-interview.ts';
import { findRelationship } from './find-relationship.ts';
import type { QuoteView } from './list-quotes.ts';
import { locatePassage } from './locate-passage.ts';

/**
 * Keeps a passage of an interview as a quote, attributed to the interviewee's side and level only.
 * The passage must really be in the interview's notes or transcript (whitespace aside); the quote
 * keeps its own copy, so later edits of the texts do not change it.
 */
export async function extractQuote(
  db: Db,
  workspaceId: string,
  relationship: string,
  interviewRef: string,
  input: ExtractQuoteInput,
): Promise<QuoteView> {
  const data = parseInput(ExtractQuoteSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  const interview = await findInterview(db, found.id, interviewRef);
  const passage = locatePassage(interview, data.passage);
  const [row] = await db
    .insert(quotes)
    .values({
      relationshipId: found.id,
      interviewId: interview.id,
      text: passage.text,
      side: interview.side,
      level: interview.level,
    })
    .returning();
  if (!row) throw new Error('insert returned no quote');
  return {
    id: row.id,
    text: row.text,
    side: interview.side,
    level: interview.level,
    interviewRef: interview.ref,
    createdAt: row.createdAt.toISOString(),
  };
}
