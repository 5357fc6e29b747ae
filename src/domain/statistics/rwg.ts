import { sampleVariance } from './descriptive.ts';

/**
 * Within-group agreement rwg(j) over the J items of one dimension.
 *
 * `rows` are the respondents of one group, columns the J items (values already reverse-turned),
 * `null` = not answered. `scalePoints` is A, the number of response options (max − min + 1).
 *
 * Missing values follow R's `multilevel::rwg.j` (2.7) exactly: it calls `na.exclude` on the
 * group's data, so a respondent with ANY unanswered item of the dimension is dropped entirely
 * (listwise deletion), and the result is undefined (R: NA, here null) when fewer than two
 * complete respondents remain. When the mean observed variance exceeds the uniform null variance
 * it is capped at that variance, which sets rwg(j) to 0; the result therefore lies in [0, 1].
 */
export function computeRwgJ(
  rows: ReadonlyArray<ReadonlyArray<number | null>>,
  scalePoints: number,
): number | null {
  const first = rows[0];
  if (first === undefined) return null;
  const itemCount = first.length;
  if (itemCount === 0) return null;
  for (const row of rows) {
    if (row.length !== itemCount) throw new Error('computeRwgJ: every row needs one value per item');
  }
  if (!(scalePoints >= 2)) throw new Error(`computeRwgJ: scalePoints must be at least 2, got ${scalePoints}`);

  const complete = rows.filter((row): row is ReadonlyArray<number> => row.every((v) => v !== null));
  if (complete.length < 2) return null;

  let varianceSum = 0;
  for (let j = 0; j < itemCount; j++) {
    varianceSum += sampleVariance(complete.map((row) => row[j]!))!;
  }
  return computeRwgJFromVariance(varianceSum / itemCount, itemCount, scalePoints);
}

/**
 * rwg(j) from the mean of the J items' observed variances (over the group's complete respondents);
 * the analysis computes those variances in one pass over its own arrays and finishes here.
 */
export function computeRwgJFromVariance(
  meanItemVariance: number,
  itemCount: number,
  scalePoints: number,
): number {
  // Uniform null distribution over A options: σ²E = (A² − 1) / 12 (James, Demaree & Wolf 1984).
  const expectedVariance = (scalePoints ** 2 - 1) / 12;
  const ratio = Math.min(meanItemVariance, expectedVariance) / expectedVariance;
  // rwg(j) = J(1 − s̄²/σ²E) / (J(1 − s̄²/σ²E) + s̄²/σ²E) (James, Demaree & Wolf 1984).
  const agreement = itemCount * (1 - ratio);
  return agreement / (agreement + ratio);
}
