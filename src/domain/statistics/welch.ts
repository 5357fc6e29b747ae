import { mean, sampleVariance } from './descriptive.ts';
import { studentTQuantile } from './student-t.ts';

export type WelchInterval = { diff: number; ciLow: number; ciHigh: number; df: number; se: number };

/**
 * Difference of means `mean(to) − mean(from)` with its Welch confidence interval, as
 * `t.test(to, from, var.equal = FALSE, conf.level = confidence)` in R.
 *
 * Null when either group has fewer than two values, or when the standard error is (essentially)
 * zero: R stops with "data are essentially constant" when se < 10·ε·max(|mean(to)|, |mean(from)|).
 */
export function computeWelchInterval(
  from: readonly number[],
  to: readonly number[],
  confidence = 0.95,
): WelchInterval | null {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`computeWelchInterval: confidence must be in (0, 1), got ${confidence}`);
  }
  if (from.length < 2 || to.length < 2) return null;
  const meanTo = mean(to)!;
  const meanFrom = mean(from)!;
  const squaredSeTo = sampleVariance(to)! / to.length;
  const squaredSeFrom = sampleVariance(from)! / from.length;
  const se = Math.sqrt(squaredSeTo + squaredSeFrom);
  if (se < 10 * Number.EPSILON * Math.max(Math.abs(meanTo), Math.abs(meanFrom)) || se === 0) return null;
  // Welch–Satterthwaite degrees of freedom (Welch 1947; Satterthwaite 1946).
  const df = se ** 4 / (squaredSeTo ** 2 / (to.length - 1) + squaredSeFrom ** 2 / (from.length - 1));
  const diff = meanTo - meanFrom;
  // Same arithmetic as R's t.test: (t ± q) · se, with t = diff / se.
  const tStatistic = diff / se;
  const quantile = studentTQuantile(1 - (1 - confidence) / 2, df);
  return { diff, ciLow: (tStatistic - quantile) * se, ciHigh: (tStatistic + quantile) * se, df, se };
}
