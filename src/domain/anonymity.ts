import { LEVELS, type Level, MAX_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD } from './model.ts';

// Which cells of one wave's table for one rater side may show a mean (PRODUCT.md, "anonymity").
//
// The table: rows are the levels plus a totals row (all levels of the side); columns are the
// instrument's dimensions plus `overall`. Every cell has n, the respondents with a score there.
// The n's are public (response tracking shows them); means are what we protect.
//
// Two kinds of equation let a reader combine shown means, and every rule below exists to keep
// them from revealing a hidden one (a hidden cell with n = 0 has no mean and is not an unknown):
//   column: total·N = Σ n_level·mean_level     (the total is the n-weighted mean of its levels)
//   row:    overall·Σn = Σ n_dim·mean_dim      (conservatively, a row's overall is taken as the
//                                               n-weighted mean of its dimension cells)
//
// Rules, applied to a fixed point because one can trigger another:
//   1. primary — a cell or total with n < k is suppressed ('too-few': no mean, SD or rwg).
//   2. column — if the column total is shown and its hidden level cells are exactly one, or their
//      combined n is < k, suppress the shown level cell with the smallest n (ties: level order).
//      With no shown level cell left, suppress the total instead: a shown total over a single
//      hidden cell would be that cell's mean. If the total is hidden but every level cell is
//      shown, the total can be recomputed, so a level cell is suppressed the same way.
//   3. row — if any dimension cell of a row is hidden, the row's `overall` is suppressed too (the
//      totals row included). If a row's `overall` is hidden while all its dimensions are shown, it
//      can be recomputed from them, so the dimension cell with the smallest n is suppressed
//      (ties: dimension order).
// After the fixed point, no equation has exactly one unknown, and a shown total never exposes a
// hidden group of combined n < k. This protects against solving one equation at a time (what a
// reader with a spreadsheet does). A full linear solver combining several equations could in
// rare tables do more; in real data a row's overall is not exactly that weighted mean, so those
// systems are inexact.
//
// Column totals are derived from the level counts rather than passed in: the column equation
// holds only because the total's n is the sum of the levels' n, so a second number could only
// disagree with it.

export const OVERALL_COLUMN = 'overall';

export type CountTable = {
  /** Dimension keys in instrument order (tie-breaking follows it); `overall` is implied. */
  dimensions: readonly string[];
  /** n per level and column key (a dimension key or `overall`); a missing key means n = 0. */
  levels: Record<Level, Record<string, number>>;
};

export type SuppressionReason = 'too-few' | 'complementary';

export type CellSuppression = { n: number; suppressed: boolean; reason: SuppressionReason | null };

export type SuppressedTable = {
  /** The dimension keys followed by `overall`. */
  columns: string[];
  cells: Record<Level, Record<string, CellSuppression>>;
  /** The side's totals over all levels, per column. */
  totals: Record<string, CellSuppression>;
};

type RowKey = Level | 'total';

type Equation = { kind: 'column' | 'row'; aggregate: string; parts: string[] };

const ROWS: readonly RowKey[] = [...LEVELS, 'total'];

function keyOf(row: RowKey, column: string): string {
  return `${row}\u0000${column}`;
}

export function suppressTable(table: CountTable, k: number): SuppressedTable {
  if (!Number.isInteger(k) || k < MIN_ANONYMITY_THRESHOLD || k > MAX_ANONYMITY_THRESHOLD) {
    throw new RangeError(
      `anonymity threshold must be an integer from ${MIN_ANONYMITY_THRESHOLD} to ${MAX_ANONYMITY_THRESHOLD}, got ${k}`,
    );
  }
  if (table.dimensions.includes(OVERALL_COLUMN)) {
    throw new Error(`"${OVERALL_COLUMN}" is implied and cannot be a dimension key`);
  }
  const columns = [...table.dimensions, OVERALL_COLUMN];

  const counts = new Map<string, number>();
  for (const column of columns) {
    let total = 0;
    for (const level of LEVELS) {
      const n = table.levels[level][column] ?? 0;
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
      counts.set(keyOf(level, column), n);
      total += n;
    }
    counts.set(keyOf('total', column), total);
  }
  const countOf = (key: string): number => counts.get(key) ?? 0;

  const reasons = new Map<string, SuppressionReason>();
  for (const [key, n] of counts) if (n < k) reasons.set(key, 'too-few');
  const isHidden = (key: string): boolean => reasons.has(key);

  // Cells with n = 0 carry no mean, so they are neither unknowns nor anything to protect.
  const equations: Equation[] = [];
  const addEquation = (kind: Equation['kind'], aggregate: string, parts: string[]): void => {
    const present = parts.filter((part) => countOf(part) > 0);
    if (countOf(aggregate) > 0 && present.length > 0) equations.push({ kind, aggregate, parts: present });
  };
  for (const column of columns) {
    addEquation(
      'column',
      keyOf('total', column),
      LEVELS.map((level) => keyOf(level, column)),
    );
  }
  for (const row of ROWS) {
    addEquation(
      'row',
      keyOf(row, OVERALL_COLUMN),
      table.dimensions.map((dimension) => keyOf(row, dimension)),
    );
  }

  let isChanged = true;
  while (isChanged) {
    isChanged = false;
    for (const equation of equations) {
      const next = findCellToSuppress(equation, k, isHidden, countOf);
      if (next !== null) {
        reasons.set(next, 'complementary');
        isChanged = true;
      }
    }
  }

  const describe = (key: string): CellSuppression => {
    const reason = reasons.get(key) ?? null;
    return { n: countOf(key), suppressed: reason !== null, reason };
  };
  const rowOf = (row: RowKey): Record<string, CellSuppression> =>
    Object.fromEntries(columns.map((column) => [column, describe(keyOf(row, column))]));
  return {
    columns,
    cells: { leadership: rowOf('leadership'), operational: rowOf('operational'), staff: rowOf('staff') },
    totals: rowOf('total'),
  };
}

/** The next cell to hide so this equation reveals nothing, or null if it is already safe. */
function findCellToSuppress(
  equation: Equation,
  k: number,
  isHidden: (key: string) => boolean,
  countOf: (key: string) => number,
): string | null {
  const isAggregateHidden = isHidden(equation.aggregate);
  const hiddenParts = equation.parts.filter(isHidden);
  const shownParts = equation.parts.filter((part) => !isHidden(part));
  const unknowns = hiddenParts.length + (isAggregateHidden ? 1 : 0);
  if (unknowns === 0) return null;

  if (equation.kind === 'row') {
    if (!isAggregateHidden) return equation.aggregate;
    if (hiddenParts.length > 0) return null;
    return smallest(shownParts, countOf);
  }

  const hiddenN = hiddenParts.reduce((sum, part) => sum + countOf(part), 0);
  const isLeaking = unknowns === 1 || (!isAggregateHidden && hiddenN < k);
  if (!isLeaking) return null;
  return shownParts.length > 0 ? smallest(shownParts, countOf) : equation.aggregate;
}

/** The cell with the smallest n; ties go to the earliest, so callers pass cells in display order. */
function smallest(keys: string[], countOf: (key: string) => number): string | null {
  let best: string | null = null;
  for (const key of keys) if (best === null || countOf(key) < countOf(best)) best = key;
  return best;
}
