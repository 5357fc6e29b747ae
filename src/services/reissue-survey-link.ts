import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';
import { findSurveyLink, type SurveyLinkTarget } from './find-survey-link.ts';
import { type IssuedSurveyLink, insertLink, requireIssuable, revokeLiveLinks } from './issue-survey-links.ts';
import { surveyToday } from './resolve-survey-access.ts';

/**
 * Replaces a participant's link: every live link of theirs for the wave is revoked and a new
 * token and code are made (returned once, in plain). Their response, if any, is kept: the new link
 * resumes it.
 */
export async function reissueSurveyLink(
  db: Db,
  workspaceId: string,
  target: SurveyLinkTarget,
  options: { baseUrl: string; today?: string },
): Promise<IssuedSurveyLink> {
  const link = await findSurveyLink(db, workspaceId, target);
  requireIssuable(
    { label: link.waveLabel, status: link.waveStatus, closesOn: link.waveClosesOn },
    options.today ?? surveyToday(new Date()),
  );
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select()
      .from(participants)
      .where(eq(participants.id, link.participantId))
      .for('update');
    if (!person) throw new Error('a survey link without its participant');
    await revokeLiveLinks(tx, link.waveId, [person.id]);
    return insertLink(tx, link.waveId, person, options.baseUrl);
  });
}
