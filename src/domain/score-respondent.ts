import type { Instrument, Item, Level, Side } from './model.ts';

export type ScoredRespondent = {
  side: Side;
  level: Level;
  /** dimension key → mean of the answered trust items of that dimension, reverse items turned; null if none answered. */
  scores: Record<string, number | null>;
  /** Mean of all answered trust items (reverse items turned); null if none answered. */
  overall: number | null;
  /** dimension key → the answer to that dimension's meta item ("how they would rate us"), if given. */
  meta: Record<string, number | null>;
  /** item code → value after turning reverse items; answered trust items only. */
  turned: Record<string, number>;
};

/** The parts of an instrument that scoring needs, computed once per wave instead of per respondent. */
export type ScoringPlan = {
  instrument: Instrument;
  trustItemsByDimension: ReadonlyMap<string, readonly Item[]>;
  metaItemByDimension: ReadonlyMap<string, Item>;
  trustItems: readonly Item[];
};

export function planScoring(instrument: Instrument): ScoringPlan {
  const trustItemsByDimension = new Map<string, Item[]>();
  const metaItemByDimension = new Map<string, Item>();
  for (const dimension of instrument.dimensions) trustItemsByDimension.set(dimension.key, []);
  for (const item of instrument.items) {
    if (item.kind === 'trust') trustItemsByDimension.get(item.dimension)?.push(item);
    else metaItemByDimension.set(item.dimension, item);
  }
  return {
    instrument,
    trustItemsByDimension,
    metaItemByDimension,
    trustItems: instrument.items.filter((item) => item.kind === 'trust'),
  };
}

// A reverse-worded item is turned so that high always means more trust: v' = min + max − v.
export function turnValue(item: Item, value: number, scale: { min: number; max: number }): number {
  return item.reverse ? scale.min + scale.max - value : value;
}

export function scoreRespondent(
  plan: ScoringPlan,
  respondent: { side: Side; level: Level; answers: Readonly<Record<string, number>> },
): ScoredRespondent {
  const { scale } = plan.instrument;
  const scores: Record<string, number | null> = {};
  const meta: Record<string, number | null> = {};
  const turned: Record<string, number> = {};
  let overallSum = 0;
  let overallCount = 0;
  for (const [dimension, items] of plan.trustItemsByDimension) {
    let sum = 0;
    let count = 0;
    for (const item of items) {
      const value = respondent.answers[item.code];
      if (value === undefined) continue;
      const v = turnValue(item, value, scale);
      turned[item.code] = v;
      sum += v;
      count += 1;
    }
    scores[dimension] = count > 0 ? sum / count : null;
    overallSum += sum;
    overallCount += count;
    const metaItem = plan.metaItemByDimension.get(dimension);
    const metaValue = metaItem ? respondent.answers[metaItem.code] : undefined;
    meta[dimension] = metaValue ?? null;
  }
  return {
    side: respondent.side,
    level: respondent.level,
    scores,
    overall: overallCount > 0 ? overallSum / overallCount : null,
    meta,
    turned,
  };
}

// The Trust Index of PRODUCT.md: (mean − min) / (max − min) × 100.
export function toIndex(mean: number, scale: { min: number; max: number }): number {
  return ((mean - scale.min) / (scale.max - scale.min)) * 100;
}
