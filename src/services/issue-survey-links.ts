import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants, surveyLinks } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { LEVELS, type Level, type Side } from '../domain/model.ts';
import { formatSurveyCode } from '../domain/survey-code.ts';
import { findSurveyWave, type SurveyWave } from './find-survey-wave.ts';
import { surveyAccessState, surveyToday } from './resolve-survey-access.ts';
import { createCode, createToken, hashSecret } from './secrets.ts';

// Personal survey links: one live link per participant per wave. The token (128 bits) and the
// typed code are returned here once, in plain, for the facilitator to send; the database keeps
// only their SHA-256, so nobody — not even the facilitator — can read them back later.

export type IssuedSurveyLink = {
  linkId: string;
  participantId: string;
  name: string;
  email: string;
  side: Side;
  level: Level;
  /** `${baseUrl}/s/${token}`: the only place the plain token ever appears. */
  url: string;
  /** The typed code, formatted for reading out ("ACDE-FGH3"); any case, spaces or dashes work. */
  code: string;
};

export type IssueSurveyLinksOptions = {
  /** Where the web app serves the survey, e.g. https://trust.example.com (no trailing slash needed). */
  baseUrl: string;
  /** Only these participants of the relationship (default: all of them). */
  participantIds?: readonly string[];
  /** Also replace live links: the old ones stop working and every selected participant gets a new one. */
  reissue?: boolean;
  /** ISO date (default: today in UTC); links are refused for a wave that has closed by then. */
  today?: string;
};

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Issues a link to each selected participant who has no live (unrevoked) link for the wave yet,
 * and returns the new links with their plain secrets. Refused for a closed wave: its links could
 * not be used.
 */
export async function issueSurveyLinks(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  options: IssueSurveyLinksOptions,
): Promise<IssuedSurveyLink[]> {
  const wave = await findSurveyWave(db, workspaceId, relationshipRef, waveLabel);
  requireIssuable(wave, options.today ?? surveyToday(new Date()));
  return db.transaction(async (tx) => {
    // Locking the participants serialises concurrent issuing, so nobody gets two live links. They
    // are locked in id order, the order in which a batch of submissions takes its key-share locks
    // on them (decision 020), so the two cannot deadlock.
    const people = await tx
      .select()
      .from(participants)
      .where(
        and(
          eq(participants.relationshipId, wave.relationshipId),
          options.participantIds ? inArray(participants.id, [...options.participantIds]) : undefined,
        ),
      )
      .orderBy(participants.id)
      .for('update');
    if (options.participantIds) {
      const found = new Set(people.map((p) => p.id));
      const missing = options.participantIds.filter((id) => !found.has(id));
      if (missing.length > 0) {
        throw new AppError(
          'not-found',
          `participantIds: ${missing.join(', ')} not found in relationship "${wave.relationshipName}"`,
        );
      }
    }
    const ids = people.map((p) => p.id);
    if (ids.length === 0) return [];
    const live = await tx
      .select({ participantId: surveyLinks.participantId })
      .from(surveyLinks)
      .where(
        and(
          eq(surveyLinks.waveId, wave.waveId),
          inArray(surveyLinks.participantId, ids),
          isNull(surveyLinks.revokedAt),
        ),
      );
    const hasLive = new Set(live.map((l) => l.participantId));
    if (options.reissue && hasLive.size > 0) {
      await revokeLiveLinks(tx, wave.waveId, [...hasLive]);
      hasLive.clear();
    }
    const issued: IssuedSurveyLink[] = [];
    for (const person of sortParticipants(people)) {
      if (hasLive.has(person.id)) continue;
      issued.push(await insertLink(tx, wave.waveId, person, options.baseUrl));
    }
    return issued;
  });
}

export function requireIssuable(
  wave: Pick<SurveyWave, 'label' | 'status' | 'closesOn'>,
  today: string,
): void {
  if (
    surveyAccessState({ revokedAt: null, status: wave.status, closesOn: wave.closesOn }, today) === 'closed'
  ) {
    throw new AppError(
      'conflict',
      `wave "${wave.label}" is closed: links to it would not work (a link expires when its wave closes)`,
    );
  }
}

export async function revokeLiveLinks(tx: Tx, waveId: string, participantIds: readonly string[]) {
  await tx
    .update(surveyLinks)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(surveyLinks.waveId, waveId),
        inArray(surveyLinks.participantId, [...participantIds]),
        isNull(surveyLinks.revokedAt),
      ),
    );
}

export async function insertLink(
  tx: Tx,
  waveId: string,
  person: { id: string; name: string; email: string; side: string; level: string },
  baseUrl: string,
): Promise<IssuedSurveyLink> {
  const token = createToken();
  const code = createCode();
  const [row] = await tx
    .insert(surveyLinks)
    .values({ waveId, participantId: person.id, tokenHash: hashSecret(token), codeHash: hashSecret(code) })
    .returning({ id: surveyLinks.id });
  if (!row) throw new Error('inserting a survey link returned no row');
  return {
    linkId: row.id,
    participantId: person.id,
    name: person.name,
    email: person.email,
    side: person.side as Side,
    level: person.level as Level,
    url: `${baseUrl.replace(/\/+$/, '')}/s/${token}`,
    code: formatSurveyCode(code),
  };
}

/** Side A first, then leadership → operational → staff, then by name: the order people read lists in. */
export function sortParticipants<
  T extends { side: string; level: string; name: string; respondentKey: string },
>(people: readonly T[]): T[] {
  const levelIndex = (level: string) => LEVELS.indexOf(level as Level);
  return [...people].sort(
    (a, b) =>
      a.side.localeCompare(b.side) ||
      levelIndex(a.level) - levelIndex(b.level) ||
      a.name.localeCompare(b.name) ||
      a.respondentKey.localeCompare(b.respondentKey),
  );
}
