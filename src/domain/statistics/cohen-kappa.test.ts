import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import golden from './__golden__/cohen-kappa.json' with { type: 'json' };
import { computeCohenKappa, kappaBand } from './cohen-kappa.ts';

// Golden values come from R (scripts/golden/cohen-kappa.R, psych::cohen.kappa); no R needed here.

function closeTo(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected)),
  );
}

function pairsOf(a: readonly string[], b: readonly string[]): Array<[string, string]> {
  return a.map((code, i) => [code, b[i]!]);
}

describe("Cohen's kappa against psych::cohen.kappa", () => {
  test.each(golden.cohenKappa)('$name', ({ a, b, n, observed, expected, kappa }) => {
    const result = computeCohenKappa(pairsOf(a, b));
    expect(result.n).toBe(n);
    closeTo(result.observed, observed);
    closeTo(result.expected, expected);
    closeTo(result.kappa, kappa);
  });

  test('the fixtures cover perfect, chance, worse than chance and undefined', () => {
    const kappas = golden.cohenKappa.map((c) => c.kappa);
    expect(kappas).toContain(1);
    expect(kappas).toContain(0);
    expect(kappas).toContain(null);
    expect(kappas.some((k) => k !== null && k < 0)).toBe(true);
  });
});

describe('when kappa is undefined', () => {
  test('no items', () => {
    expect(computeCohenKappa([])).toEqual({
      n: 0,
      observed: null,
      expected: null,
      kappa: null,
      reason: 'no-items',
    });
  });
  test('both coders used one and the same category', () => {
    expect(
      computeCohenKappa([
        ['x', 'x'],
        ['x', 'x'],
      ]),
    ).toMatchObject({ kappa: null, reason: 'one-category' });
  });
  test('two coders each using a different single category disagree completely: κ = 0', () => {
    expect(
      computeCohenKappa([
        ['x', 'y'],
        ['x', 'y'],
      ]),
    ).toMatchObject({ observed: 0, kappa: 0, reason: null });
  });
});

describe('invariants', () => {
  const codes = fc.constantFrom('a', 'b', 'c', 'd');
  const pairs = fc.array(fc.tuple(codes, codes), { minLength: 1, maxLength: 40 });

  test('κ is symmetric in the two coders and never above 1', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const forward = computeCohenKappa(list);
        const backward = computeCohenKappa(list.map(([a, b]) => [b, a] as [string, string]));
        expect(backward.kappa === null).toBe(forward.kappa === null);
        if (forward.kappa !== null) {
          expect(Math.abs(forward.kappa - backward.kappa!)).toBeLessThan(1e-12);
          expect(forward.kappa).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  test('a coder compared with themself agrees perfectly unless one category only', () => {
    fc.assert(
      fc.property(fc.array(codes, { minLength: 1, maxLength: 40 }), (list) => {
        const result = computeCohenKappa(list.map((c) => [c, c] as [string, string]));
        expect(result.kappa).toBe(new Set(list).size === 1 ? null : 1);
      }),
    );
  });
});

describe('Landis & Koch bands', () => {
  test.each([
    [-0.1, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.21, 'fair'],
    [0.5, 'moderate'],
    [0.61, 'substantial'],
    [0.8, 'substantial'],
    [0.81, 'almost perfect'],
    [1, 'almost perfect'],
  ] as const)('%d is %s', (kappa, band) => {
    expect(kappaBand(kappa)).toBe(band);
  });
});
