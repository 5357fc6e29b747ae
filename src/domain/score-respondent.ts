import type { Instrument, Item, Level, Side } from './model.ts';

// Scoring: reverse items turned, a respondent's dimension scores, overall mean and meta answers.
// A wave is scored into flat typed arrays (one row per respondent) because the analysis of a large
// relationship reads every value many times; see bench/RESULTS.md.

/** The parts of an instrument that scoring needs, computed once per wave instead of per respondent. */
export type ScoringPlan = {
  instrument: Instrument;
  /** Dimension keys in instrument order; score column d is dimensionKeys[d], column D is overall. */
  dimensionKeys: readonly string[];
  /** Trust items in instrument order; turned-value column j is trustItems[j]. */
  trustItems: readonly Item[];
  /** Per score column (each dimension, then overall): the trust-item columns it averages. */
  itemColumns: readonly Int32Array[];
  /** Per dimension: its meta item ("how would they rate us"), if it has one. */
  metaItems: ReadonlyArray<Item | undefined>;
};

export function planScoring(instrument: Instrument): ScoringPlan {
  const dimensionKeys = instrument.dimensions.map((d) => d.key);
  const trustItems = instrument.items.filter((item) => item.kind === 'trust');
  const itemColumns = dimensionKeys.map(
    (key) => new Int32Array(trustItems.flatMap((item, j) => (item.dimension === key ? [j] : []))),
  );
  itemColumns.push(new Int32Array(trustItems.map((_, j) => j)));
  const metaItems = dimensionKeys.map((key) =>
    instrument.items.find((item) => item.kind === 'meta' && item.dimension === key),
  );
  return { instrument, dimensionKeys, trustItems, itemColumns, metaItems };
}

export type ScoredWave = {
  plan: ScoringPlan;
  count: number;
  sides: Side[];
  levels: Level[];
  /** count × J: trust-item values after turning reverse items; NaN = not answered. */
  turned: Float64Array;
  /** count × (D + 1): the respondent's score per dimension, then overall; NaN = no item answered. */
  scores: Float64Array;
  /** count × D: the answer to each dimension's meta item (turned if reverse); NaN = not answered. */
  meta: Float64Array;
};

// A reverse-worded item is turned so that high always means more trust: v' = min + max − v.
export function turnValue(item: Item, value: number, scale: { min: number; max: number }): number {
  return item.reverse ? scale.min + scale.max - value : value;
}

export function scoreWave(
  plan: ScoringPlan,
  responses: ReadonlyArray<{ side: Side; level: Level; answers: Readonly<Record<string, number>> }>,
): ScoredWave {
  const { scale } = plan.instrument;
  const count = responses.length;
  const itemCount = plan.trustItems.length;
  const dimensionCount = plan.dimensionKeys.length;
  const columnCount = dimensionCount + 1;
  const turned = new Float64Array(count * itemCount).fill(Number.NaN);
  const scores = new Float64Array(count * columnCount).fill(Number.NaN);
  const meta = new Float64Array(count * dimensionCount).fill(Number.NaN);
  const sides: Side[] = new Array(count);
  const levels: Level[] = new Array(count);
  for (let r = 0; r < count; r++) {
    const response = responses[r]!;
    sides[r] = response.side;
    levels[r] = response.level;
    const row = r * itemCount;
    for (let j = 0; j < itemCount; j++) {
      const item = plan.trustItems[j]!;
      const value = response.answers[item.code];
      if (value !== undefined) turned[row + j] = turnValue(item, value, scale);
    }
    // Mean of the answered trust items of each dimension, and of all of them (overall).
    for (let c = 0; c < columnCount; c++) {
      const columns = plan.itemColumns[c]!;
      let sum = 0;
      let answered = 0;
      for (const j of columns) {
        const v = turned[row + j]!;
        if (!Number.isNaN(v)) {
          sum += v;
          answered += 1;
        }
      }
      if (answered > 0) scores[r * columnCount + c] = sum / answered;
    }
    for (let d = 0; d < dimensionCount; d++) {
      const item = plan.metaItems[d];
      const value = item === undefined ? undefined : response.answers[item.code];
      // A reverse-worded meta item is turned like a trust item, so high always means more trust.
      if (item !== undefined && value !== undefined)
        meta[r * dimensionCount + d] = turnValue(item, value, scale);
    }
  }
  return { plan, count, sides, levels, turned, scores, meta };
}

export type RespondentScores = {
  /** dimension key → score; null when no item of it was answered. */
  scores: Record<string, number | null>;
  overall: number | null;
  meta: Record<string, number | null>;
};

/** One respondent's scores, as records (for tests and single-respondent views). */
export function scoreRespondent(
  plan: ScoringPlan,
  respondent: { side: Side; level: Level; answers: Readonly<Record<string, number>> },
): RespondentScores {
  const wave = scoreWave(plan, [respondent]);
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  const keys = plan.dimensionKeys;
  return {
    scores: Object.fromEntries(keys.map((key, d) => [key, orNull(wave.scores[d]!)])),
    overall: orNull(wave.scores[keys.length]!),
    meta: Object.fromEntries(keys.map((key, d) => [key, orNull(wave.meta[d]!)])),
  };
}

// The Trust Index of PRODUCT.md: (mean − min) / (max − min) × 100.
export function toIndex(mean: number, scale: { min: number; max: number }): number {
  return ((mean - scale.min) / (scale.max - scale.min)) * 100;
}
