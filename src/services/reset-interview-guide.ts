import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviewGuides } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { LEVELS, type Level } from '../domain/model.ts';
import { getInterviewGuide, type InterviewGuideLevel } from './get-interview-guide.ts';

/** Goes back to the built-in guide for one level: the workspace's own text for it is deleted. */
export async function resetInterviewGuide(
  db: Db,
  workspaceId: string,
  level: string,
): Promise<InterviewGuideLevel> {
  if (!(LEVELS as readonly string[]).includes(level)) {
    const message = `must be ${LEVELS.join(', ')}`;
    throw new AppError('invalid-input', `level: ${message}`, [{ field: 'level', message }]);
  }
  await db
    .delete(interviewGuides)
    .where(and(eq(interviewGuides.workspaceId, workspaceId), eq(interviewGuides.level, level)));
  const guide = await getInterviewGuide(db, workspaceId);
  return guide.find((g) => g.level === (level as Level))!;
}
