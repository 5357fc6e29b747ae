import { mean, sampleVariance } from './descriptive.ts';

/**
 * Hedges' g for the change from `from` to `to`: (mean(to) − mean(from)) / pooled SD × J.
 *
 * Pooled SD = √(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2)); a group of one contributes no variance but
 * counts in n. Null when it is undefined: an empty group, n₁ + n₂ < 3, or a pooled SD of zero.
 * Note: psych::cohen.d's `hedges.g` is the uncorrected d (no J); this function applies J.
 */
export function computeHedgesG(from: readonly number[], to: readonly number[]): number | null {
  const n1 = from.length;
  const n2 = to.length;
  if (n1 === 0 || n2 === 0 || n1 + n2 < 3) return null;
  const pooledSquares = (n1 - 1) * (sampleVariance(from) ?? 0) + (n2 - 1) * (sampleVariance(to) ?? 0);
  const pooledSd = Math.sqrt(pooledSquares / (n1 + n2 - 2));
  if (pooledSd === 0) return null;
  // Small-sample correction J = 1 − 3/(4(n₁+n₂) − 9) (Hedges 1981; Hedges & Olkin 1985).
  const correction = 1 - 3 / (4 * (n1 + n2) - 9);
  return ((mean(to)! - mean(from)!) / pooledSd) * correction;
}
