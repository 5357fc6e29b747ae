import type { RelationshipAnalysis } from './analyze-relationship.ts';
import type { Direction, Side } from './model.ts';

// Evidence of impact (issue 9, item 5): what moved on a workstream's target dimensions at every
// wave after it started — the analysis' own `changes` rows between each such wave and the wave
// before it, never recomputed — and the balance of building against diluting incidents on those
// dimensions since it started.

export type ImpactRow = {
  wave: string;
  /** The wave it is compared with: the one before. */
  from: string;
  side: Side;
  dimension: string;
  /** Null where the analysis hides the change (too few responses in one of the waves). */
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  hedgesG: number | null;
  /** Whether the 95% interval leaves out zero: a change beyond chance. */
  beyondChance: boolean;
};

export type IncidentBalance = { builds: number; dilutes: number };

type Workstream = { startedOn: string; targetDimensions: readonly string[] };

/** The change rows of the waves that opened after the workstream started, on its dimensions. */
export function workstreamImpact(analysis: RelationshipAnalysis, workstream: Workstream): ImpactRow[] {
  const rows: ImpactRow[] = [];
  analysis.waves.forEach((wave, index) => {
    const before = analysis.waves[index - 1];
    if (!before || wave.opens <= workstream.startedOn) return;
    for (const change of analysis.changes) {
      if (change.from !== before.label || change.to !== wave.label) continue;
      if (!workstream.targetDimensions.includes(change.dimension)) continue;
      rows.push({
        wave: wave.label,
        from: before.label,
        side: change.side,
        dimension: change.dimension,
        diff: change.diff,
        ciLow: change.ciLow,
        ciHigh: change.ciHigh,
        hedgesG: change.hedgesG,
        beyondChance:
          change.ciLow !== null && change.ciHigh !== null && (change.ciLow > 0 || change.ciHigh < 0),
      });
    }
  });
  return rows;
}

/** Building against diluting incidents on the workstream's dimensions since it started. */
export function incidentBalance(
  incidents: ReadonlyArray<{
    occurredOn: string;
    direction: Direction;
    dimensions: readonly string[];
    status: string;
  }>,
  workstream: Workstream,
): IncidentBalance {
  const balance: IncidentBalance = { builds: 0, dilutes: 0 };
  for (const incident of incidents) {
    if (incident.status === 'dismissed' || incident.status === 'reported') continue;
    if (incident.occurredOn < workstream.startedOn) continue;
    if (!incident.dimensions.some((d) => workstream.targetDimensions.includes(d))) continue;
    if (incident.direction === 'builds') balance.builds++;
    else balance.dilutes++;
  }
  return balance;
}
