import type { Context } from 'hono';
import { APP_ERROR_CODES, isAppError } from '../domain/app-error.ts';

/**
 * The one mapping from a service's AppError to an HTTP answer: its status from APP_ERROR_CODES and
 * the body `{ error: { code, message, details } }`. Null for anything else (a bug).
 */
export function appErrorResponse(c: Context, error: unknown): Response | null {
  if (!isAppError(error)) return null;
  return c.json(
    { error: { code: error.code, message: error.message, details: error.details } },
    APP_ERROR_CODES[error.code].status,
  );
}
