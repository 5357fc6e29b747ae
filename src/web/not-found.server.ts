import { data } from 'react-router';
import { isAppError } from '../domain/app-error.ts';

/**
 * A service's `not-found` (another workspace's id, or none) as a 404 page, not a server error. The
 * page says "Not found" in its own words (root ErrorBoundary): the service's message, meant for the
 * API and the command line, does not reach the page or its hydration data.
 */
export function toNotFoundPage(error: unknown): unknown {
  return isAppError(error) && error.code === 'not-found'
    ? data('Not found', { status: 404, statusText: 'Not Found' })
    : error;
}

export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  return pending.catch((error: unknown) => {
    throw toNotFoundPage(error);
  });
}
