import { type CountTable, suppressTable } from './anonymity.ts';
import type { IncidentRecord, Instrument, Level, Side, SideInfo } from './model.ts';
import { LEVELS, otherSide, SIDES } from './model.ts';
import { planScoring, type ScoredWave, scoreWave, toIndex } from './score-respondent.ts';
import { classifyStage, type StageGates, type StageResult, selectCappingIncidents } from './stage.ts';
import { computeCronbachAlphaFromVariances } from './statistics/cronbach-alpha.ts';
import { mean } from './statistics/descriptive.ts';
import { computeHedgesG } from './statistics/hedges-g.ts';
import { computeRwgJFromVariance } from './statistics/rwg.ts';
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
  const scoredWaves = input.waves.map((wave) => ({
    wave,
    scored: scoreWave(planScoring(wave.instrument), wave.responses),
  }));
  const sideNames = { A: input.relationship.sides.A.name, B: input.relationship.sides.B.name };
  const waves = scoredWaves.map(({ wave, scored }) =>
    analyzeWave(wave, scored, input.incidents, sideNames, input.gates),
  );
  const analyzed = scoredWaves.map((scoredWave, i) => ({ ...scoredWave, analysis: waves[i]! }));
  const changes: Change[] = [];
  for (let i = 1; i < analyzed.length; i++) {
    changes.push(...compareWaves(analyzed[i - 1]!, analyzed[i]!));
  }
  if (analyzed.length > 2) changes.push(...compareWaves(analyzed[0]!, analyzed.at(-1)!));
  return { relationship: input.relationship, waves, changes };
}

type WaveWithScores = { wave: AnalysisInput['waves'][number]; scored: ScoredWave; analysis: WaveAnalysis };

type GroupStats = { n: number; mean: number | null; sd: number | null; rwg: number | null };

function analyzeWave(
  wave: AnalysisInput['waves'][number],
  scored: ScoredWave,
  incidents: readonly IncidentRecord[],
  sideNames: Record<Side, string>,
  gates: StageGates | undefined,
): WaveAnalysis {
  const { scale, dimensions } = wave.instrument;
  const k = wave.anonymityThreshold;
  const scalePoints = scale.max - scale.min + 1;
  const dimensionKeys = scored.plan.dimensionKeys;
  const columns = [...dimensionKeys, OVERALL];
  const rowsOf = groupRows(scored);

  const respondents = mapSides((side) => mapLevels((level) => rowsOf.level[side][level].length));

  const cells: Cell[] = [];
  const overallCells: Cell[] = [];
  const sideCells: SideCell[] = [];
  for (const side of SIDES) {
    const raw = mapLevels((level) =>
      columns.map((_, c) => describeColumn(scored, rowsOf.level[side][level], c, scalePoints)),
    );
    const totals = columns.map((_, c) => describeColumn(scored, rowsOf.side[side], c, scalePoints));
    const table: CountTable = {
      dimensions: dimensionKeys,
      levels: mapLevels((level) =>
        Object.fromEntries(columns.map((column, c) => [column, raw[level][c]!.n])),
      ),
    };
    const protection = suppressTable(table, k);
    for (const level of LEVELS) {
      columns.forEach((column, c) => {
        const stats = raw[level][c]!;
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
      });
    }
    columns.forEach((column, c) => {
      const stats = totals[c]!;
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
    });
  }

  const sideCell = (side: Side, column: string) =>
    sideCells.find((c) => c.side === side && c.dimension === column)!;
  const levelCell = (side: Side, level: Level, column: string) =>
    (column === OVERALL ? overallCells : cells).find(
      (c) => c.side === side && c.level === level && c.dimension === column,
    )!;
  const asIndex = (value: number | null) => (value === null ? null : toIndex(value, scale));

  const reliability = dimensionKeys.map((dimension, d) => {
    const { n, alpha } = describeReliability(scored, d);
    // Cronbach 1951, over the wave's respondents who answered every item of the dimension.
    return { dimension, alpha: n >= k ? alpha : null, n, items: scored.plan.itemColumns[d]!.length };
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

  const dimensionCount = dimensionKeys.length;
  const gaps: Gap[] = [];
  for (const side of SIDES) {
    dimensionKeys.forEach((dimension, d) => {
      const metaAnswers: number[] = [];
      for (const r of rowsOf.side[side]) {
        const value = scored.meta[r * dimensionCount + d]!;
        if (!Number.isNaN(value)) metaAnswers.push(value);
      }
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
    });
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

/** Row numbers of the wave's respondents per side and per side × level. */
function groupRows(scored: ScoredWave): {
  side: Record<Side, number[]>;
  level: Record<Side, Record<Level, number[]>>;
} {
  const side = mapSides((): number[] => []);
  const level = mapSides(() => mapLevels((): number[] => []));
  for (let r = 0; r < scored.count; r++) {
    side[scored.sides[r]!].push(r);
    level[scored.sides[r]!][scored.levels[r]!].push(r);
  }
  return { side, level };
}

/**
 * n, mean and sample SD of the group's scores in score column c, and rwg(j) over the column's
 * items. One pass for the sums, a second for the squared deviations (as R's mean and var).
 */
function describeColumn(
  scored: ScoredWave,
  rows: readonly number[],
  c: number,
  scalePoints: number,
): GroupStats {
  const columnCount = scored.plan.dimensionKeys.length + 1;
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    const v = scored.scores[r * columnCount + c]!;
    if (!Number.isNaN(v)) {
      n += 1;
      sum += v;
    }
  }
  if (n === 0) return { n, mean: null, sd: null, rwg: null };
  let m = sum / n;
  let correction = 0;
  let squares = 0;
  for (const r of rows) {
    const v = scored.scores[r * columnCount + c]!;
    if (!Number.isNaN(v)) correction += v - m;
  }
  m += correction / n;
  for (const r of rows) {
    const v = scored.scores[r * columnCount + c]!;
    if (!Number.isNaN(v)) squares += (v - m) * (v - m);
  }
  return {
    n,
    mean: m,
    sd: n > 1 ? Math.sqrt(squares / (n - 1)) : null,
    rwg: describeAgreement(scored, rows, c, scalePoints),
  };
}

// rwg(j) over the column's items (James, Demaree & Wolf 1984). Like multilevel::rwg.j, only
// respondents who answered every item count (decision 006). Answers are small whole numbers, so
// the sums below are exact and the variances match a two-pass computation.
function describeAgreement(
  scored: ScoredWave,
  rows: readonly number[],
  c: number,
  scalePoints: number,
): number | null {
  const items = scored.plan.itemColumns[c]!;
  const itemCount = scored.plan.trustItems.length;
  const sums = new Float64Array(items.length);
  const squares = new Float64Array(items.length);
  let complete = 0;
  for (const r of rows) {
    const base = r * itemCount;
    let isComplete = true;
    for (const j of items) {
      if (Number.isNaN(scored.turned[base + j]!)) {
        isComplete = false;
        break;
      }
    }
    if (!isComplete) continue;
    complete += 1;
    for (let i = 0; i < items.length; i++) {
      const v = scored.turned[base + items[i]!]!;
      sums[i] = sums[i]! + v;
      squares[i] = squares[i]! + v * v;
    }
  }
  if (complete < 2 || items.length === 0) return null;
  let varianceSum = 0;
  for (let i = 0; i < items.length; i++) {
    varianceSum += (squares[i]! - (sums[i]! * sums[i]!) / complete) / (complete - 1);
  }
  return computeRwgJFromVariance(varianceSum / items.length, items.length, scalePoints);
}

// Cronbach's alpha of dimension d over every respondent of the wave who answered all its items,
// from per-item and total sums in one pass (exact for whole-number answers).
function describeReliability(scored: ScoredWave, d: number): { n: number; alpha: number | null } {
  const items = scored.plan.itemColumns[d]!;
  const itemCount = scored.plan.trustItems.length;
  const sums = new Float64Array(items.length);
  const squares = new Float64Array(items.length);
  let totalSum = 0;
  let totalSquares = 0;
  let n = 0;
  for (let r = 0; r < scored.count; r++) {
    const base = r * itemCount;
    let total = 0;
    let isComplete = true;
    for (const j of items) {
      const v = scored.turned[base + j]!;
      if (Number.isNaN(v)) {
        isComplete = false;
        break;
      }
      total += v;
    }
    if (!isComplete) continue;
    n += 1;
    totalSum += total;
    totalSquares += total * total;
    for (let i = 0; i < items.length; i++) {
      const v = scored.turned[base + items[i]!]!;
      sums[i] = sums[i]! + v;
      squares[i] = squares[i]! + v * v;
    }
  }
  if (n < 2) return { n, alpha: null };
  const variance = (sum: number, sumOfSquares: number) => (sumOfSquares - (sum * sum) / n) / (n - 1);
  let itemVarianceSum = 0;
  for (let i = 0; i < items.length; i++) itemVarianceSum += variance(sums[i]!, squares[i]!);
  return {
    n,
    alpha: computeCronbachAlphaFromVariances(items.length, itemVarianceSum, variance(totalSum, totalSquares)),
  };
}

/**
 * Change per rater side and column between two waves. Only on the same scale (a 1–5 mean minus a
 * 1–7 mean means nothing), and hidden whenever either wave hides that side's total: a shown
 * difference plus the other wave's shown mean would give the hidden one back.
 */
function compareWaves(from: WaveWithScores, to: WaveWithScores): Change[] {
  const k = Math.max(from.wave.anonymityThreshold, to.wave.anonymityThreshold);
  const changes: Change[] = [];
  const [a, b] = [from.wave.instrument.scale, to.wave.instrument.scale];
  if (a.min !== b.min || a.max !== b.max) return changes;
  const isHidden = (wave: WaveWithScores, side: Side, dimension: string) =>
    wave.analysis.sideCells.find((c) => c.side === side && c.dimension === dimension)?.suppressed ?? true;
  for (const side of SIDES) {
    for (const dimension of [...from.scored.plan.dimensionKeys, OVERALL]) {
      const before = columnScores(from.scored, side, dimension);
      const after = columnScores(to.scored, side, dimension);
      if (before === null || after === null) continue;
      const isSuppressed =
        before.length < k ||
        after.length < k ||
        isHidden(from, side, dimension) ||
        isHidden(to, side, dimension);
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

/** The side's respondent scores in a column; null when the wave's instrument lacks the dimension. */
function columnScores(scored: ScoredWave, side: Side, dimension: string): number[] | null {
  const keys = scored.plan.dimensionKeys;
  const c = dimension === OVERALL ? keys.length : keys.indexOf(dimension);
  if (c < 0) return null;
  const values: number[] = [];
  for (let r = 0; r < scored.count; r++) {
    if (scored.sides[r] !== side) continue;
    const v = scored.scores[r * (keys.length + 1) + c]!;
    if (!Number.isNaN(v)) values.push(v);
  }
  return values;
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
