// Expected failures that services raise. One place each (http/app-error-response.ts for the API and
// the web app's actions, cli/main.ts) maps each code to an HTTP status and a CLI exit code through
// this table; the union below is the documented list (docs/ARCHITECTURE.md, "Errors").
export const APP_ERROR_CODES = {
  'not-found': { status: 404, exit: 3 },
  'invalid-input': { status: 400, exit: 2 },
  'invalid-bundle': { status: 422, exit: 2 },
  conflict: { status: 409, exit: 4 },
  unauthorized: { status: 401, exit: 5 },
  forbidden: { status: 403, exit: 5 },
  'payload-too-large': { status: 413, exit: 2 },
  'too-many-requests': { status: 429, exit: 6 },
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Structured detail for clients: field problems, bundle problems, `{ retryAfterSeconds }`. */
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The HTTP status of a code: the API and the web app's pages answer the same one. */
export function httpStatusOf(error: AppError): number {
  return APP_ERROR_CODES[error.code].status;
}

/** A refusal that ends by itself (a rate limit): when to ask again, from its `{ retryAfterSeconds }`. */
export function retryAfterSecondsOf(error: AppError): number | null {
  for (const detail of error.details) {
    const seconds = (detail as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  }
  return null;
}
