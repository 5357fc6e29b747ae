import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import golden from './__golden__/statistics.json' with { type: 'json' };
import { computeCronbachAlpha } from './cronbach-alpha.ts';
import { mean, sampleSd, sampleVariance } from './descriptive.ts';
import { computeHedgesG } from './hedges-g.ts';
import { computeRwgJ } from './rwg.ts';
import { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './student-t.ts';
import { computeWelchInterval } from './welch.ts';

// Golden values come from R (scripts/golden/make-statistics-golden.R); these tests do not need R.

/** |actual − expected| ≤ 1e-9 · max(1, |expected|): relative for large values, absolute near 0. */
function expectClose(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

describe('descriptive against R mean/var/sd', () => {
  test.each(golden.descriptive)('$name', ({ xs, mean: m, variance, sd }) => {
    expectClose(mean(xs), m);
    expectClose(sampleVariance(xs), variance);
    expectClose(sampleSd(xs), sd);
  });
});

describe('rwg(j) against multilevel::rwg.j', () => {
  test.each(golden.rwgJ)('$name', ({ rows, scalePoints, expected }) => {
    expectClose(computeRwgJ(rows, scalePoints), expected);
  });
});

describe("Cronbach's alpha against psych::alpha raw_alpha", () => {
  test.each(golden.cronbachAlpha)('$name', ({ rows, expected }) => {
    expectClose(computeCronbachAlpha(rows), expected);
  });
});

describe('Student t against R pt/qt/pbeta', () => {
  test.each(golden.studentTCdf)('pt($t, $df)', ({ t, df, p }) => {
    // Relative tolerance so that tiny tail probabilities are checked too.
    expect(Math.abs(studentTCdf(t, df) - p)).toBeLessThanOrEqual(1e-10 * p + 1e-300);
  });
  test.each(golden.studentTQuantile)('qt($p, $df)', ({ p, df, q }) => {
    expect(Math.abs(studentTQuantile(p, df) - q)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(q)));
  });
  test.each(golden.incompleteBeta)('pbeta($x, $a, $b)', ({ x, a, b, value }) => {
    expect(Math.abs(regularizedIncompleteBeta(x, a, b) - value)).toBeLessThanOrEqual(1e-10 * value + 1e-300);
  });
  test.each([
    [0, -Infinity],
    [1, Infinity],
    [0.5, 0],
  ])('qt(%d) is %d', (p, q) => {
    expect(studentTQuantile(p, 3.5)).toBe(q);
  });
});

describe('Welch interval against t.test(to, from)$conf.int', () => {
  test.each(golden.welch)('$name at $confidence', ({ from, to, confidence, expected }) => {
    const actual = computeWelchInterval(from, to, confidence);
    if (expected === null) {
      expect(actual).toBeNull();
      return;
    }
    expect(actual).not.toBeNull();
    for (const key of ['diff', 'ciLow', 'ciHigh', 'df', 'se'] as const)
      expectClose(actual![key], expected[key]);
  });
});

describe("Hedges' g against the formula computed in R", () => {
  test.each(golden.hedgesG)('$name', ({ from, to, expected }) => {
    expectClose(computeHedgesG(from, to), expected);
  });
  test.each([
    ['empty from', [], [1, 2, 3]],
    ['one each', [1], [2]],
    ['no spread', [3, 3], [3, 3, 3]],
  ])('null when undefined: %s', (_label, from, to) => {
    expect(computeHedgesG(from, to)).toBeNull();
  });
});

const likert = (points: number) => fc.integer({ min: 1, max: points });

describe('properties', () => {
  test('rwg(j) lies in [0, 1] or is null', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 11 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 30 }),
        fc.infiniteStream(fc.option(fc.integer({ min: 1, max: 11 }), { freq: 8 })),
        (points, items, respondents, values) => {
          const rows = Array.from({ length: respondents }, () =>
            Array.from({ length: items }, () => {
              const v = values.next().value as number | null;
              return v === null ? null : Math.min(v, points);
            }),
          );
          const rwg = computeRwgJ(rows, points);
          if (rwg !== null) {
            expect(rwg).toBeGreaterThanOrEqual(0);
            expect(rwg).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  test('rwg(j) is 1 when everyone gives the same answers', () => {
    fc.assert(
      fc.property(
        fc.array(likert(7), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 2, max: 20 }),
        (row, n) => {
          expect(
            computeRwgJ(
              Array.from({ length: n }, () => row),
              7,
            ),
          ).toBe(1);
        },
      ),
    );
  });

  test('alpha is unchanged when a constant is added to every value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(likert(7), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: -10, max: 10 }),
        (rows, shift) => {
          const alpha = computeCronbachAlpha(rows);
          const shifted = computeCronbachAlpha(rows.map((row) => row.map((v) => v + shift)));
          if (alpha === null) expect(shifted).toBeNull();
          else expect(shifted).toBeCloseTo(alpha, 9);
        },
      ),
    );
  });

  test('the Welch interval contains diff and is symmetric around it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 7, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.array(fc.double({ min: 1, max: 7, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (from, to, confidence) => {
          const interval = computeWelchInterval(from, to, confidence);
          if (interval === null) return;
          expect(interval.ciLow).toBeLessThanOrEqual(interval.diff);
          expect(interval.ciHigh).toBeGreaterThanOrEqual(interval.diff);
          expect(interval.diff - interval.ciLow).toBeCloseTo(interval.ciHigh - interval.diff, 9);
        },
      ),
    );
  });

  test('the t quantile inverts the t CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0.3, max: 500, noNaN: true }),
        (p, df) => {
          const q = studentTQuantile(p, df);
          expect(Math.abs(studentTCdf(q, df) - p)).toBeLessThanOrEqual(1e-12 + 1e-10 * Math.min(p, 1 - p));
        },
      ),
    );
  });

  test('Hedges g changes sign when the groups are swapped', () => {
    fc.assert(
      fc.property(
        fc.array(likert(5), { minLength: 2, maxLength: 20 }),
        fc.array(likert(5), { minLength: 2, maxLength: 20 }),
        (from, to) => {
          const g = computeHedgesG(from, to);
          const swapped = computeHedgesG(to, from);
          if (g === null) expect(swapped).toBeNull();
          else expect(swapped).toBeCloseTo(-g, 12);
        },
      ),
    );
  });
});
