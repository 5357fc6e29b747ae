import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { LEVELS, SIDES } from '../domain/model.ts';
import type { TrackingCell } from './get-response-tracking.ts';

/**
 * Per wave id, every side × level (in SIDES × LEVELS order, zeros included) with how many were
 * invited (the relationship's participants at that side and level), started and submitted — what
 * getResponseTracking and the sponsor's overview show, for a caller that has already read the
 * relationship and its waves. Two queries whatever the number of waves; counts only, nothing says
 * who answered.
 */
export async function countResponses(
  db: Db,
  relationshipId: string,
  waveIds: readonly string[],
): Promise<Map<string, TrackingCell[]>> {
  const [invitedRows, responseRows] = await Promise.all([
    queryRows<{ side: string; level: string; n: number }>(
      db,
      sql`select side, level, count(*)::int as n from participants
          where relationship_id = ${relationshipId} group by side, level`,
    ),
    waveIds.length === 0
      ? Promise.resolve([])
      : queryRows<{ wave_id: string; side: string; level: string; started: number; submitted: number }>(
          db,
          // A response counts as started when it has a start time or was submitted (imported
          // responses have no start).
          sql`select wave_id, side, level,
                count(*) filter (where started_at is not null or submitted_at is not null)::int as started,
                count(*) filter (where submitted_at is not null)::int as submitted
              from responses
              where wave_id = any(${toPgArrayLiteral(waveIds)}::uuid[])
              group by wave_id, side, level`,
        ),
  ]);
  const key = (side: string, level: string) => `${side}/${level}`;
  const invited = new Map(invitedRows.map((r) => [key(r.side, r.level), Number(r.n)]));
  return new Map(
    waveIds.map((waveId) => {
      const answered = new Map(
        responseRows.filter((r) => r.wave_id === waveId).map((r) => [key(r.side, r.level), r]),
      );
      const cells = SIDES.flatMap((side) =>
        LEVELS.map((level): TrackingCell => {
          const row = answered.get(key(side, level));
          return {
            side,
            level,
            invited: invited.get(key(side, level)) ?? 0,
            started: Number(row?.started ?? 0),
            submitted: Number(row?.submitted ?? 0),
          };
        }),
      );
      return [waveId, cells];
    }),
  );
}
