// Descriptive statistics. Empty input gives null rather than NaN, so callers must decide what an
// absent value means instead of letting NaN leak into scores.

/** Arithmetic mean; null for an empty list. Two-pass refinement as in R's `mean`. */
export function mean(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n === 0) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  const first = sum / n;
  // Second pass corrects the rounding of the first (R's summary.c does the same).
  let correction = 0;
  for (const x of xs) correction += x - first;
  return first + correction / n;
}

/** Sample variance with the n − 1 denominator (Bessel's correction); null when n < 2. */
export function sampleVariance(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const m = mean(xs)!;
  // Two-pass algorithm (Chan, Golub & LeVeque 1983): sum of squared deviations from the mean.
  let squares = 0;
  for (const x of xs) squares += (x - m) ** 2;
  return squares / (n - 1);
}

/** Sample standard deviation, the square root of `sampleVariance`; null when n < 2. */
export function sampleSd(xs: readonly number[]): number | null {
  const variance = sampleVariance(xs);
  return variance === null ? null : Math.sqrt(variance);
}
