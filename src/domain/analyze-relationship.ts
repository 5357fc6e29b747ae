import { type CountTable, suppressTable } from './anonymity.ts';
import type { IncidentRecord, Instrument, Level, Side, SideInfo } from './model.ts';
import { LEVELS, otherSide, SIDES } from './model.ts';
import {
  planScoring,
  type ScoredRespondent,
  type ScoringPlan,
  scoreRespondent,
  toIndex,
} from './score-respondent.ts';
import { classifyStage, type StageGates, type StageResult, selectCappingIncidents } from './stage.ts';
import { computeCronbachAlpha } from './statistics/cronbach-alpha.ts';
import { mean, sampleSd } from './statistics/descriptive.ts';
import { computeHedgesG } from './statistics/hedges-g.ts';
import { computeRwgJ } from './statistics/rwg.ts';
import { studentTQuantile } from './statistics/student-t.ts';
import { computeWelchInterval } from './statistics/welch.ts';

// The whole analysis of one relationship, pure: scores, cells with agreement, reliability, indices,
// perception gaps, stages and change between waves, with small groups suppressed (PRODUCT.md,
// "Analysis"). Services load the inputs; the CLI, API and web app only present the result.

export const OVERALL = 'overall';

export type AnalysisInput = {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  waves: Array<{
    label: string;
    opens: string;
    closes: string;
    anonymityThreshold: number;
    instrument: Instrument;
    responses: ReadonlyArray<{ side: Side; level: Level; answers: Readonly<Record<string, number>> }>;
  }>;
  incidents: readonly IncidentRecord[];
  gates?: StageGates;
};

export type Cell = {
  side: Side;
  level: Level;
  dimension: string;
  n: number;
  mean: number | null;
  sd: number | null;
  rwg: number | null;
  suppressed: boolean;
  /** Why a cell is suppressed: fewer than k responses itself, or to protect another cell. */
  suppression: 'too-few' | 'complementary' | null;
};

export type SideCell = Omit<Cell, 'level' | 'suppression'> & { index: number | null };

export type Gap = {
  side: Side;
  dimension: string;
  perceived: number | null;
  actual: number | null;
  gap: number | null;
  /** The gap in Trust Index points (scale range = 100). */
  gapPoints: number | null;
};

export type WaveAnalysis = {
  label: string;
  opens: string;
  closes: string;
  anonymityThreshold: number;
  scale: { min: number; max: number };
  dimensions: Array<{ key: string; label: string }>;
  respondents: Record<Side, Record<Level, number>>;
  cells: Cell[];
  /** Each side's row of `overall` (all trust items) per level. */
  overallCells: Cell[];
  /** Per side over all levels, per dimension and `overall`. */
  sideCells: SideCell[];
  reliability: Array<{ dimension: string; alpha: number | null; n: number; items: number }>;
  index: Record<Side, number | null>;
  /** 95% confidence interval of each side's index (t interval of the mean, rescaled). */
  indexInterval: Record<Side, { low: number; high: number } | null>;
  indexByLevel: Record<Side, Record<Level, number | null>>;
  indexByDimension: Record<Side, Record<string, number | null>>;
  gaps: Gap[];
  stage: StageResult;
  stageByLevel: Record<Level, StageResult>;
};

export type Change = {
  side: Side;
  dimension: string;
  from: string;
  to: string;
  nFrom: number;
  nTo: number;
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  hedgesG: number | null;
  suppressed: boolean;
};

export type RelationshipAnalysis = {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  waves: WaveAnalysis[];
  changes: Change[];
};

export function analyzeRelationship(input: AnalysisInput): RelationshipAnalysis {
  const scoredWaves = input.waves.map((wave) => {
    const plan = planScoring(wave.instrument);
    return { wave, plan, scored: wave.responses.map((response) => scoreRespondent(plan, response)) };
  });
  const sideNames = { A: input.relationship.sides.A.name, B: input.relationship.sides.B.name };
  const waves = scoredWaves.map(({ wave, plan, scored }) =>
    analyzeWave(wave, plan, scored, input.incidents, sideNames, input.gates),
  );
  const changes: Change[] = [];
  for (let i = 1; i < scoredWaves.length; i++) {
    changes.push(...compareWaves(scoredWaves[i - 1]!, scoredWaves[i]!));
  }
  if (scoredWaves.length > 2) changes.push(...compareWaves(scoredWaves[0]!, scoredWaves.at(-1)!));
  return { relationship: input.relationship, waves, changes };
}

type ScoredWave = {
  wave: AnalysisInput['waves'][number];
  plan: ScoringPlan;
  scored: ScoredRespondent[];
};

function analyzeWave(
  wave: AnalysisInput['waves'][number],
  plan: ScoringPlan,
  scored: readonly ScoredRespondent[],
  incidents: readonly IncidentRecord[],
  sideNames: Record<Side, string>,
  gates: StageGates | undefined,
): WaveAnalysis {
  const { scale, dimensions } = wave.instrument;
  const k = wave.anonymityThreshold;
  const scalePoints = scale.max - scale.min + 1;
  const dimensionKeys = dimensions.map((d) => d.key);
  const columns = [...dimensionKeys, OVERALL];

  const respondents = mapSides(() => mapLevels(() => 0));
  for (const r of scored) respondents[r.side][r.level] += 1;

  const scoreOf = (r: ScoredRespondent, column: string) =>
    column === OVERALL ? r.overall : r.scores[column];
  const itemsOf = (column: string) =>
    column === OVERALL ? plan.trustItems : (plan.trustItemsByDimension.get(column) ?? []);

  const cells: Cell[] = [];
  const overallCells: Cell[] = [];
  const sideCells: SideCell[] = [];
  for (const side of SIDES) {
    const ofSide = scored.filter((r) => r.side === side);
    const raw = new Map<string, { n: number; mean: number | null; sd: number | null; rwg: number | null }>();
    const table: CountTable = { dimensions: dimensionKeys, levels: mapLevels(() => ({})) };
    for (const level of LEVELS) {
      const group = ofSide.filter((r) => r.level === level);
      for (const column of columns) {
        const stats = describeGroup(group, column, scoreOf, itemsOf(column), scalePoints);
        raw.set(`${level}|${column}`, stats);
        table.levels[level][column] = stats.n;
      }
    }
    const totals = new Map<string, ReturnType<typeof describeGroup>>();
    for (const column of columns) {
      const stats = describeGroup(ofSide, column, scoreOf, itemsOf(column), scalePoints);
      totals.set(column, stats);
    }
    const protection = suppressTable(table, k);
    for (const level of LEVELS) {
      for (const column of columns) {
        const stats = raw.get(`${level}|${column}`)!;
        const verdict = protection.cells[level][column]!;
        const cell: Cell = {
          side,
          level,
          dimension: column,
          n: stats.n,
          mean: verdict.suppressed ? null : stats.mean,
          sd: verdict.suppressed ? null : stats.sd,
          rwg: verdict.suppressed ? null : stats.rwg,
          suppressed: verdict.suppressed,
          suppression: verdict.reason,
        };
        (column === OVERALL ? overallCells : cells).push(cell);
      }
    }
    for (const column of columns) {
      const stats = totals.get(column)!;
      const isSuppressed = protection.totals[column]!.suppressed;
      sideCells.push({
        side,
        dimension: column,
        n: stats.n,
        mean: isSuppressed ? null : stats.mean,
        sd: isSuppressed ? null : stats.sd,
        rwg: isSuppressed ? null : stats.rwg,
        index: isSuppressed || stats.mean === null ? null : toIndex(stats.mean, scale),
        suppressed: isSuppressed,
      });
    }
  }

  const sideCell = (side: Side, column: string) =>
    sideCells.find((c) => c.side === side && c.dimension === column)!;
  const levelCell = (side: Side, level: Level, column: string) =>
    (column === OVERALL ? overallCells : cells).find(
      (c) => c.side === side && c.level === level && c.dimension === column,
    )!;
  const asIndex = (value: number | null) => (value === null ? null : toIndex(value, scale));

  const reliability = dimensionKeys.map((dimension) => {
    const items = plan.trustItemsByDimension.get(dimension) ?? [];
    const rows: number[][] = [];
    for (const r of scored) {
      const row = items.map((item) => r.turned[item.code]);
      if (row.every((v) => v !== undefined)) rows.push(row as number[]);
    }
    // Cronbach 1951, over the wave's respondents who answered every item of the dimension.
    const alpha = rows.length >= k ? computeCronbachAlpha(rows) : null;
    return { dimension, alpha, n: rows.length, items: items.length };
  });

  const index = mapSides((side) => sideCell(side, OVERALL).index);
  const indexInterval = mapSides((side) => {
    const cell = sideCell(side, OVERALL);
    if (cell.suppressed || cell.mean === null || cell.sd === null || cell.n < 2) return null;
    // t interval of a mean (Student 1908), mapped onto the index scale.
    const half = studentTQuantile(0.975, cell.n - 1) * (cell.sd / Math.sqrt(cell.n));
    return { low: toIndex(cell.mean - half, scale), high: toIndex(cell.mean + half, scale) };
  });
  const indexByLevel = mapSides((side) =>
    mapLevels((level) => asIndex(levelCell(side, level, OVERALL).mean)),
  );
  const indexByDimension = mapSides((side) =>
    Object.fromEntries(dimensionKeys.map((d) => [d, sideCell(side, d).index])),
  );

  const gaps: Gap[] = [];
  for (const side of SIDES) {
    for (const dimension of dimensionKeys) {
      const metaAnswers = scored
        .filter((r) => r.side === side)
        .map((r) => r.meta[dimension])
        .filter((v): v is number => v !== null && v !== undefined);
      const perceived = metaAnswers.length >= k ? mean(metaAnswers) : null;
      const actual = sideCell(otherSide(side), dimension).mean;
      const gap = perceived !== null && actual !== null ? perceived - actual : null;
      gaps.push({
        side,
        dimension,
        perceived,
        actual,
        gap,
        gapPoints: gap === null ? null : (gap / (scale.max - scale.min)) * 100,
      });
    }
  }

  const capping = selectCappingIncidents(incidents, wave.closes, gates?.incidentCap);
  const dimensionLabels = Object.fromEntries(dimensions.map((d) => [d.key, d.label]));
  const stage = classifyStage({
    indexByDimension: byDimensionBothSides(indexByDimension, dimensionKeys),
    cappingIncidents: capping,
    gates,
    sideNames,
    dimensionLabels,
  });
  const stageByLevel = mapLevels((level) =>
    classifyStage({
      indexByDimension: Object.fromEntries(
        dimensionKeys.map((d) => [
          d,
          { A: asIndex(levelCell('A', level, d).mean), B: asIndex(levelCell('B', level, d).mean) },
        ]),
      ),
      cappingIncidents: capping,
      gates,
      sideNames,
      dimensionLabels,
    }),
  );

  return {
    label: wave.label,
    opens: wave.opens,
    closes: wave.closes,
    anonymityThreshold: k,
    scale,
    dimensions,
    respondents,
    cells,
    overallCells,
    sideCells,
    reliability,
    index,
    indexInterval,
    indexByLevel,
    indexByDimension,
    gaps,
    stage,
    stageByLevel,
  };
}

function describeGroup(
  group: readonly ScoredRespondent[],
  column: string,
  scoreOf: (r: ScoredRespondent, column: string) => number | null | undefined,
  items: ReadonlyArray<{ code: string }>,
  scalePoints: number,
): { n: number; mean: number | null; sd: number | null; rwg: number | null } {
  const scores: number[] = [];
  const rows: Array<Array<number | null>> = [];
  for (const r of group) {
    const score = scoreOf(r, column);
    if (score === null || score === undefined) continue;
    scores.push(score);
    rows.push(items.map((item) => r.turned[item.code] ?? null));
  }
  return {
    n: scores.length,
    mean: mean(scores),
    sd: sampleSd(scores),
    // James, Demaree & Wolf 1984, uniform null distribution.
    rwg: computeRwgJ(rows, scalePoints),
  };
}

function compareWaves(from: ScoredWave, to: ScoredWave): Change[] {
  const k = Math.max(from.wave.anonymityThreshold, to.wave.anonymityThreshold);
  const toKeys = new Set(to.wave.instrument.dimensions.map((d) => d.key));
  const shared = from.wave.instrument.dimensions.map((d) => d.key).filter((key) => toKeys.has(key));
  const changes: Change[] = [];
  for (const side of SIDES) {
    for (const dimension of [...shared, OVERALL]) {
      const pick = (wave: ScoredWave) =>
        wave.scored
          .filter((r) => r.side === side)
          .map((r) => (dimension === OVERALL ? r.overall : r.scores[dimension]))
          .filter((v): v is number => v !== null && v !== undefined);
      const before = pick(from);
      const after = pick(to);
      const isSuppressed = before.length < k || after.length < k;
      // Welch 1947 interval for mean(to) − mean(from); Hedges 1981 g.
      const interval = isSuppressed ? null : computeWelchInterval(before, after);
      const meanBefore = mean(before);
      const meanAfter = mean(after);
      changes.push({
        side,
        dimension,
        from: from.wave.label,
        to: to.wave.label,
        nFrom: before.length,
        nTo: after.length,
        diff: isSuppressed || meanBefore === null || meanAfter === null ? null : meanAfter - meanBefore,
        ciLow: interval?.ciLow ?? null,
        ciHigh: interval?.ciHigh ?? null,
        hedgesG: isSuppressed ? null : computeHedgesG(before, after),
        suppressed: isSuppressed,
      });
    }
  }
  return changes;
}

function byDimensionBothSides(
  indexByDimension: Record<Side, Record<string, number | null>>,
  keys: readonly string[],
): Record<string, { A: number | null; B: number | null }> {
  return Object.fromEntries(
    keys.map((key) => [key, { A: indexByDimension.A[key] ?? null, B: indexByDimension.B[key] ?? null }]),
  );
}

function mapSides<T>(make: (side: Side) => T): Record<Side, T> {
  return { A: make('A'), B: make('B') };
}

function mapLevels<T>(make: (level: Level) => T): Record<Level, T> {
  return { leadership: make('leadership'), operational: make('operational'), staff: make('staff') };
}
