import { sampleVariance } from './descriptive.ts';

/**
 * Cronbach's alpha from raw scores (psych::alpha's `raw_alpha`).
 *
 * `rows` are complete respondents (the caller drops incomplete ones), columns the items.
 * Null when alpha is undefined: fewer than two items, fewer than two rows, or no variance in the
 * total score. Alpha is not truncated: it can be negative when items correlate negatively.
 */
export function computeCronbachAlpha(rows: ReadonlyArray<ReadonlyArray<number>>): number | null {
  const first = rows[0];
  if (first === undefined || rows.length < 2) return null;
  const itemCount = first.length;
  if (itemCount < 2) return null;
  for (const row of rows) {
    if (row.length !== itemCount) throw new Error('computeCronbachAlpha: every row needs one value per item');
  }

  let itemVarianceSum = 0;
  for (let j = 0; j < itemCount; j++) {
    itemVarianceSum += sampleVariance(rows.map((row) => row[j]!))!;
  }
  // Variance of the total score = sum of all entries of the item covariance matrix.
  const totalVariance = sampleVariance(rows.map((row) => row.reduce((sum, v) => sum + v, 0)))!;
  return computeCronbachAlphaFromVariances(itemCount, itemVarianceSum, totalVariance);
}

/**
 * Alpha from the sum of the item variances and the variance of the total score, for callers that
 * accumulate those in one pass over their own arrays. Null without variance in the total.
 */
export function computeCronbachAlphaFromVariances(
  itemCount: number,
  itemVarianceSum: number,
  totalVariance: number,
): number | null {
  if (itemCount < 2 || !(totalVariance > 0)) return null;
  // α = k/(k − 1) · (1 − Σ s²ᵢ / s²ₜ) (Cronbach 1951).
  return (itemCount / (itemCount - 1)) * (1 - itemVarianceSum / totalVariance);
}
