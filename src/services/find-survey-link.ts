import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, surveyLinks, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { isUuid } from '../domain/uuid.ts';
import { findSurveyWave } from './find-survey-wave.ts';

/** A link by its id, or a participant's newest link in a wave. */
export type SurveyLinkTarget =
  | { linkId: string }
  | { relationshipRef: string; waveLabel: string; participantId: string };

export type FoundSurveyLink = {
  linkId: string;
  waveId: string;
  participantId: string;
  revokedAt: Date | null;
  waveLabel: string;
  waveStatus: string;
  waveClosesOn: string;
  relationshipName: string;
};

/** Only links of the workspace's own relationships: another workspace's link is `not-found`. */
export async function findSurveyLink(
  db: Db,
  workspaceId: string,
  target: SurveyLinkTarget,
): Promise<FoundSurveyLink> {
  const columns = {
    linkId: surveyLinks.id,
    waveId: surveyLinks.waveId,
    participantId: surveyLinks.participantId,
    revokedAt: surveyLinks.revokedAt,
    waveLabel: waves.label,
    waveStatus: waves.status,
    waveClosesOn: waves.closesOn,
    relationshipName: relationships.name,
  };
  const base = () =>
    db
      .select(columns)
      .from(surveyLinks)
      .innerJoin(waves, eq(waves.id, surveyLinks.waveId))
      .innerJoin(relationships, eq(relationships.id, waves.relationshipId));
  if ('linkId' in target) {
    if (!isUuid(target.linkId)) throw linkNotFound(target.linkId);
    const [row] = await base().where(
      and(eq(surveyLinks.id, target.linkId.toLowerCase()), eq(relationships.workspaceId, workspaceId)),
    );
    if (!row) throw linkNotFound(target.linkId);
    return row;
  }
  const wave = await findSurveyWave(db, workspaceId, target.relationshipRef, target.waveLabel);
  const [row] = isUuid(target.participantId)
    ? await base()
        .where(and(eq(surveyLinks.waveId, wave.waveId), eq(surveyLinks.participantId, target.participantId)))
        .orderBy(desc(surveyLinks.createdAt))
        .limit(1)
    : [];
  if (!row) {
    throw new AppError(
      'not-found',
      `participant ${target.participantId} has no link for wave "${wave.label}" yet (issue one first)`,
    );
  }
  return row;
}

function linkNotFound(linkId: string): AppError {
  return new AppError('not-found', `survey link ${linkId} not found`);
}
