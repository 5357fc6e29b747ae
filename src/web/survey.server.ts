import { data, redirect } from 'react-router';
import type { Db } from '../db/client.ts';
import { httpStatusOf, isAppError } from '../domain/app-error.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import type { Release } from '../domain/share-and-act.ts';
import { isSurveyCodeShape } from '../domain/survey-code.ts';
import { getSurvey, type SurveyView } from '../services/get-survey.ts';
import { loadJointRelease } from '../services/load-joint-release.ts';
import {
  resolveSurveyKey,
  SURVEY_NOT_FOUND_MESSAGE,
  type SurveyAccess,
  type SurveyKey,
  surveyStateMessage,
  surveyToday,
} from '../services/resolve-survey-access.ts';
import { surveyPath } from './components/survey-layout.tsx';

// The participant's survey pages (/s/:key/…): the key is the link's token or the typed code, and
// every page answers with no referrer and no caching (decision 010). No session, no CSRF token:
// participants have no account.

/**
 * Sent with every survey page, redirect and error: the link must not leak, nor be cached.
 * `same-origin`, not `no-referrer`: under `no-referrer` the browser sends `Origin: null` with the
 * page's own form posts and fetches, and React Router refuses such actions as cross-site (its
 * CSRF check). `same-origin` still sends nothing — no path, no token — to any other site.
 */
export const SURVEY_REFERRER_POLICY = 'same-origin';
export const SURVEY_HEADERS = {
  'Referrer-Policy': SURVEY_REFERRER_POLICY,
  'Cache-Control': 'no-store',
} as const;

/** A route module's `headers` export for the survey pages. */
export function surveyHeaders(): Headers {
  return new Headers(SURVEY_HEADERS);
}

/** A formatted code ("ABCD-EFGH") is a code; anything else is looked up as a token. */
export function parseSurveyKey(key: string): SurveyKey {
  return isSurveyCodeShape(key) ? { code: key } : { token: key };
}

/** What a survey error page shows: a title and a plain sentence, never a stack. */
export type SurveyProblem = {
  title: string;
  message: string;
  findings?: { release: Release; sides: Record<Side, SideInfo> };
};

/** The key's access, read-only, or a thrown error page (404 unknown, 403 not open, 410 over). */
export async function requireSurveyAccess(db: Db, key: string | undefined): Promise<SurveyAccess> {
  const access = key ? await resolveSurveyKey(db, parseSurveyKey(key), surveyToday(new Date())) : null;
  if (!access) throw surveyProblem(404, 'This link or code is not valid', SURVEY_NOT_FOUND_MESSAGE);
  if (access.state === 'open') return access;
  const title =
    access.state === 'not-open-yet'
      ? 'This survey is not open yet'
      : access.state === 'closed'
        ? 'This survey has closed'
        : access.state === 'archived'
          ? 'This survey has ended'
          : 'This link no longer works';
  // A survey that has closed shows what came out of it, once the findings went to both sides.
  const findings =
    access.state === 'closed'
      ? await loadJointRelease(db, access.relationshipId, access.waveLabel)
      : undefined;
  throw data<SurveyProblem>(
    { title, message: surveyStateMessage(access), ...(findings ? { findings } : {}) },
    { status: access.state === 'not-open-yet' ? 403 : 410, headers: SURVEY_HEADERS },
  );
}

/** The survey of the key, read-only: a GET may call this as often as it likes. */
export async function loadSurvey(
  db: Db,
  key: string | undefined,
): Promise<{ access: SurveyAccess; survey: SurveyView }> {
  const access = await requireSurveyAccess(db, key);
  return { access, survey: await getSurvey(db, access) };
}

export function surveyProblem(status: number, title: string, message: string) {
  return data<SurveyProblem>({ title, message }, { status, headers: SURVEY_HEADERS });
}

/** Redirects within the survey, with the survey's headers. */
export function surveyRedirect(url: string) {
  return redirect(url, { headers: SURVEY_HEADERS });
}

/**
 * Runs a survey change; a link that stopped working in the meantime (closed, revoked) becomes
 * its error page, an already submitted survey goes to the thank-you page.
 */
export async function runSurveyChange<T>(key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict') throw surveyRedirect(surveyPath(key, 'thanks'));
    if (isAppError(error) && (error.code === 'forbidden' || error.code === 'not-found')) {
      throw surveyProblem(httpStatusOf(error), 'This survey cannot be changed', error.message);
    }
    throw error;
  }
}

/** Sections: one per dimension, then the open questions (when the instrument has any). */
export function countSurveySections(survey: SurveyView): number {
  return survey.dimensions.length + (survey.open.length > 0 ? 1 : 0);
}

/** The section (1-based) of the first unanswered item, or null when every item is answered. */
export function firstUnansweredSection(survey: SurveyView): number | null {
  const code = survey.unanswered[0];
  if (!code) return null;
  const index = survey.dimensions.findIndex((d) => d.items.some((item) => item.code === code));
  return index >= 0 ? index + 1 : null;
}
