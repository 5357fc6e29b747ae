import { data } from 'react-router';
import { isAppError } from '../domain/app-error.ts';

/** A service's `not-found` (another workspace's id, or none) as a 404 page, not a server error. */
export function toNotFoundPage(error: unknown): unknown {
  return isAppError(error) && error.code === 'not-found' ? data(error.message, { status: 404 }) : error;
}

export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  return pending.catch((error: unknown) => {
    throw toNotFoundPage(error);
  });
}
