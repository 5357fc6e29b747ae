import type { Context } from 'hono';
import { AppError } from '../domain/app-error.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';

// What a JSON API handler works with: the store, the signed-in user and their workspace. Every
// route file asks here instead of reading the context itself, so "nobody signed in" is the same
// 401 everywhere.

export type RequestScope = {
  db: AppEnv['Variables']['db'];
  user: SignedInUser;
  workspaceId: string;
};

/**
 * The request's store, user and workspace; 401 when nobody is signed in. With `roles`, a user of
 * another role is refused (403) here too: for a route file that has no `requireUser` middleware
 * in front of its routes (setup-routes.ts). Routes behind `requireUser` pass none.
 */
export function scope(
  c: Context<AppEnv>,
  options: { roles?: readonly SignedInUser['role'][] } = {},
): RequestScope {
  const user = c.get('user');
  if (!user) throw new AppError('unauthorized', 'sign in first');
  if (options.roles && !options.roles.includes(user.role)) {
    throw new AppError('forbidden', `this needs one of the roles: ${options.roles.join(', ')}`);
  }
  return { db: c.get('db'), user, workspaceId: user.workspaceId };
}

/** How a user is named on what they code or record: their name, else their email. */
export function actorName(user: Pick<SignedInUser, 'name' | 'email'>): string {
  return user.name || user.email;
}
