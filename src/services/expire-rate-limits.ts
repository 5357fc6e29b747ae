import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * Deletes a bucket's windows that started before `before`: a range on rate_limits.window_start
 * (indexed), so it costs the rows it removes, however many keys the current window holds.
 */
export async function expireRateLimits(db: Db, bucket: string, before: Date): Promise<void> {
  await db.execute(
    sql`delete from rate_limits where window_start < ${before.toISOString()}::timestamptz and bucket = ${bucket}`,
  );
}
