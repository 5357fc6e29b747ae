import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, surveyLinks, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { normalizeSurveyCode } from '../domain/survey-code.ts';
import { CODE_ALPHABET, CODE_LENGTH, hashSecret } from './secrets.ts';

// Who a survey link or typed code belongs to, and whether it works today. Read-only on purpose:
// mail scanners open every link, so resolving must never start, use or change anything
// (docs/decisions/010-survey-links-hashed-post-to-start.md).

export type SurveyAccessState = 'open' | 'not-open-yet' | 'closed' | 'revoked' | 'archived';

export type SurveyAccess = {
  linkId: string;
  waveId: string;
  participantId: string;
  relationshipId: string;
  waveLabel: string;
  /** ISO date. */
  opensOn: string;
  /** ISO date; the link works up to and including this day. */
  closesOn: string;
  state: SurveyAccessState;
};

/** createToken() gives 22 base64url characters; anything far from that shape is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

export type SurveyKey = { token: string } | { code: string };

/** What a key is looked up by: the stored hash of its token or of its normalised code. */
export type SurveyKeyLookup = { by: 'token' | 'code'; hash: string };

/** Null for a key that cannot be one (wrong shape): it is not looked up at all. */
export function surveyKeyLookup(key: SurveyKey): SurveyKeyLookup | null {
  if ('token' in key)
    return TOKEN_SHAPE.test(key.token) ? { by: 'token', hash: hashSecret(key.token) } : null;
  // A typed code in any case, with spaces or dashes.
  const normalized = normalizeSurveyCode(key.code, CODE_ALPHABET, CODE_LENGTH);
  return normalized ? { by: 'code', hash: hashSecret(normalized) } : null;
}

export function resolveSurveyToken(db: Db, token: string, today: string): Promise<SurveyAccess | null> {
  return resolveSurveyKey(db, { token }, today);
}

export function resolveSurveyCode(db: Db, code: string, today: string): Promise<SurveyAccess | null> {
  return resolveSurveyKey(db, { code }, today);
}

export async function resolveSurveyKey(db: Db, key: SurveyKey, today: string): Promise<SurveyAccess | null> {
  const lookup = surveyKeyLookup(key);
  if (!lookup) return null;
  const [row] = await accessQueries(db)[lookup.by].execute({ hash: lookup.hash });
  if (!row) return null;
  const { revokedAt, status, archivedAt, ...access } = row;
  return {
    ...access,
    state: surveyAccessState({ revokedAt, status, closesOn: row.closesOn, archivedAt }, today),
  };
}

/** Today's date as links count it: closing days are whole UTC days. */
export function surveyToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A link of an archived relationship works no more, whatever its wave (until it is restored). */
export function surveyAccessState(
  link: { revokedAt: Date | null; status: string; closesOn: string; archivedAt?: Date | string | null },
  today: string,
): SurveyAccessState {
  if (link.archivedAt) return 'archived';
  if (link.revokedAt) return 'revoked';
  if (link.status === 'closed' || today > link.closesOn) return 'closed';
  if (link.status !== 'open') return 'not-open-yet';
  return 'open';
}

export const SURVEY_NOT_FOUND_MESSAGE =
  'This survey link or code is not valid. Check it, or ask the person who sent it for a new one.';

/**
 * The access of every survey call: unknown and wrong keys get one message (`not-found`), a link
 * that does not work today says why in plain words (`forbidden`, with `{ state }` as detail).
 */
export function requireOpenSurveyAccess(access: SurveyAccess | null): SurveyAccess {
  if (!access) throw new AppError('not-found', SURVEY_NOT_FOUND_MESSAGE);
  if (access.state === 'open') return access;
  throw new AppError('forbidden', surveyStateMessage(access), [{ state: access.state }]);
}

export function surveyStateMessage(access: SurveyAccess): string {
  switch (access.state) {
    case 'archived':
      return 'This survey has ended: the people who ran it have archived it. Answers can no longer be given or changed.';
    case 'revoked':
      return 'This link is no longer valid: it was withdrawn or replaced by a newer one. Use the newest link you received, or ask the facilitator for a new one.';
    case 'closed':
      return `This survey closed on ${access.closesOn}. Answers can no longer be given or changed.`;
    case 'not-open-yet':
      return 'This survey is not open yet. Please come back when the facilitator tells you it has started.';
    case 'open':
      return 'This survey is open.';
  }
}

// Every survey request resolves its key first, so the lookup is a named prepared statement: built
// once per database handle, parsed and planned once per connection (decision 019).
type AccessQueries = ReturnType<typeof prepareAccessQueries>;
const preparedByDb = new WeakMap<Db, AccessQueries>();

function accessQueries(db: Db): AccessQueries {
  let prepared = preparedByDb.get(db);
  if (!prepared) {
    prepared = prepareAccessQueries(db);
    preparedByDb.set(db, prepared);
  }
  return prepared;
}

function prepareAccessQueries(db: Db) {
  const by = (column: typeof surveyLinks.tokenHash | typeof surveyLinks.codeHash, name: string) =>
    db
      .select({
        linkId: surveyLinks.id,
        waveId: surveyLinks.waveId,
        participantId: surveyLinks.participantId,
        revokedAt: surveyLinks.revokedAt,
        relationshipId: waves.relationshipId,
        waveLabel: waves.label,
        opensOn: waves.opensOn,
        closesOn: waves.closesOn,
        status: waves.status,
        archivedAt: relationships.archivedAt,
      })
      .from(surveyLinks)
      .innerJoin(waves, eq(waves.id, surveyLinks.waveId))
      .innerJoin(relationships, eq(relationships.id, waves.relationshipId))
      .where(eq(column, sql.placeholder('hash')))
      .prepare(name);
  return {
    token: by(surveyLinks.tokenHash, 'survey_access_by_token'),
    code: by(surveyLinks.codeHash, 'survey_access_by_code'),
  };
}
