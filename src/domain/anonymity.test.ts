import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CountTable, OVERALL_COLUMN, type SuppressedTable, suppressTable } from './anonymity.ts';
import { LEVELS, type Level } from './model.ts';

type Row = Level | 'total';
type Cell = { row: Row; column: string };

/** A table with one dimension `d` and an overall column with the same n's (everyone answered `d`). */
function oneDimension(leadership: number, operational: number, staff: number): CountTable {
  return {
    dimensions: ['d'],
    levels: {
      leadership: { d: leadership, overall: leadership },
      operational: { d: operational, overall: operational },
      staff: { d: staff, overall: staff },
    },
  };
}

/** Hidden cells of one column, as `level` names plus `total`. */
function hiddenIn(result: SuppressedTable, column: string): string[] {
  const hidden: string[] = LEVELS.filter((level) => result.cells[level][column]?.suppressed);
  if (result.totals[column]?.suppressed) hidden.push('total');
  return hidden;
}

describe('suppressTable: one column', () => {
  test.each([
    { counts: [5, 8, 20], k: 3, hidden: [], why: 'every cell has n ≥ k' },
    { counts: [3, 3, 3], k: 3, hidden: [], why: 'n = k is enough' },
    {
      counts: [2, 8, 20],
      k: 3,
      hidden: ['leadership', 'operational'],
      why: 'one hidden cell needs a partner',
    },
    { counts: [2, 20, 8], k: 3, hidden: ['leadership', 'staff'], why: 'the partner is the smallest shown n' },
    { counts: [2, 8, 8], k: 3, hidden: ['leadership', 'operational'], why: 'ties go to level order' },
    { counts: [1, 1, 20], k: 3, hidden: ['leadership', 'operational', 'staff'], why: 'hidden n 2 < k' },
    { counts: [1, 2, 20], k: 3, hidden: ['leadership', 'operational'], why: 'hidden n 3 ≥ k' },
    {
      counts: [4, 4, 4],
      k: 5,
      hidden: ['leadership', 'operational', 'staff'],
      why: 'all too few, total 12 shown',
    },
    {
      counts: [1, 1, 0],
      k: 3,
      hidden: ['leadership', 'operational', 'staff', 'total'],
      why: 'total n 2 < k',
    },
    { counts: [2, 0, 0], k: 3, hidden: ['leadership', 'operational', 'staff', 'total'], why: 'total n < k' },
    { counts: [2, 5, 0], k: 3, hidden: ['leadership', 'operational', 'staff'], why: 'n = 0 is no partner' },
    { counts: [0, 5, 9], k: 3, hidden: ['leadership'], why: 'an empty cell has no mean to protect' },
    { counts: [0, 0, 0], k: 3, hidden: ['leadership', 'operational', 'staff', 'total'], why: 'nobody' },
  ])('$counts with k=$k hides $hidden: $why', ({ counts, k, hidden }) => {
    const [leadership = 0, operational = 0, staff = 0] = counts;
    const result = suppressTable(oneDimension(leadership, operational, staff), k);
    expect(hiddenIn(result, 'd')).toEqual(hidden);
    expect(hiddenIn(result, OVERALL_COLUMN)).toEqual(hidden);
  });

  test('an empty cell shows no mean, but its total n of 0 needs no protection', () => {
    expect(suppressTable(oneDimension(0, 5, 9), 3).cells.leadership.d).toEqual({
      n: 0,
      suppressed: true,
      reason: 'too-few',
    });
  });

  test('a single hidden cell with n ≥ k still needs its total hidden when no other cell can partner it', () => {
    // Leadership is hidden only because its row has a hidden dimension; in `overall` it is alone.
    const table: CountTable = {
      dimensions: ['a', 'b'],
      levels: {
        leadership: { a: 5, b: 1, overall: 5 },
        operational: { a: 4 },
        staff: { a: 6 },
      },
    };
    const result = suppressTable(table, 3);
    expect(result.cells.leadership.overall).toEqual({ n: 5, suppressed: true, reason: 'complementary' });
    expect(result.totals.overall).toEqual({ n: 5, suppressed: true, reason: 'complementary' });
  });

  test('reasons tell primary from complementary suppression', () => {
    const result = suppressTable(oneDimension(2, 8, 20), 3);
    expect(result.cells.leadership.d).toEqual({ n: 2, suppressed: true, reason: 'too-few' });
    expect(result.cells.operational.d).toEqual({ n: 8, suppressed: true, reason: 'complementary' });
    expect(result.cells.staff.d).toEqual({ n: 20, suppressed: false, reason: null });
    expect(result.totals.d).toEqual({ n: 30, suppressed: false, reason: null });
  });
});

describe('suppressTable: rows and the overall column', () => {
  test('a hidden dimension cell hides its row overall, and the overall column then needs a partner', () => {
    // Leadership skipped integrity items: only 2 scores there, 4 everywhere else.
    const table: CountTable = {
      dimensions: ['competence', 'integrity'],
      levels: {
        leadership: { competence: 4, integrity: 2, overall: 4 },
        operational: { competence: 10, integrity: 10, overall: 10 },
        staff: { competence: 6, integrity: 6, overall: 6 },
      },
    };
    const result = suppressTable(table, 3);
    expect(hiddenIn(result, 'competence')).toEqual([]);
    expect(hiddenIn(result, 'integrity')).toEqual(['leadership', 'staff']);
    expect(result.cells.leadership.overall?.reason).toBe('complementary');
    expect(result.cells.staff.overall?.reason).toBe('complementary');
    expect(hiddenIn(result, OVERALL_COLUMN)).toEqual(['leadership', 'staff']);
  });

  test('a hidden overall whose dimensions are all shown would be recomputed, so a dimension goes too', () => {
    // Inconsistent but possible input: the overall n is below k while every dimension has n ≥ k.
    const table: CountTable = {
      dimensions: ['a', 'b'],
      levels: {
        leadership: { a: 3, b: 4, overall: 2 },
        operational: { a: 10, b: 10, overall: 10 },
        staff: { a: 10, b: 12, overall: 12 },
      },
    };
    const result = suppressTable(table, 3);
    expect(result.cells.leadership.a).toEqual({ n: 3, suppressed: true, reason: 'complementary' });
    expect(result.cells.leadership.b?.suppressed).toBe(false);
  });

  test('a hidden total dimension hides the total overall', () => {
    // Only leadership answered `rare`; its total (n 2) is too few, so the side's overall total is
    // hidden too, or it would give the total of `rare` back.
    const table: CountTable = {
      dimensions: ['common', 'rare'],
      levels: {
        leadership: { common: 5, rare: 2, overall: 5 },
        operational: { common: 9, overall: 9 },
        staff: { common: 12, overall: 12 },
      },
    };
    const result = suppressTable(table, 3);
    expect(result.totals.rare).toEqual({ n: 2, suppressed: true, reason: 'too-few' });
    expect(result.totals.overall).toEqual({ n: 26, suppressed: true, reason: 'complementary' });
    expect(result.cells.leadership.overall?.suppressed).toBe(true);
    expect(result.cells.operational.overall?.suppressed).toBe(false);
  });

  test('columns list the dimensions then overall', () => {
    expect(suppressTable(oneDimension(5, 5, 5), 3).columns).toEqual(['d', 'overall']);
  });
});

describe('suppressTable: bad input is a bug', () => {
  test.each([2, 11, 3.5])('threshold %s is refused', (k) => {
    expect(() => suppressTable(oneDimension(5, 5, 5), k)).toThrow(RangeError);
  });
  test('a negative or fractional n is refused', () => {
    expect(() => suppressTable(oneDimension(-1, 5, 5), 3)).toThrow(RangeError);
    expect(() => suppressTable(oneDimension(1.5, 5, 5), 3)).toThrow(RangeError);
  });
  test('`overall` cannot be a dimension', () => {
    expect(() => suppressTable({ ...oneDimension(5, 5, 5), dimensions: ['overall'] }, 3)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// The attacker: knows every n, every shown mean and every shown total, and repeatedly solves any
// equation with exactly one unknown mean. Column: N·total = Σ n_level·mean. Row (levels and the
// totals row): Σn_dim·overall = Σ n_dim·mean_dim, i.e. the overall taken as the n-weighted mean
// of the row's dimension cells — stronger than reality, so conservative.

type Published = {
  dimensions: readonly string[];
  n: (cell: Cell) => number;
  isShown: (cell: Cell) => boolean;
  mean: (cell: Cell) => number;
};

type Term = { cell: Cell; weight: number };
type LinearEquation = { aggregate: Term; parts: Term[] };

const ROWS: readonly Row[] = [...LEVELS, 'total'];
const id = (cell: Cell): string => `${cell.row}/${cell.column}`;

function equationsOf(published: Published): LinearEquation[] {
  const { dimensions, n } = published;
  const equations: LinearEquation[] = [];
  for (const column of [...dimensions, OVERALL_COLUMN]) {
    const total = { row: 'total', column } as const;
    const parts = LEVELS.map((row) => ({ cell: { row, column }, weight: n({ row, column }) }));
    equations.push({ aggregate: { cell: total, weight: n(total) }, parts });
  }
  for (const row of ROWS) {
    const parts = dimensions.map((column) => ({ cell: { row, column }, weight: n({ row, column }) }));
    const weight = parts.reduce((sum, part) => sum + part.weight, 0);
    if (n({ row, column: OVERALL_COLUMN }) > 0) {
      equations.push({ aggregate: { cell: { row, column: OVERALL_COLUMN }, weight }, parts });
    }
  }
  // A cell with n = 0 has no mean: it drops out of its equation.
  return equations
    .map(({ aggregate, parts }) => ({ aggregate, parts: parts.filter((part) => part.weight > 0) }))
    .filter(({ aggregate, parts }) => aggregate.weight > 0 && parts.length > 0);
}

/** Everything the attacker can learn, with the values it computes; plus what is left unknown. */
function attack(published: Published) {
  const equations = equationsOf(published);
  const known = new Map<string, number>();
  for (const equation of equations) {
    for (const { cell } of [equation.aggregate, ...equation.parts]) {
      if (published.isShown(cell)) known.set(id(cell), published.mean(cell));
    }
  }
  const learned = new Map<string, number>();
  let isProgressing = true;
  while (isProgressing) {
    isProgressing = false;
    for (const { aggregate, parts } of equations) {
      // aggregate.weight·aggregate − Σ part.weight·part = 0
      const terms = [{ ...aggregate, sign: 1 }, ...parts.map((part) => ({ ...part, sign: -1 }))];
      const unknown = terms.filter((term) => !known.has(id(term.cell)));
      const [only] = unknown;
      if (unknown.length !== 1 || only === undefined) continue;
      const rest = terms
        .filter((term) => term !== only)
        .reduce((sum, term) => sum + term.sign * term.weight * (known.get(id(term.cell)) ?? 0), 0);
      const value = -rest / (only.sign * only.weight);
      known.set(id(only.cell), value);
      learned.set(id(only.cell), value);
      isProgressing = true;
    }
  }
  const unknownGroups = equations
    .filter(({ aggregate }) => known.has(id(aggregate.cell)))
    .map(({ parts }) => parts.filter((part) => !known.has(id(part.cell))))
    .filter((group) => group.length > 0);
  return { learned, unknownGroups };
}

/** Means consistent with the attacker's equations, so every learned value is the true one. */
function consistentMeans(dimensions: readonly string[], n: (cell: Cell) => number, dimMeans: number[]) {
  const means = new Map<string, number>();
  let i = 0;
  for (const row of LEVELS) {
    for (const column of dimensions) means.set(id({ row, column }), dimMeans[i++] ?? 50);
  }
  const weighted = (cells: Cell[]): number => {
    const weight = cells.reduce((sum, cell) => sum + n(cell), 0);
    const sum = cells.reduce((acc, cell) => acc + n(cell) * (means.get(id(cell)) ?? 0), 0);
    return weight > 0 ? sum / weight : 0;
  };
  for (const column of dimensions) {
    means.set(id({ row: 'total', column }), weighted(LEVELS.map((row) => ({ row, column }))));
  }
  for (const row of ROWS) {
    means.set(id({ row, column: OVERALL_COLUMN }), weighted(dimensions.map((column) => ({ row, column }))));
  }
  return (cell: Cell): number => means.get(id(cell)) ?? 0;
}

function publish(table: CountTable, result: SuppressedTable, mean: (cell: Cell) => number): Published {
  const stateOf = (cell: Cell) =>
    cell.row === 'total' ? result.totals[cell.column] : result.cells[cell.row][cell.column];
  return {
    dimensions: table.dimensions,
    n: (cell) => stateOf(cell)?.n ?? 0,
    isShown: (cell) => stateOf(cell)?.suppressed === false,
    mean,
  };
}

const tableArbitrary = fc.integer({ min: 1, max: 4 }).chain((dimensionCount) => {
  const dimensions = Array.from({ length: dimensionCount }, (_, i) => `d${i}`);
  const countRow = fc.record(
    Object.fromEntries([...dimensions, OVERALL_COLUMN].map((key) => [key, fc.integer({ min: 0, max: 12 })])),
  );
  return fc.record({
    table: fc.record({
      dimensions: fc.constant(dimensions),
      levels: fc.record({ leadership: countRow, operational: countRow, staff: countRow }),
    }),
    means: fc.array(fc.double({ min: 1, max: 7, noNaN: true }), {
      minLength: 3 * dimensionCount,
      maxLength: 3 * dimensionCount,
    }),
    k: fc.integer({ min: 3, max: 10 }),
  });
});

describe('suppressTable against an attacker', () => {
  test('the attacker really recovers a mean when only primary suppression is applied', () => {
    // Guards the property below: an attacker that can never learn anything proves nothing.
    const table = oneDimension(2, 8, 20);
    const n = (cell: Cell) => (cell.row === 'total' ? 30 : (table.levels[cell.row][cell.column] ?? 0));
    const mean = consistentMeans(table.dimensions, n, [3.5, 5.25, 6]);
    const { learned } = attack({
      dimensions: table.dimensions,
      n,
      isShown: (cell) => n(cell) >= 3,
      mean,
    });
    expect(learned.get('leadership/d')).toBeCloseTo(3.5, 9);
  });

  test('no hidden mean is ever learned, and any learned combination covers at least k respondents', () => {
    fc.assert(
      fc.property(tableArbitrary, ({ table, means, k }) => {
        const result = suppressTable(table, k);
        const published = publish(table, result, () => 0);
        const mean = consistentMeans(table.dimensions, published.n, means);
        const { learned, unknownGroups } = attack({ ...published, mean });

        expect([...learned.keys()]).toEqual([]);
        for (const group of unknownGroups) {
          expect(group.length).toBeGreaterThanOrEqual(2);
          expect(group.reduce((sum, part) => sum + part.weight, 0)).toBeGreaterThanOrEqual(k);
        }
        for (const row of ROWS) {
          for (const column of result.columns) {
            const cell = { row, column };
            if (published.isShown(cell)) expect(published.n(cell)).toBeGreaterThanOrEqual(k);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
