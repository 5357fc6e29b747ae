import { parse, serialize } from 'hono/utils/cookie';
import { type AppLoadContext, redirect } from 'react-router';
import { SESSION_COOKIE, sessionCookieOptions } from '../domain/session-cookie.ts';
import type { SignedInUser } from '../http/app-env.ts';

// Sign-in state for loaders and actions. The Hono session middleware has already read the cookie
// (context.user / context.session); the CSRF middleware has already checked every form post.

/** The signed-in facilitator, or a redirect to the sign-in page that comes back here. */
export function requireWebUser(
  context: AppLoadContext,
  request: Request,
  roles: readonly SignedInUser['role'][] = ['admin', 'facilitator'],
): SignedInUser {
  if (!context.user) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!roles.includes(context.user.role))
    throw new Response('This page is for facilitators.', { status: 403 });
  return context.user;
}

/** The CSRF token every form of a signed-in page must post back as `_csrf`. */
export function csrfTokenOf(context: AppLoadContext): string {
  return context.session?.csrfToken ?? '';
}

export function sessionCookieHeader(token: string, expiresAt: Date, request: Request): string {
  const secure =
    new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return serialize(SESSION_COOKIE, token, { ...sessionCookieOptions(expiresAt, secure) });
}

export function clearSessionCookieHeader(): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 0 });
}

/** The session token from the request's Cookie header (sign-in and sign-out), or '' without one. */
export function readSessionToken(request: Request): string {
  return parse(request.headers.get('cookie') ?? '', SESSION_COOKIE)[SESSION_COOKIE] ?? '';
}
