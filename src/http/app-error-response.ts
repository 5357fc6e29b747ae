import type { Context } from 'hono';
import { type AppError, httpStatusOf, isAppError, retryAfterSecondsOf } from '../domain/app-error.ts';
import { routedSegments, sentPathOf } from './routed-path.ts';

/**
 * The one mapping from a service's AppError to an HTTP answer: its status from APP_ERROR_CODES
 * (httpStatusOf, which the web app's actions use too), `Retry-After` for a rate limit, and the body
 * `{ error: { code, message, details } }`. Null for anything else (a bug).
 */
export function appErrorResponse(c: Context, error: unknown): Response | null {
  if (!isAppError(error)) return null;
  setRetryAfter(c, error);
  return c.json(
    { error: { code: error.code, message: error.message, details: error.details } },
    httpStatusOf(error) as 400,
  );
}

/**
 * The same refusal for whoever asked: JSON for the API; for the web app's pages (refused before
 * React Router saw them: a body too large, a control character, too many codes, a missing CSRF
 * token) a small page a person can read, or, for React Router's data requests (`.data`), the
 * message as text, which the page's error boundary shows.
 */
export function appErrorResponseFor(c: Context, error: unknown): Response | null {
  if (!isAppError(error)) return null;
  if (routedSegments(sentPathOf(c.req.url))[0] === 'api') return appErrorResponse(c, error);
  setRetryAfter(c, error);
  const status = httpStatusOf(error) as 400;
  if (/\.data$/i.test(sentPathOf(c.req.url))) return c.text(sentence(error.message), status);
  return c.html(errorPage(status, sentence(error.message)), status);
}

function setRetryAfter(c: Context, error: AppError): void {
  const seconds = retryAfterSecondsOf(error);
  if (seconds !== null) c.header('Retry-After', String(seconds));
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const TITLES: Record<number, string> = {
  400: 'This request cannot be used',
  403: 'This request was refused',
  404: 'Not found',
  413: 'This is too large to send',
  429: 'Too many attempts',
};

function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? 'This request cannot be used';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Trustloop</title></head>
<body><main id="main"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p>Use your browser's Back button to return to the form, or <a href="/">go to the start</a>.</p></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}
