import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { AppError } from '../domain/app-error.ts';
import { expireRateLimits } from './expire-rate-limits.ts';
import type { RateLimitRule } from './rate-limit-rules.ts';
import { hashSecret } from './secrets.ts';

export type RateLimitHit = {
  isAllowed: boolean;
  /** Hits of this key in the current window, this one included. */
  hits: number;
  /** The window this hit was counted in (refundRateLimit takes it back from the same one). */
  windowStart: Date;
  /** Seconds until the window ends and the key may try again. */
  retryAfterSeconds: number;
};

/**
 * Counts one hit of `key` against the rule, in one statement: an insert that adds to the row of
 * the current window if there is one, so concurrent hits (from any process) never lose a count.
 * The key is stored as its SHA-256: the table holds no addresses or emails. Finished windows are
 * deleted by their start (indexed) at most once per window per process, never by reading keys.
 */
export async function hitRateLimit(
  db: Db,
  rule: RateLimitRule,
  key: string,
  now: Date = new Date(),
): Promise<RateLimitHit> {
  const windowStart = windowStartOf(rule, now);
  const [row] = await queryRows<{ hits: number }>(
    db,
    sql`insert into rate_limits (bucket, key, window_start, hits)
        values (${rule.bucket}, ${hashSecret(key)}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (bucket, key, window_start) do update set hits = rate_limits.hits + 1
        returning hits`,
  );
  await expireFinishedWindows(db, rule, windowStart);
  const hits = Number(row?.hits ?? 1);
  return {
    isAllowed: hits <= rule.limit,
    hits,
    windowStart,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000)),
  };
}

/** The refusal for a hit over its limit: 429 with when to try again, in words and in details. */
export function tooManyRequests(hit: RateLimitHit, what: string): AppError {
  const minutes = Math.max(1, Math.ceil(hit.retryAfterSeconds / 60));
  return new AppError(
    'too-many-requests',
    `${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    [{ retryAfterSeconds: hit.retryAfterSeconds }],
  );
}

/** Windows are fixed and aligned to the epoch, so every process agrees on the current one. */
export function windowStartOf(rule: RateLimitRule, now: Date): Date {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

// When each store last expired each bucket's finished windows, in this process.
const expiredUpTo = new WeakMap<Db, Map<string, number>>();

async function expireFinishedWindows(db: Db, rule: RateLimitRule, current: Date): Promise<void> {
  let buckets = expiredUpTo.get(db);
  if (!buckets) {
    buckets = new Map();
    expiredUpTo.set(db, buckets);
  }
  if ((buckets.get(rule.bucket) ?? Number.NEGATIVE_INFINITY) >= current.getTime()) return;
  buckets.set(rule.bucket, current.getTime());
  await expireRateLimits(db, rule.bucket, current);
}
