import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { waves } from '../db/schema.ts';
import { LEVELS, type Level, SIDES, type Side } from '../domain/model.ts';
import { findRelationship } from './find-relationship.ts';
import type { WaveStatus } from './get-relationship-setup.ts';

export type TrackingCounts = { invited: number; started: number; submitted: number };
export type TrackingCell = TrackingCounts & { side: Side; level: Level };
export type WaveTracking = {
  label: string;
  status: WaveStatus;
  opens: string;
  closes: string;
  /** Every side × level, in SIDES × LEVELS order, zeros included. */
  cells: TrackingCell[];
  total: TrackingCounts;
};
export type ResponseTracking = { relationshipId: string; waves: WaveTracking[] };

/**
 * How far each wave has got, per side × level: invited (the relationship's participants at that
 * side and level), started, submitted. Counts only: nothing here says who answered. A response
 * counts as started when it has a start time or was submitted (imported responses have no start).
 */
export async function getResponseTracking(
  db: Db,
  workspaceId: string,
  relationship: string,
): Promise<ResponseTracking> {
  const found = await findRelationship(db, workspaceId, relationship);
  const waveRows = await db
    .select({
      id: waves.id,
      label: waves.label,
      status: waves.status,
      opens: waves.opensOn,
      closes: waves.closesOn,
    })
    .from(waves)
    .where(eq(waves.relationshipId, found.id))
    .orderBy(asc(waves.position));
  const invitedRows = await queryRows<{ side: string; level: string; n: number }>(
    db,
    sql`select side, level, count(*)::int as n from participants
        where relationship_id = ${found.id} group by side, level`,
  );
  const responseRows = await queryRows<{
    wave_id: string;
    side: string;
    level: string;
    started: number;
    submitted: number;
  }>(
    db,
    sql`select r.wave_id, r.side, r.level,
          count(*) filter (where r.started_at is not null or r.submitted_at is not null)::int as started,
          count(*) filter (where r.submitted_at is not null)::int as submitted
        from responses r join waves w on w.id = r.wave_id
        where w.relationship_id = ${found.id}
        group by r.wave_id, r.side, r.level`,
  );
  const key = (side: string, level: string) => `${side}/${level}`;
  const invited = new Map(invitedRows.map((r) => [key(r.side, r.level), Number(r.n)]));
  return {
    relationshipId: found.id,
    waves: waveRows.map((wave) => {
      const answered = new Map(
        responseRows.filter((r) => r.wave_id === wave.id).map((r) => [key(r.side, r.level), r]),
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
      const sum = (field: keyof TrackingCounts) => cells.reduce((total, cell) => total + cell[field], 0);
      return {
        label: wave.label,
        status: wave.status as WaveStatus,
        opens: wave.opens,
        closes: wave.closes,
        cells,
        total: { invited: sum('invited'), started: sum('started'), submitted: sum('submitted') },
      };
    }),
  };
}
