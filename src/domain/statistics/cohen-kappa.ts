/**
 * Cohen's kappa for two coders who each put the same n items into one of several nominal
 * categories (Cohen 1960), unweighted, as psych::cohen.kappa computes it:
 * κ = (pₒ − pₑ) / (1 − pₑ), pₒ the share of items coded alike, pₑ = Σ_k p(a=k)·p(b=k).
 *
 * κ is null when it is 0/0: no items, or both coders used one and the same category for every
 * item (pₑ = 1; R gives NA). `reason` then says which, so a screen can explain the gap.
 */
export type CohenKappa = {
  n: number;
  /** pₒ, or null without items. */
  observed: number | null;
  /** pₑ, or null without items. */
  expected: number | null;
  kappa: number | null;
  reason: 'no-items' | 'one-category' | null;
};

export function computeCohenKappa(pairs: ReadonlyArray<readonly [string, string]>): CohenKappa {
  const n = pairs.length;
  if (n === 0) return { n, observed: null, expected: null, kappa: null, reason: 'no-items' };
  const countsA = new Map<string, number>();
  const countsB = new Map<string, number>();
  let alike = 0;
  for (const [a, b] of pairs) {
    if (a === b) alike++;
    countsA.set(a, (countsA.get(a) ?? 0) + 1);
    countsB.set(b, (countsB.get(b) ?? 0) + 1);
  }
  const observed = alike / n;
  let expected = 0;
  for (const [category, countA] of countsA) expected += (countA / n) * ((countsB.get(category) ?? 0) / n);
  // pₑ = 1 only when both coders used one and the same category: every term is then exactly 1·1.
  if (countsA.size === 1 && countsB.size === 1 && expected === 1) {
    return { n, observed, expected, kappa: null, reason: 'one-category' };
  }
  return { n, observed, expected, kappa: (observed - expected) / (1 - expected), reason: null };
}

export type KappaBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

/**
 * The plain-language band of a kappa (Landis & Koch 1977): below 0 poor, 0–0.20 slight,
 * 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect.
 */
export function kappaBand(kappa: number): KappaBand {
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}
