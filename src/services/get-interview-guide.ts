import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { interviewGuides } from '../db/schema.ts';
import { BUILT_IN_INTERVIEW_GUIDES } from '../domain/interview-guide.ts';
import { LEVELS, type Level } from '../domain/model.ts';
import type { Tx } from './lock-relationship.ts';

export type InterviewGuideLevel = {
  level: Level;
  body: string;
  /** False while the level uses the built-in guide. */
  isCustom: boolean;
  updatedAt: string | null;
};

/** The workspace's interview guide, one entry per level: its own text or the built-in one. */
export async function getInterviewGuide(db: Db | Tx, workspaceId: string): Promise<InterviewGuideLevel[]> {
  const rows = await db.select().from(interviewGuides).where(eq(interviewGuides.workspaceId, workspaceId));
  return LEVELS.map((level) => {
    const own = rows.find((row) => row.level === level);
    return own
      ? { level, body: own.body, isCustom: true, updatedAt: own.updatedAt.toISOString() }
      : { level, body: BUILT_IN_INTERVIEW_GUIDES[level], isCustom: false, updatedAt: null };
  });
}
