import type { Gap } from './analyze-relationship.ts';
import type { IncidentRecord, Side } from './model.ts';
import { otherSide, SIDES } from './model.ts';

// The portfolio's early warnings (issue 4, item 5; PRODUCT.md, "Portfolio": a fall in trust, a
// spike of diluting incidents, a widening gap). Each warning carries the plain sentence that
// explains it, so a badge never stands alone.
//
// Thresholds are judged on the numbers as the screen shows them (one decimal), so a change shown
// as "−5.0" always raises the warning and one shown as "−4.9" never does, whatever the binary
// value behind it.

/** Index points a side's trust index must fall, since the previous wave, to raise a warning. */
export const INDEX_FALL_POINTS = 5;
/** A perception gap must be larger than this many index points (either direction). */
export const PERCEPTION_GAP_POINTS = 15;

export const EARLY_WARNING_KINDS = [
  'index-fell',
  'diluting-incidents',
  'perception-gap',
  'workstream-red',
  'actions-overdue',
] as const;
export type EarlyWarningKind = (typeof EARLY_WARNING_KINDS)[number];

export const EARLY_WARNING_LABELS: Record<EarlyWarningKind, string> = {
  'index-fell': 'Trust index fell',
  'diluting-incidents': 'More diluting incidents',
  'perception-gap': 'Perception gap',
  'workstream-red': 'Workstream at red',
  'actions-overdue': 'Actions overdue',
};

export type EarlyWarning = { kind: EarlyWarningKind; reason: string };

/** One side's change of trust index between two waves, in index points (later − earlier). */
export type IndexChange = { from: string; to: string; points: number };

export type CalendarQuarter = { label: string; start: string; end: string };

/** The calendar quarter of an ISO date: Q1 is January–March; `end` is the quarter's last day. */
export function quarterOf(isoDate: string): CalendarQuarter {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(isoDate);
  if (!match) throw new Error(`not an ISO date: ${JSON.stringify(isoDate)}`);
  const year = Number(match[1]);
  const quarter = Math.floor((Number(match[2]) - 1) / 3);
  const startMonth = quarter * 3 + 1;
  const lastDay = new Date(Date.UTC(year, startMonth + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    label: `Q${quarter + 1} ${year}`,
    start: `${year}-${pad(startMonth)}-01`,
    end: `${year}-${pad(startMonth + 2)}-${pad(lastDay)}`,
  };
}

export type QuarterIncidentCounts = { quarter: string; building: number; diluting: number };

/**
 * Building and diluting incidents that happened in the calendar quarter of `today`. Dismissed
 * incidents are left out: the facilitator decided they were not incidents.
 */
export function countQuarterIncidents(
  incidents: ReadonlyArray<Pick<IncidentRecord, 'occurredOn' | 'direction' | 'status'>>,
  today: string,
): QuarterIncidentCounts {
  const quarter = quarterOf(today);
  let building = 0;
  let diluting = 0;
  for (const incident of incidents) {
    if (incident.status === 'dismissed') continue;
    if (incident.occurredOn < quarter.start || incident.occurredOn > quarter.end) continue;
    if (incident.direction === 'builds') building += 1;
    else diluting += 1;
  }
  return { quarter: quarter.label, building, diluting };
}

export type EarlyWarningInput = {
  sideNames: Record<Side, string>;
  /** Each side's index change since the previous wave with an index for that side; null = none. */
  changes: Record<Side, IndexChange | null>;
  incidents: QuarterIncidentCounts;
  /** The perception gaps of the wave the portfolio shows (the latest with results). */
  gaps: readonly Gap[];
  /** Dimension key → label, for the reasons. */
  dimensionLabels: Readonly<Record<string, string>>;
};

/**
 * Every early warning, in the fixed order of EARLY_WARNING_KINDS: the analysis' warnings
 * (detectAnalysisWarnings) with the incident warning of the quarter's counts (withIncidentWarning).
 */
export function detectEarlyWarnings(input: EarlyWarningInput): EarlyWarning[] {
  return withIncidentWarning(detectAnalysisWarnings(input), input.incidents);
}

/**
 * The warnings that depend on the relationship's analysis alone (index fell, perception gap), not
 * on the date: the portfolio caches these with the summary (decision 016).
 */
export function detectAnalysisWarnings(input: Omit<EarlyWarningInput, 'incidents'>): EarlyWarning[] {
  const warnings: EarlyWarning[] = [];
  const { sideNames } = input;
  for (const side of SIDES) {
    const change = input.changes[side];
    if (change === null) continue;
    const shown = asShown(change.points);
    if (shown <= -INDEX_FALL_POINTS) {
      warnings.push({
        kind: 'index-fell',
        reason: `${sideNames[side]}'s trust index fell ${Math.abs(shown).toFixed(1)} points from ${change.from} to ${change.to}.`,
      });
    }
  }

  for (const gap of input.gaps) {
    if (gap.gapPoints === null) continue;
    const shown = asShown(gap.gapPoints);
    if (Math.abs(shown) <= PERCEPTION_GAP_POINTS) continue;
    const self = sideNames[gap.side];
    const other = sideNames[otherSide(gap.side)];
    const dimension = input.dimensionLabels[gap.dimension] ?? gap.dimension;
    warnings.push({
      kind: 'perception-gap',
      reason: `${self} believes ${other} rates its ${dimension.toLowerCase()} ${Math.abs(shown).toFixed(1)} points ${shown > 0 ? 'higher' : 'lower'} than ${other} does.`,
    });
  }
  return warnings;
}

/** The warning for a quarter with more diluting than building incidents; null otherwise. */
export function detectIncidentWarning(incidents: QuarterIncidentCounts): EarlyWarning | null {
  const { building, diluting, quarter } = incidents;
  if (diluting <= building) return null;
  return {
    kind: 'diluting-incidents',
    reason: `${count(diluting, 'diluting incident')} against ${count(building, 'building incident')} in ${quarter}.`,
  };
}

/** Where the joint work stands today: open actions past due, active workstreams whose last update is red. */
export type WorkCounts = { overdueActions: number; redWorkstreams: number };

export const NO_WORK: WorkCounts = { overdueActions: 0, redWorkstreams: 0 };

/** The warnings of the joint work (issue 9, item 3): a workstream at red, actions overdue. */
export function detectWorkWarnings(work: WorkCounts): EarlyWarning[] {
  const warnings: EarlyWarning[] = [];
  if (work.redWorkstreams > 0) {
    warnings.push({
      kind: 'workstream-red',
      reason: `${count(work.redWorkstreams, 'workstream')} at red in the latest update.`,
    });
  }
  if (work.overdueActions > 0) {
    warnings.push({
      kind: 'actions-overdue',
      reason: `${count(work.overdueActions, 'action')} past the due date.`,
    });
  }
  return warnings;
}

/**
 * The analysis' warnings plus the incident warning of these counts, in the order of
 * EARLY_WARNING_KINDS (the order within a kind kept). The portfolio applies it when listing, with
 * the quarter's counts read beside the cache keys, so a new quarter invalidates no cached summary.
 * An incident warning already among `analysisWarnings` is replaced, never doubled.
 */
export function withIncidentWarning(
  analysisWarnings: readonly EarlyWarning[],
  incidents: QuarterIncidentCounts,
  work: WorkCounts = NO_WORK,
): EarlyWarning[] {
  const incident = detectIncidentWarning(incidents);
  const warnings = analysisWarnings.filter(
    (w) => w.kind !== 'diluting-incidents' && w.kind !== 'workstream-red' && w.kind !== 'actions-overdue',
  );
  if (incident !== null) warnings.push(incident);
  warnings.push(...detectWorkWarnings(work));
  const rank = (w: EarlyWarning) => EARLY_WARNING_KINDS.indexOf(w.kind);
  return warnings.sort((a, b) => rank(a) - rank(b));
}

/** The value as the screen prints it, with one decimal. */
function asShown(value: number): number {
  return Number(value.toFixed(1));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
