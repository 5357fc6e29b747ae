import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { surveyLinks, waves } from '../db/schema.ts';
import type { Level, Side } from '../domain/model.ts';
import { countResponses } from './count-responses.ts';
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
  /** Whether any personal link was ever issued for the wave; an imported wave has none. */
  hasLinks: boolean;
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
  const ids = waveRows.map((wave) => wave.id);
  const [counts, linked] = await Promise.all([
    countResponses(db, found.id, ids),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectDistinct({ waveId: surveyLinks.waveId })
          .from(surveyLinks)
          .where(inArray(surveyLinks.waveId, ids)),
  ]);
  const withLinks = new Set(linked.map((row) => row.waveId));
  return {
    relationshipId: found.id,
    waves: waveRows.map((wave) => {
      const cells = counts.get(wave.id) ?? [];
      const sum = (field: keyof TrackingCounts) => cells.reduce((total, cell) => total + cell[field], 0);
      return {
        label: wave.label,
        status: wave.status as WaveStatus,
        opens: wave.opens,
        closes: wave.closes,
        cells,
        total: { invited: sum('invited'), started: sum('started'), submitted: sum('submitted') },
        hasLinks: withLinks.has(wave.id),
      };
    }),
  };
}
