import type { Context } from 'hono';
import { AppError } from '../domain/app-error.ts';
import type { AppEnv } from './app-env.ts';

/** The request body as JSON, unvalidated; a body that is not JSON is a 400 invalid-input. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new AppError('invalid-input', 'body: expected a JSON object', [
      { field: 'body', message: 'expected a JSON object' },
    ]);
  }
}
