// Expected failures that services raise. One place each (http/app-error-response.ts, cli/main.ts) maps
// each code to an HTTP status and a CLI exit code; the union below is the documented list.
export const APP_ERROR_CODES = {
  'not-found': { status: 404, exit: 3 },
  'invalid-input': { status: 400, exit: 2 },
  'invalid-bundle': { status: 422, exit: 2 },
  conflict: { status: 409, exit: 4 },
  unauthorized: { status: 401, exit: 5 },
  forbidden: { status: 403, exit: 5 },
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Structured detail for clients: field problems, bundle problems. */
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
