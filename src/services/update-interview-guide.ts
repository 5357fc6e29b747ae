import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviewGuides } from '../db/schema.ts';
import {
  BUILT_IN_INTERVIEW_GUIDES,
  type UpdateInterviewGuideInput,
  UpdateInterviewGuideSchema,
} from '../domain/interview-guide.ts';
import { parseInput } from '../domain/parse-input.ts';
import { getInterviewGuide, type InterviewGuideLevel } from './get-interview-guide.ts';
import { resetInterviewGuide } from './reset-interview-guide.ts';

/**
 * Replaces the workspace's guide for one level. Text equal to the built-in guide is stored as no
 * row at all, so the level keeps following the built-in guide when a later version improves it.
 */
export async function updateInterviewGuide(
  db: Db,
  workspaceId: string,
  input: UpdateInterviewGuideInput,
): Promise<InterviewGuideLevel> {
  const data = parseInput(UpdateInterviewGuideSchema, input);
  if (data.body === BUILT_IN_INTERVIEW_GUIDES[data.level].trim()) {
    return resetInterviewGuide(db, workspaceId, data.level);
  }
  await db
    .insert(interviewGuides)
    .values({ workspaceId, level: data.level, body: data.body })
    .onConflictDoUpdate({
      target: [interviewGuides.workspaceId, interviewGuides.level],
      set: { body: data.body, updatedAt: sql`now()` },
    });
  const guide = await getInterviewGuide(db, workspaceId);
  return guide.find((g) => g.level === data.level)!;
}
