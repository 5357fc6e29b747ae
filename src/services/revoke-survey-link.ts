import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { surveyLinks } from '../db/schema.ts';
import { findSurveyLink, type SurveyLinkTarget } from './find-survey-link.ts';

export type RevokedSurveyLink = { linkId: string; participantId: string; revokedAt: Date };

/**
 * Withdraws a link: from now on its token and code reach nothing (`forbidden`, "withdrawn or
 * replaced"). Revoking a revoked link changes nothing. The participant's answers are kept.
 */
export async function revokeSurveyLink(
  db: Db,
  workspaceId: string,
  target: SurveyLinkTarget,
): Promise<RevokedSurveyLink> {
  const link = await findSurveyLink(db, workspaceId, target);
  if (link.revokedAt)
    return { linkId: link.linkId, participantId: link.participantId, revokedAt: link.revokedAt };
  const [updated] = await db
    .update(surveyLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(surveyLinks.id, link.linkId), isNull(surveyLinks.revokedAt)))
    .returning({ revokedAt: surveyLinks.revokedAt });
  const revokedAt = updated?.revokedAt ?? (await currentRevokedAt(db, link.linkId));
  return { linkId: link.linkId, participantId: link.participantId, revokedAt };
}

async function currentRevokedAt(db: Db, linkId: string): Promise<Date> {
  const [row] = await db
    .select({ revokedAt: surveyLinks.revokedAt })
    .from(surveyLinks)
    .where(eq(surveyLinks.id, linkId));
  if (!row?.revokedAt) throw new Error('a survey link neither revoked nor revocable');
  return row.revokedAt;
}
