import { createMiddleware } from 'hono/factory';
import { hitRateLimit, tooManyRequests } from '../services/hit-rate-limit.ts';
import { RATE_LIMITS } from '../services/rate-limit-rules.ts';
import { refundRateLimit } from '../services/refund-rate-limit.ts';
import type { AppEnv } from './app-env.ts';
import { sentPathOf, surveyCodeDoorOf, workshopCodeDoorOf } from './routed-path.ts';

/**
 * One budget per client address for trying typed survey codes, whichever way they come in: the
 * code form (`/code`, `/code.data`), a survey page by code (`/s/CODE…`, any case), the API
 * (`/api/survey/code…`). Kept in rate_limits, so every app process shares it (decision 024).
 * Each attempt is counted before it runs and given back when the code worked: a participant who
 * answers by code never runs out, while guesses, even sent all at once, stop at the limit (429
 * with Retry-After).
 */
export function surveyCodeBudget(options: { now?: () => Date } = {}) {
  const rule = RATE_LIMITS.surveyCode;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!surveyCodeDoorOf(c.req.method, sentPathOf(c.req.url))) return next();
    const db = c.get('db');
    const address = c.get('address');
    const hit = await hitRateLimit(db, rule, address, options.now?.() ?? new Date());
    if (!hit.isAllowed) throw tooManyRequests(hit, 'too many survey codes were tried from this address');
    await next();
    if (c.res.status < 400) await refundRateLimit(db, rule, address, hit);
  });
}

/**
 * The same budget for typed workshop codes (the join form on `/w`, `/api/w/join`): 30 wrong
 * tries per client address in 10 minutes; a code that works is given back, so a whole room behind
 * one address joins freely.
 */
export function workshopCodeBudget(options: { now?: () => Date } = {}) {
  const rule = RATE_LIMITS.workshopCode;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!workshopCodeDoorOf(c.req.method, sentPathOf(c.req.url))) return next();
    const db = c.get('db');
    const address = c.get('address');
    const hit = await hitRateLimit(db, rule, address, options.now?.() ?? new Date());
    if (!hit.isAllowed) throw tooManyRequests(hit, 'too many workshop codes were tried from this address');
    await next();
    if (c.res.status < 400) await refundRateLimit(db, rule, address, hit);
  });
}
