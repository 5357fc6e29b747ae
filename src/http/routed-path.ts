import { isSurveyCodeShape } from '../domain/survey-code.ts';

// A request path as the routers read it, for the decisions made before routing (body limits, the
// survey code budget, the CSRF exemption of the survey pages, log redaction). React Router matches
// any case and percent-decodes each segment, and its data requests add `.data` (`/code.data`,
// `/s/KEY.data`, `/_root.data`, `/path/_.data`); Hono decodes too. A check keyed on the raw path
// could be walked around by `/CODE`, `/%73/…` or `/code.data`; keyed on these segments it cannot.

/**
 * The path exactly as the request sent it (still %-encoded), without the query: what the routers
 * decode. Hono's `c.req.path` is already decoded once, and decoding it again would read
 * `%2541` as `A` where React Router reads `%41`.
 */
export function sentPathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start === -1) return '/';
  const query = url.indexOf('?', start);
  return url.slice(start, query === -1 ? undefined : query);
}

/** Non-empty path segments, percent-decoded and lower-cased, without the `.data` suffix. */
export function routedSegments(pathname: string): string[] {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeSegment(segment).toLowerCase());
  const last = segments.at(-1);
  if (last === '_root.data' || last === '_.data') segments.pop();
  else if (last?.endsWith('.data')) segments[segments.length - 1] = last.slice(0, -'.data'.length);
  return segments;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The ways a typed survey code reaches a lookup: the code form, a survey page by code, the API. */
export type SurveyCodeDoor = 'code-form' | 'survey-page' | 'survey-api';

/**
 * Whether this request tries a typed survey code, and through which door; null when it does not
 * (a link's token is 128 bits and needs no budget). `/code` tries one only when posted to.
 */
export function surveyCodeDoorOf(method: string, pathname: string): SurveyCodeDoor | null {
  const s = routedSegments(pathname);
  if (s[0] === 'code' && s.length === 1) return method === 'POST' ? 'code-form' : null;
  if (s[0] === 's' && s[1] !== undefined && isSurveyCodeShape(s[1])) return 'survey-page';
  if (s[0] === 'api' && s[1] === 'survey' && s[2] === 'code') return 'survey-api';
  return null;
}

/**
 * Whether this request tries a typed workshop code: the join form on `/w`, or `/api/w/join`
 * (decision 049). Any other workshop request is proved by the attendee's 192-bit token.
 */
export function workshopCodeDoorOf(method: string, pathname: string): 'join-form' | 'join-api' | null {
  if (method !== 'POST') return null;
  const s = routedSegments(pathname);
  if (s[0] === 'w' && s.length === 1) return 'join-form';
  if (s[0] === 'api' && s[1] === 'w' && s[2] === 'join' && s.length === 3) return 'join-api';
  return null;
}

/**
 * The participant's pages (`/s/…`, `/code`, and an action owner's `/a/…`) and the workshop room
 * (`/w…`, `/api/w…`), in any spelling: they act on the link's, the code's or the attendee's token's
 * authority alone, never a session's.
 */
export function isSurveyPage(pathname: string): boolean {
  const s = routedSegments(pathname);
  return (
    (s[0] === 'code' && s.length === 1) ||
    ((s[0] === 's' || s[0] === 'a') && s.length >= 2) ||
    s[0] === 'w' ||
    (s[0] === 'api' && s[1] === 'w')
  );
}

/**
 * The path as the request log may show it: lower-cased, with every secret it can carry (a survey
 * link's token or code, an action link's token, a reset or invitation link's token) replaced by "…", in any
 * spelling of the path.
 */
export function redactedPath(pathname: string): string {
  const s = routedSegments(pathname);
  const secretAt =
    s[0] === 's' || s[0] === 'a' || s[0] === 'reset-password' || s[0] === 'invite'
      ? 1
      : s[0] === 'api' && s[1] === 'invites'
        ? 2
        : s[0] === 'api' && s[1] === 'survey'
          ? s[2] === 'code'
            ? 3
            : 2
          : -1;
  if (secretAt > 0 && secretAt < s.length) s[secretAt] = '…';
  return `/${s.join('/')}${/\.data$/i.test(pathname) ? '.data' : ''}`;
}
