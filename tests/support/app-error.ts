import { expect } from 'vitest';
import { AppError } from '../../src/domain/app-error.ts';

/**
 * The AppError a promise rejects with, to check its code, message and details together. Fails
 * when the promise resolves or rejects with anything else.
 */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) throw new Error('expected an AppError, but the promise resolved');
  if (!(outcome.error instanceof AppError)) {
    throw new Error(`expected an AppError, got ${String(outcome.error)}`, { cause: outcome.error });
  }
  return outcome.error;
}

/** Expects the promise to reject with an AppError of that code (and a message matching `message`). */
export async function expectAppError(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}
