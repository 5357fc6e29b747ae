import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviews } from '../db/schema.ts';
import { type UpdateInterviewInput, UpdateInterviewSchema } from '../domain/interview-input.ts';
import { parseInput } from '../domain/parse-input.ts';
import { findInterview, type InterviewRecordView } from './find-interview.ts';
import { findRelationship } from './find-relationship.ts';

/**
 * Records what was said (notes, a pasted transcript), the date, the interviewer, or marks the
 * interview held. Quotes and incidents already taken keep their own copy of the passage, so
 * editing the texts later never changes or breaks them (docs/decisions/018).
 */
export async function updateInterview(
  db: Db,
  workspaceId: string,
  relationship: string,
  ref: string,
  input: UpdateInterviewInput,
): Promise<InterviewRecordView> {
  const data = parseInput(UpdateInterviewSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  const interview = await findInterview(db, found.id, ref);
  const patch = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  if (Object.keys(patch).length > 0) {
    await db.update(interviews).set(patch).where(eq(interviews.id, interview.id));
  }
  return findInterview(db, found.id, interview.ref);
}
