import type { IncidentCoding } from './incident-coding.ts';
import type { Dimension } from './model.ts';
import { type CohenKappa, computeCohenKappa, type KappaBand, kappaBand } from './statistics/cohen-kappa.ts';

// Agreement between the first coding of an incident (the incident row) and an independent second
// coding, as Cohen's kappa per coded field (decision 014): direction, strength, trigger, contract
// scope and the small-big flag as nominal fields, and each dimension and each theme as its own
// present/absent field, since an incident may carry several of each.

/** Below this many incidents coded by both, a kappa is not shown: it would say little. */
export const MIN_DOUBLE_CODED = 10;

export type CodingPair = { ref: string; first: IncidentCoding; second: IncidentCoding };

export type AgreementGroup = 'coding' | 'dimension' | 'theme';

export type FieldAgreement = {
  /** Stable key: direction, strength, trigger, contractScope, smallBigThing, dimension:<key>, theme:<lowercased>. */
  field: string;
  label: string;
  group: AgreementGroup;
  n: number;
  observed: number | null;
  /** Null when not shown; `reason` says why. */
  kappa: number | null;
  band: KappaBand | null;
  /** too-few: fewer than MIN_DOUBLE_CODED incidents coded by both; one-category: κ is 0/0. */
  reason: 'too-few' | 'one-category' | null;
};

export type IncidentAgreement = { doubleCoded: number; minimum: number; fields: FieldAgreement[] };

type FieldSpec = {
  field: string;
  label: string;
  group: AgreementGroup;
  /** The code of one coding, or null when that coder left the field uncoded (pair left out). */
  code: (coding: IncidentCoding) => string | null;
};

export function computeIncidentAgreement(
  pairs: readonly CodingPair[],
  dimensions: readonly Dimension[],
  minimum: number = MIN_DOUBLE_CODED,
): IncidentAgreement {
  const specs: FieldSpec[] = [
    { field: 'direction', label: 'Direction', group: 'coding', code: (c) => c.direction },
    { field: 'strength', label: 'Strength', group: 'coding', code: (c) => String(c.strength) },
    {
      field: 'trigger',
      label: 'Trigger',
      group: 'coding',
      code: (c) => (c.trigger === '' ? null : c.trigger),
    },
    { field: 'contractScope', label: 'Contract scope', group: 'coding', code: (c) => c.contractScope },
    {
      field: 'smallBigThing',
      label: '“Small big thing” flag',
      group: 'coding',
      code: (c) => (c.smallBigThing ? 'yes' : 'no'),
    },
    ...dimensionSpecs(pairs, dimensions),
    ...themeSpecs(pairs),
  ];
  return {
    doubleCoded: pairs.length,
    minimum,
    fields: specs.map((spec) => agreementOf(spec, pairs, minimum)),
  };
}

function agreementOf(spec: FieldSpec, pairs: readonly CodingPair[], minimum: number): FieldAgreement {
  const codes: Array<[string, string]> = [];
  for (const pair of pairs) {
    const a = spec.code(pair.first);
    const b = spec.code(pair.second);
    if (a !== null && b !== null) codes.push([a, b]);
  }
  const result: CohenKappa = computeCohenKappa(codes);
  const base = {
    field: spec.field,
    label: spec.label,
    group: spec.group,
    n: result.n,
    observed: result.observed,
  };
  if (result.n < minimum) return { ...base, kappa: null, band: null, reason: 'too-few' };
  if (result.kappa === null) return { ...base, kappa: null, band: null, reason: 'one-category' };
  return { ...base, kappa: result.kappa, band: kappaBand(result.kappa), reason: null };
}

/** The instrument's dimensions in its order, then any other key a coder used. */
function dimensionSpecs(pairs: readonly CodingPair[], dimensions: readonly Dimension[]): FieldSpec[] {
  const labels = new Map(dimensions.map((d) => [d.key, d.label]));
  for (const pair of pairs) {
    for (const key of [...pair.first.dimensions, ...pair.second.dimensions]) {
      if (!labels.has(key)) labels.set(key, key);
    }
  }
  return [...labels].map(([key, label]) => ({
    field: `dimension:${key}`,
    label,
    group: 'dimension' as const,
    code: (c: IncidentCoding) => (c.dimensions.includes(key) ? 'present' : 'absent'),
  }));
}

/** Every theme either coder used on a double-coded incident, ignoring case, alphabetically. */
function themeSpecs(pairs: readonly CodingPair[]): FieldSpec[] {
  const labels = new Map<string, string>();
  for (const pair of pairs) {
    for (const theme of [...pair.first.themes, ...pair.second.themes]) {
      const key = theme.toLowerCase();
      if (!labels.has(key)) labels.set(key, theme);
    }
  }
  return [...labels]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, label]) => ({
      field: `theme:${key}`,
      label,
      group: 'theme' as const,
      code: (c: IncidentCoding) => (c.themes.some((t) => t.toLowerCase() === key) ? 'present' : 'absent'),
    }));
}
