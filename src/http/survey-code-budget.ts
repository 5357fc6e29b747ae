import { createMiddleware } from 'hono/factory';
import { hitRateLimit, tooManyRequests } from '../services/hit-rate-limit.ts';
import { RATE_LIMITS } from '../services/rate-limit-rules.ts';
import { refundRateLimit } from '../services/refund-rate-limit.ts';
import type { AppEnv } from './app-env.ts';
import { sentPathOf, surveyCodeDoorOf } from './routed-path.ts';

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
