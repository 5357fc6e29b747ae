import { Hono } from 'hono';
import { expect, test } from 'vitest';
import { APP_ERROR_CODES, AppError, type AppErrorCode } from '../src/domain/app-error.ts';
import { appErrorResponse } from '../src/http/app-error-response.ts';
import { runFormAction } from '../src/web/action-result.server.ts';

// One mapping from AppError codes to statuses: a form action answers what the API answers.

const CODES = Object.keys(APP_ERROR_CODES) as AppErrorCode[];

async function apiAnswer(error: AppError): Promise<Response> {
  const app = new Hono();
  app.get('/', () => {
    throw error;
  });
  app.onError((e, c) => appErrorResponse(c, e) ?? c.text('bug', 500));
  return app.request('/');
}

async function formAnswer(error: AppError) {
  const failure = await runFormAction(new FormData(), () => Promise.reject(error));
  return failure as unknown as { init: { status: number; headers?: Record<string, string> } | null };
}

test.each(CODES)('%s: the page’s form gets the status the API answers', async (code) => {
  const error = new AppError(code, 'a message', [{ field: 'name', message: 'is wrong' }]);
  const api = await apiAnswer(error);
  const form = await formAnswer(error);
  expect(api.status).toBe(APP_ERROR_CODES[code].status);
  expect(form.init?.status).toBe(api.status);
});

test('a rate limit tells when to try again, on a page as in the API', async () => {
  const error = new AppError('too-many-requests', 'too many', [{ retryAfterSeconds: 90 }]);
  expect((await apiAnswer(error)).headers.get('retry-after')).toBe('90');
  expect((await formAnswer(error)).init?.headers).toEqual({ 'Retry-After': '90' });
});
