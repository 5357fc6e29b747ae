import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../domain/app-error.ts';
import {
  CSRF_FORM_FIELD,
  CSRF_HEADER,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../domain/session-cookie.ts';
import { getSession } from '../services/get-session.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { isSurveyPage, sentPathOf } from './routed-path.ts';

// Who is asking, and may they change things (decision 009). Order in the app:
// a middleware that sets `db` → sessionMiddleware() → csrfProtection() → routes.

export { CSRF_FORM_FIELD, CSRF_HEADER, SESSION_COOKIE, sessionCookieOptions };

/** Sets `user` and `session` from the session cookie (both null when there is none or it ended). */
export function sessionMiddleware() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('user', null);
    c.set('session', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await getSession(c.get('db'), token, new Date());
      if (found) {
        c.set('user', found.user);
        c.set('session', found.session);
      } else {
        // An ended or unknown session: tell the browser to forget it.
        clearSessionCookie(c);
      }
    }
    await next();
  });
}

/**
 * 401 unless signed in; 403 when signed in with a role not in `roles` — by default the
 * facilitators' roles, so a route that forgets to say stays closed to sponsors.
 */
export function requireUser(roles: readonly SignedInUser['role'][] = ['admin', 'facilitator']) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) throw new AppError('unauthorized', 'sign in to continue');
    if (!roles.includes(user.role)) {
      throw new AppError('forbidden', `this needs one of the roles: ${roles.join(', ')}`);
    }
    await next();
  });
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every change made with a session must echo the session's CSRF token, in the `x-csrf-token`
 * header (API calls) or the `_csrf` form field (plain form posts). A request without a session
 * cookie carries no ambient authority and passes; a cookie that opens no session counts as none.
 */
export function csrfProtection() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = c.get('session');
    // The participant's survey pages (`/s/…`, `/code`, in any spelling React Router routes: any
    // case, `.data`, a trailing slash) act on the link's or code's authority alone, never the
    // session's, so a facilitator who opens a link or types a code in their own browser can still
    // answer. Nothing else is exempt: a signed-in change anywhere else needs the token.
    if (
      UNSAFE_METHODS.has(c.req.method) &&
      !isSurveyPage(sentPathOf(c.req.url)) &&
      getCookie(c, SESSION_COOKIE) &&
      session
    ) {
      const sent = c.req.header(CSRF_HEADER) ?? (await readFormField(c, CSRF_FORM_FIELD));
      if (!sent || !isSameSecret(sent, session.csrfToken)) {
        throw new AppError('forbidden', 'missing or wrong CSRF token');
      }
    }
    await next();
  });
}

async function readFormField(c: Context<AppEnv>, field: string): Promise<string | undefined> {
  // Parsed once by the request guards (request-guards.ts); read from a clone where they did not
  // run (the small apps of route tests): the web app's action reads the original itself.
  let form = c.get('form');
  if (!form) {
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
    form = await c.req.raw
      .clone()
      .formData()
      .catch(() => undefined);
  }
  const value = form?.get(field);
  return typeof value === 'string' ? value : undefined;
}

/** Constant-time: compares digests, so neither the content nor the length leaks through timing. */
function isSameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** https directly, or behind a proxy that says so. */
export function isSecureRequest(c: Context): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  );
}

/** The session cookie's attributes, shared by the API (Hono) and the web app's form actions. */

export function setSessionCookie(
  c: Context,
  token: string,
  expiresAt: Date,
  options: { secure: boolean } = { secure: isSecureRequest(c) },
): void {
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(expiresAt, options.secure));
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecureRequest(c) });
}
