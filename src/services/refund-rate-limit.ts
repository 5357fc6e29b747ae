import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { RateLimitHit } from './hit-rate-limit.ts';
import type { RateLimitRule } from './rate-limit-rules.ts';
import { hashSecret } from './secrets.ts';

/**
 * Takes back a hit that turned out to be no guess (a survey code that worked): only misses then
 * use up the budget, while every attempt was counted before it ran, so a burst of guesses in
 * parallel cannot slip past the limit.
 */
export async function refundRateLimit(
  db: Db,
  rule: RateLimitRule,
  key: string,
  hit: RateLimitHit,
): Promise<void> {
  await db.execute(
    sql`update rate_limits set hits = hits - 1
        where bucket = ${rule.bucket} and key = ${hashSecret(key)}
          and window_start = ${hit.windowStart.toISOString()}::timestamptz and hits > 0`,
  );
}
