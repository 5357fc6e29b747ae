// The session cookie and the CSRF token's names and the cookie's options: one definition for the
// API's middleware (src/http) and the web app's actions (src/web), which may not import each other.

export const SESSION_COOKIE = 'tl_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FORM_FIELD = '_csrf';

export function sessionCookieOptions(expiresAt: Date, secure: boolean) {
  return { httpOnly: true, sameSite: 'Lax', path: '/', expires: expiresAt, secure } as const;
}

/** A workshop attendee's token (decision 049): the phone's proof that it joined, for 12 hours. */
export const WORKSHOP_COOKIE = 'tl_workshop';
export const WORKSHOP_COOKIE_HOURS = 12;

export function workshopCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: WORKSHOP_COOKIE_HOURS * 3600,
    secure,
  } as const;
}
