// How the results pages and their CSV files write numbers: the rounding of `trustloop analyze`'s
// text report (domain/format-analysis-report.ts), so every number on screen is the CLI's number.
// Means, rwg(j), α, differences and Hedges' g to two decimals; indices and index points to one.
// The JSON keeps full precision; only these functions round.

export const formatMean = (x: number): string => x.toFixed(2);
export const formatIndex = (x: number): string => x.toFixed(1);
export const formatAgreement = (x: number): string => x.toFixed(2);
export const formatAlpha = (x: number): string => x.toFixed(2);
export const formatEffect = (x: number): string => x.toFixed(2);

/** A difference with its sign: "+0.64", "-0.10"; `digits` 1 for index points. */
export function formatSigned(x: number, digits = 2): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
}

export const formatPoints = (x: number): string => formatSigned(x, 1);

/** An interval as the report writes an index interval: "45.5–53.5". */
export function formatRange(low: string, high: string): string {
  return `${low}–${high}`;
}

/** What a suppressed value says instead of a number (PRODUCT.md, "anonymity"). */
export function suppressedText(reason: 'too-few' | 'complementary', k: number): string {
  return reason === 'too-few' ? `fewer than ${k} responses` : `hidden to protect a group of fewer than ${k}`;
}

export { possessive } from '../../domain/words.ts';

/** Thresholds for the warnings beside a mean (Nunnally 1978 for α; LeBreton & Senter 2008 for rwg(j)). */
export const LOW_AGREEMENT = 0.7;
export const LOW_RELIABILITY = 0.7;
export { BLIND_SPOT_POINTS, LEVEL_SPREAD_POINTS } from '../../domain/result-thresholds.ts';
