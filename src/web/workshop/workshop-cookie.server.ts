import { parse, serialize } from 'hono/utils/cookie';
import { WORKSHOP_COOKIE, workshopCookieOptions } from '../../domain/session-cookie.ts';

// The phone's workshop token in its cookie (decision 049), for every page that joins, reads or
// leaves a workshop: /w, /w/room, and joining signed in from the sponsor's or facilitator's page.

export function workshopTokenOf(request: Request): string {
  return parse(request.headers.get('cookie') ?? '', WORKSHOP_COOKIE)[WORKSHOP_COOKIE] ?? '';
}

function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

/** The Set-Cookie header that gives this browser the attendee's token. */
export function workshopCookieFor(token: string, request: Request): string {
  return serialize(WORKSHOP_COOKIE, token, workshopCookieOptions(isSecure(request)));
}

/** The Set-Cookie header that takes it away (leaving the workshop). */
export function clearedWorkshopCookie(request: Request): string {
  return serialize(WORKSHOP_COOKIE, '', { ...workshopCookieOptions(isSecure(request)), maxAge: 0 });
}
