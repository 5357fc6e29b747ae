import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants, responses, surveyLinks } from '../db/schema.ts';
import type { Level, Side } from '../domain/model.ts';
import { findSurveyWave } from './find-survey-wave.ts';
import { sortParticipants } from './issue-survey-links.ts';
import { surveyAccessState, surveyToday } from './resolve-survey-access.ts';

/**
 * none: never issued; active: a live link that works (or will, once the wave opens); revoked: only
 * withdrawn links; expired: a live link whose wave has closed.
 */
export type SurveyLinkStatus = 'none' | 'active' | 'revoked' | 'expired';

export type SurveyLinkListing = {
  participantId: string;
  name: string;
  email: string;
  side: Side;
  level: Level;
  status: SurveyLinkStatus;
  /** The live link, else the newest revoked one; null when none was issued. */
  linkId: string | null;
  issuedAt: Date | null;
  started: boolean;
  submitted: boolean;
};

/** Every participant of the relationship with their link's status for the wave; never a secret. */
export async function listSurveyLinks(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  today: string = surveyToday(new Date()),
): Promise<SurveyLinkListing[]> {
  const wave = await findSurveyWave(db, workspaceId, relationshipRef, waveLabel);
  const people = await db
    .select()
    .from(participants)
    .where(eq(participants.relationshipId, wave.relationshipId));
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const links = await db
    .select({
      id: surveyLinks.id,
      participantId: surveyLinks.participantId,
      revokedAt: surveyLinks.revokedAt,
      createdAt: surveyLinks.createdAt,
    })
    .from(surveyLinks)
    .where(and(eq(surveyLinks.waveId, wave.waveId), inArray(surveyLinks.participantId, ids)));
  const answered = await db
    .select({
      participantId: responses.participantId,
      startedAt: responses.startedAt,
      submittedAt: responses.submittedAt,
    })
    .from(responses)
    .where(eq(responses.waveId, wave.waveId));
  const responseOf = new Map(answered.map((r) => [r.participantId, r]));
  return sortParticipants(people).map((person) => {
    const own = links
      .filter((l) => l.participantId === person.id)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const live = own.find((l) => l.revokedAt === null);
    const shown = live ?? own[0];
    let status: SurveyLinkStatus = 'none';
    if (live) {
      const state = surveyAccessState(
        { revokedAt: null, status: wave.status, closesOn: wave.closesOn },
        today,
      );
      status = state === 'closed' ? 'expired' : 'active';
    } else if (shown) status = 'revoked';
    const response = responseOf.get(person.id);
    return {
      participantId: person.id,
      name: person.name,
      email: person.email,
      side: person.side as Side,
      level: person.level as Level,
      status,
      linkId: shown?.id ?? null,
      issuedAt: shown?.createdAt ?? null,
      started: Boolean(response?.startedAt) || Boolean(response?.submittedAt),
      submitted: Boolean(response?.submittedAt),
    };
  });
}
