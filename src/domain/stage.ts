import { z } from 'zod';
import type { IncidentRecord, IncidentSource, IncidentStatus, Side } from './model.ts';

// The trust stage of a relationship, with the reasons that put it there (PRODUCT.md, "the trust
// stage"; stages after Sako 1992: contractual, competence and goodwill trust).
//
// Each side's dimension score is an index 0–100; the relationship's index on a dimension is the
// lower of the two sides, because trust is only as strong as its weakest side. If either side is
// unknown (suppressed for anonymity, or not measured) the relationship's index is unknown too: the
// missing side could be the lower one. Gates are passed in order; a gate with a requirement that
// is unknown cannot be passed. An unknown first gate leaves the stage unknown, unless it already
// fails on a known dimension. Unresolved capping incidents then cap the stage.

export type StageLevel = 0 | 1 | 2 | 3 | 4;

export const STAGE_NAMES = {
  0: 'Distrust',
  1: 'Contractual / risk-based',
  2: 'Competence',
  3: 'Goodwill / trusted partner',
  4: 'Co-creation',
} as const satisfies Record<StageLevel, string>;

export const NOT_ENOUGH_DATA = 'not enough data';

/** Index points below a gate that still count as reaching it (floating-point error only). */
const GATE_TOLERANCE = 1e-9;

export type StageRequirement = { dimension: string; min: number };

export type StageGate = {
  level: Exclude<StageLevel, 0>;
  name: string;
  /** Minimum relationship index per dimension, on top of every earlier gate. */
  requirements: readonly StageRequirement[];
  /** When set, every dimension of the index must also reach this. */
  allDimensionsMin?: number;
};

export type StageGates = {
  /** Name of stage 0, where no gate is passed. */
  baseName: string;
  /** Gates for stages 1 to 4, in order. */
  stages: readonly StageGate[];
  /** An unresolved diluting incident coded `dimension` holds the stage at `maxLevel`. */
  incidentCap: { dimension: string; maxLevel: StageLevel };
};

export const DEFAULT_STAGE_GATES: StageGates = {
  baseName: STAGE_NAMES[0],
  stages: [
    { level: 1, name: STAGE_NAMES[1], requirements: [{ dimension: 'reliability', min: 50 }] },
    {
      level: 2,
      name: STAGE_NAMES[2],
      requirements: [
        { dimension: 'competence', min: 60 },
        { dimension: 'reliability', min: 60 },
      ],
    },
    {
      level: 3,
      name: STAGE_NAMES[3],
      requirements: [
        { dimension: 'integrity', min: 65 },
        { dimension: 'benevolence', min: 65 },
        { dimension: 'openness', min: 65 },
      ],
    },
    {
      level: 4,
      name: STAGE_NAMES[4],
      requirements: [{ dimension: 'intent', min: 75 }],
      allDimensionsMin: 70,
    },
  ],
  incidentCap: { dimension: 'integrity', maxLevel: 2 },
};

/** A workspace's own gates as stored (workspaces.stage_gates); classifyStage checks the rest. */
export const StageGatesSchema = z.object({
  baseName: z.string().min(1),
  stages: z
    .array(
      z.object({
        level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
        name: z.string().min(1),
        requirements: z.array(z.object({ dimension: z.string().min(1), min: z.number().min(0).max(100) })),
        allDimensionsMin: z.number().min(0).max(100).optional(),
      }),
    )
    .length(4),
  incidentCap: z.object({
    dimension: z.string().min(1),
    maxLevel: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  }),
});

/** An incident holding the stage down; an IncidentRecord is one. */
export type CappingIncident = {
  ref: string;
  title: string;
  source?: IncidentSource;
  status?: IncidentStatus;
};

/**
 * How a reason names a capping incident: its ref and title — except one a participant reported in
 * the survey that nobody has coded yet, whose title is their own words (docs/anonymity.md): the
 * reason names it by ref alone.
 */
function describeCappingIncident(incident: CappingIncident): string {
  return incident.source === 'survey' && incident.status === 'reported'
    ? `${incident.ref} (reported in the survey, not yet coded)`
    : `${incident.ref} “${incident.title}”`;
}

export type StageInput = {
  /** Each side's index (0–100) per dimension key; null when suppressed or not measured. */
  indexByDimension: Record<string, { A: number | null; B: number | null }>;
  /** From `selectCappingIncidents`. */
  cappingIncidents: readonly CappingIncident[];
  gates?: StageGates;
  /** Names used in reasons, e.g. { A: 'Northwind Utilities', B: 'Contoso IT' }. */
  sideNames?: Record<Side, string>;
  /** Dimension labels used in reasons; the key itself otherwise. */
  dimensionLabels?: Record<string, string>;
};

export type StageResult = {
  level: StageLevel | null;
  name: string;
  /** Plain sentences: which gates were passed, what caps the stage, what blocks the next one. */
  reasons: string[];
  /** The lower of the two sides per dimension; null when either side is unknown. */
  relationshipIndex: Record<string, number | null>;
  /** Refs of the incidents holding the stage below what its gates allow. */
  cappedBy: string[];
};

/**
 * Incidents that cap the stage of a wave closing on `asOf`: diluting, coded with the cap's
 * dimension, already happened, not dismissed, and not resolved by then. Resolution counts only
 * with a date, because a wave's stage is as of its close.
 */
export function selectCappingIncidents(
  incidents: readonly IncidentRecord[],
  asOf: string,
  cap: StageGates['incidentCap'] = DEFAULT_STAGE_GATES.incidentCap,
): IncidentRecord[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`asOf must be an ISO date, got "${asOf}"`);
  // ISO dates compare correctly as strings.
  return incidents.filter(
    (incident) =>
      incident.direction === 'dilutes' &&
      incident.dimensions.includes(cap.dimension) &&
      incident.occurredOn <= asOf &&
      incident.status !== 'dismissed' &&
      (incident.resolvedOn === null || incident.resolvedOn > asOf),
  );
}

type Reading =
  | { kind: 'known'; value: number; lowerSide: Side | 'both' }
  | { kind: 'unknown'; missingSides: Side[] };

type Check = { dimension: string; min: number; reading: Reading; isEveryDimension: boolean };

type GateOutcome = { passed: Check[]; failed: Check[]; unknown: Check[] };

export function classifyStage(input: StageInput): StageResult {
  const gates = input.gates ?? DEFAULT_STAGE_GATES;
  assertGates(gates);
  const sideNames = input.sideNames ?? { A: 'side A', B: 'side B' };
  const labelOf = (dimension: string): string => input.dimensionLabels?.[dimension] ?? dimension;

  const readings = new Map<string, Reading>();
  const relationshipIndex: Record<string, number | null> = {};
  for (const [dimension, { A, B }] of Object.entries(input.indexByDimension)) {
    for (const value of [A, B]) {
      if (value !== null && !(Number.isFinite(value) && value >= 0 && value <= 100)) {
        throw new RangeError(`index for ${dimension} must be 0–100, got ${value}`);
      }
    }
    const reading: Reading =
      A === null || B === null
        ? {
            kind: 'unknown',
            missingSides: A === null && B === null ? ['A', 'B'] : A === null ? ['A'] : ['B'],
          }
        : { kind: 'known', value: Math.min(A, B), lowerSide: A === B ? 'both' : A < B ? 'A' : 'B' };
    readings.set(dimension, reading);
    relationshipIndex[dimension] = reading.kind === 'known' ? reading.value : null;
  }
  const readingOf = (dimension: string): Reading =>
    readings.get(dimension) ?? { kind: 'unknown', missingSides: ['A', 'B'] };

  const evaluate = (gate: StageGate): GateOutcome => {
    const checks: Check[] = gate.requirements.map(({ dimension, min }) => ({
      dimension,
      min,
      reading: readingOf(dimension),
      isEveryDimension: false,
    }));
    if (gate.allDimensionsMin !== undefined) {
      for (const dimension of readings.keys()) {
        checks.push({
          dimension,
          min: gate.allDimensionsMin,
          reading: readingOf(dimension),
          isEveryDimension: true,
        });
      }
    }
    const outcome: GateOutcome = { passed: [], failed: [], unknown: [] };
    for (const check of checks) {
      if (check.reading.kind === 'unknown') outcome.unknown.push(check);
      // Means of Likert answers are often thirds, so an index that is 50 on paper can arrive as
      // 49.99999999999999: a gate is passed within a hair's breadth of floating-point error.
      else if (check.reading.value >= check.min - GATE_TOLERANCE) outcome.passed.push(check);
      else outcome.failed.push(check);
    }
    return outcome;
  };

  // Sentence pieces.
  const sideView = (reading: Reading & { kind: 'known' }): string =>
    reading.lowerSide === 'both' ? 'both sides agree' : `as rated by ${sideNames[reading.lowerSide]}`;
  const missing = (reading: Reading): string => {
    if (reading.kind === 'known') return 'known';
    const [only] = reading.missingSides;
    return reading.missingSides.length === 1 && only !== undefined
      ? `no score from ${sideNames[only]}: too few responses, or not asked`
      : 'no score from either side';
  };
  const describeFailure = (check: Check, gate: StageGate): string => {
    const reading = check.reading;
    const label = capitalize(labelOf(check.dimension));
    const needed = check.isEveryDimension
      ? `the ${check.min} every dimension needs for ${gate.name}`
      : `the ${check.min} needed for ${gate.name}`;
    if (reading.kind === 'unknown') {
      return `${label} is not known (${missing(reading)}), so ${gate.name} cannot be confirmed.`;
    }
    const shown = floorToTenth(reading.value);
    const short = format(Math.ceil((check.min - reading.value) * 10 - 1e-9) / 10);
    return `${label} is ${format(shown)} (${sideView(reading)}): ${short} short of ${needed}.`;
  };
  const describePass = (gate: StageGate, outcome: GateOutcome): string => {
    const named = outcome.passed
      .filter((check) => !check.isEveryDimension)
      .map(
        (check) =>
          `${labelOf(check.dimension)} is ${format(floorToTenth(knownValueOf(check)))} (${check.min} needed)`,
      );
    if (gate.allDimensionsMin !== undefined) {
      const lowest = outcome.passed
        .filter((check) => check.isEveryDimension)
        .reduce<Check | null>(
          (low, check) => (low === null || knownValueOf(check) < knownValueOf(low) ? check : low),
          null,
        );
      named.push(
        lowest === null
          ? `every dimension is at least ${gate.allDimensionsMin}`
          : `every dimension is at least ${gate.allDimensionsMin} (lowest: ${labelOf(lowest.dimension)} at ${format(floorToTenth(knownValueOf(lowest)))})`,
      );
    }
    return `Reached ${gate.name}: ${joinAnd(named)}.`;
  };

  // Walk the gates in order until one is not passed.
  const reasons: string[] = [];
  let reached = 0;
  let blocked: { gate: StageGate; outcome: GateOutcome } | null = null;
  for (const gate of gates.stages) {
    const outcome = evaluate(gate);
    if (outcome.failed.length > 0 || outcome.unknown.length > 0) {
      blocked = { gate, outcome };
      break;
    }
    reasons.push(describePass(gate, outcome));
    reached = gate.level;
  }

  const cappedBy = input.cappingIncidents.map((incident) => incident.ref);
  const incidentList = joinAnd(input.cappingIncidents.map(describeCappingIncident));
  const incidentWord = input.cappingIncidents.length === 1 ? 'incident' : 'incidents';
  const capDimension = labelOf(gates.incidentCap.dimension);
  const capName = nameOf(gates, gates.incidentCap.maxLevel);

  if (reached === 0 && blocked !== null && blocked.outcome.failed.length === 0) {
    // The first gate could not be judged: no stage at all rather than a guess.
    const firstGate = blocked.gate;
    return {
      level: null,
      name: NOT_ENOUGH_DATA,
      reasons: blocked.outcome.unknown.map(
        (check) =>
          `${capitalize(labelOf(check.dimension))} is not known (${missing(check.reading)}), so no stage can be given: ${firstGate.name} needs ${check.min}.`,
      ),
      relationshipIndex,
      cappedBy: [],
    };
  }

  let level = reached as StageLevel;
  const isCapped = input.cappingIncidents.length > 0 && level > gates.incidentCap.maxLevel;
  if (isCapped) {
    level = gates.incidentCap.maxLevel;
    reasons.push(
      `Held at ${capName} by the unresolved ${capDimension} ${incidentWord} ${incidentList}: ` +
        `the scores alone would reach ${nameOf(gates, reached as StageLevel)}.`,
    );
  } else if (input.cappingIncidents.length > 0) {
    reasons.push(
      `The unresolved ${capDimension} ${incidentWord} ${incidentList} would hold the stage at ${capName} ` +
        `even if the scores rose.`,
    );
  }
  if (blocked !== null) {
    const { gate, outcome } = blocked;
    for (const check of [...outcome.failed, ...outcome.unknown]) reasons.push(describeFailure(check, gate));
  }

  return {
    level,
    name: nameOf(gates, level),
    reasons,
    relationshipIndex,
    cappedBy: isCapped ? cappedBy : [],
  };
}

function assertGates(gates: StageGates): void {
  const isInOrder = gates.stages.length === 4 && gates.stages.every((gate, i) => gate.level === i + 1);
  if (!isInOrder) throw new Error('stage gates must list the gates for stages 1 to 4, in order');
  for (const gate of gates.stages) {
    const mins = gate.requirements.map((requirement) => requirement.min);
    if (gate.allDimensionsMin !== undefined) mins.push(gate.allDimensionsMin);
    if (mins.some((min) => !(Number.isFinite(min) && min >= 0 && min <= 100))) {
      throw new RangeError(`stage gate ${gate.level} has a minimum outside 0–100`);
    }
  }
}

function nameOf(gates: StageGates, level: StageLevel): string {
  return level === 0 ? gates.baseName : (gates.stages[level - 1]?.name ?? STAGE_NAMES[level]);
}

function knownValueOf(check: Check): number {
  return check.reading.kind === 'known' ? check.reading.value : Number.NaN;
}

/** Rounded down to one decimal, so a score shown never looks as if it reached a minimum it misses. */
function floorToTenth(value: number): number {
  return Math.floor(value * 10 + 1e-9) / 10;
}

function format(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
