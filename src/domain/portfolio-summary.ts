import { z } from 'zod';
import type { RelationshipAnalysis } from './analyze-relationship.ts';
import {
  detectAnalysisWarnings,
  EARLY_WARNING_KINDS,
  type EarlyWarning,
  type IndexChange,
  NO_WORK,
  type QuarterIncidentCounts,
  type WorkCounts,
  withIncidentWarning,
} from './early-warnings.ts';
import type { Side } from './model.ts';
import { SIDES } from './model.ts';
import type { StageLevel } from './stage.ts';

// One row of the portfolio, built from the relationship's full analysis (the same numbers as
// `trustloop analyze --json`) plus counts the analysis does not hold: responses per wave and this
// quarter's incidents. It is built in two parts (decisions 016 and 021): the cached summary, which depends
// only on the relationship's data and is what services cache in relationship_summaries (pure and
// JSON-serialisable), and the quarter's incident counts with their warning, added when listing
// (completePortfolioSummary) so that a new quarter changes no cached summary.

export type WaveStatus = 'draft' | 'open' | 'closed';

/** A wave's submitted responses against the relationship's participants (the tracking page's counts). */
export type WaveResponseCounts = { label: string; status: WaveStatus; submitted: number; invited: number };

export type ResponseRate = {
  wave: string;
  status: WaveStatus;
  submitted: number;
  invited: number;
  /** submitted / invited, 0–1; null when nobody is invited. */
  rate: number | null;
};

export type PortfolioSummary = {
  relationshipId: string;
  name: string;
  sides: Record<Side, { name: string }>;
  /** The latest wave with results (an index shown for at least one side); null = none yet. */
  wave: { label: string; anonymityThreshold: number } | null;
  /** Each side's trust index in that wave; null = fewer than k responses (or no wave). */
  index: Record<Side, number | null>;
  stage: { level: StageLevel | null; name: string } | null;
  /** Each side's change since its previous wave with an index. */
  changes: Record<Side, IndexChange | null>;
  responseRate: ResponseRate | null;
  incidents: QuarterIncidentCounts;
  flags: EarlyWarning[];
};

/**
 * What relationship_summaries caches for one relationship: everything the summary shows except the
 * quarter's incident counts, and of the warnings only the analysis' own (index fell, perception
 * gap). Nothing in it depends on today's date.
 */
export type CachedPortfolioSummary = Omit<PortfolioSummary, 'incidents' | 'flags'> & {
  analysisFlags: EarlyWarning[];
};

export type CachedPortfolioSummaryInput = {
  analysis: RelationshipAnalysis;
  /** Every wave of the relationship, in the analysis' order. */
  waves: readonly WaveResponseCounts[];
};

export type PortfolioSummaryInput = CachedPortfolioSummaryInput & { incidents: QuarterIncidentCounts };

/** The whole row: the cached part completed with the quarter's incident counts. */
export function buildPortfolioSummary(input: PortfolioSummaryInput): PortfolioSummary {
  return completePortfolioSummary(buildCachedPortfolioSummary(input), input.incidents);
}

export function buildCachedPortfolioSummary(input: CachedPortfolioSummaryInput): CachedPortfolioSummary {
  const { analysis } = input;
  const sideNames = { A: analysis.relationship.sides.A.name, B: analysis.relationship.sides.B.name };
  const hasResults = (i: number) => SIDES.some((side) => analysis.waves[i]!.index[side] !== null);
  const latest = analysis.waves.findLastIndex((_, i) => hasResults(i));
  const shown = latest === -1 ? null : analysis.waves[latest]!;

  const changes = mapSides((side): IndexChange | null => {
    const now = shown?.index[side] ?? null;
    if (shown === null || now === null) return null;
    const previous = analysis.waves.slice(0, latest).findLast((wave) => wave.index[side] !== null);
    if (!previous) return null;
    return { from: previous.label, to: shown.label, points: now - previous.index[side]! };
  });

  const analysisFlags = detectAnalysisWarnings({
    sideNames,
    changes,
    gaps: shown?.gaps ?? [],
    dimensionLabels: Object.fromEntries((shown?.dimensions ?? []).map((d) => [d.key, d.label])),
  });

  return {
    relationshipId: analysis.relationship.id,
    name: analysis.relationship.name,
    sides: { A: { name: sideNames.A }, B: { name: sideNames.B } },
    wave: shown === null ? null : { label: shown.label, anonymityThreshold: shown.anonymityThreshold },
    index: mapSides((side) => shown?.index[side] ?? null),
    stage: shown === null ? null : { level: shown.stage.level, name: shown.stage.name },
    changes,
    responseRate: selectResponseRate(input.waves),
    analysisFlags,
  };
}

/**
 * A cached summary made a portfolio row for one quarter: its incident counts, and the incident
 * warning those counts raise among the analysis' warnings (in the usual order).
 */
export function completePortfolioSummary(
  cached: CachedPortfolioSummary,
  incidents: QuarterIncidentCounts,
  work: WorkCounts = NO_WORK,
): PortfolioSummary {
  const { analysisFlags, ...shown } = cached;
  return { ...shown, incidents, flags: withIncidentWarning(analysisFlags, incidents, work) };
}

/**
 * The response rate of the latest open wave, else of the latest closed one. A draft wave has asked
 * nobody yet, so it never hides the last real rate behind a 0 %.
 */
export function selectResponseRate(waves: readonly WaveResponseCounts[]): ResponseRate | null {
  const wave = waves.findLast((w) => w.status === 'open') ?? waves.findLast((w) => w.status === 'closed');
  if (!wave) return null;
  return {
    wave: wave.label,
    status: wave.status,
    submitted: wave.submitted,
    invited: wave.invited,
    rate: wave.invited === 0 ? null : wave.submitted / wave.invited,
  };
}

function mapSides<T>(make: (side: Side) => T): Record<Side, T> {
  return { A: make('A'), B: make('B') };
}

// ---------------------------------------------------------------------------------------------
// Sorting and filtering the rows, shared by the page, its CSV export and the API so all three
// list the same relationships in the same order.

export const PORTFOLIO_SORTS = [
  'name',
  'index-a',
  'index-b',
  'stage',
  'change-a',
  'change-b',
  'response-rate',
  'flags',
] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

export const PORTFOLIO_FLAG_FILTERS = ['any', 'none', ...EARLY_WARNING_KINDS] as const;
export const PORTFOLIO_STAGE_FILTERS = ['0', '1', '2', '3', '4', 'none'] as const;

// An empty form field (a GET form sends every select) means "not filtered".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

export const PortfolioQuerySchema = z.object({
  sort: optional(z.enum(PORTFOLIO_SORTS)).transform((v) => v ?? 'name'),
  dir: optional(z.enum(['asc', 'desc'])).transform((v) => v ?? 'asc'),
  stage: optional(z.enum(PORTFOLIO_STAGE_FILTERS)),
  flag: optional(z.enum(PORTFOLIO_FLAG_FILTERS)),
  q: optional(z.string().trim().max(200, 'at most 200 characters')).transform((v) => v ?? ''),
});
export type PortfolioQuery = z.output<typeof PortfolioQuerySchema>;

export const DEFAULT_PORTFOLIO_QUERY: PortfolioQuery = { sort: 'name', dir: 'asc', q: '' };

export function filterPortfolio(
  rows: readonly PortfolioSummary[],
  query: PortfolioQuery,
): PortfolioSummary[] {
  const text = query.q.toLowerCase();
  return rows.filter((row) => {
    if (query.stage !== undefined) {
      const level = row.stage?.level ?? null;
      if (query.stage === 'none' ? level !== null : level !== Number(query.stage)) return false;
    }
    if (query.flag === 'any' && row.flags.length === 0) return false;
    if (query.flag === 'none' && row.flags.length > 0) return false;
    if (query.flag !== undefined && query.flag !== 'any' && query.flag !== 'none') {
      if (!row.flags.some((f) => f.kind === query.flag)) return false;
    }
    if (text !== '') {
      const haystack = `${row.name}\n${row.sides.A.name}\n${row.sides.B.name}`.toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  });
}

/** Sorted by the chosen column; relationships without a value go last either way, then by name. */
export function sortPortfolio(rows: readonly PortfolioSummary[], query: PortfolioQuery): PortfolioSummary[] {
  const byName = (a: PortfolioSummary, b: PortfolioSummary) =>
    a.name.localeCompare(b.name, 'en') || a.relationshipId.localeCompare(b.relationshipId);
  const sign = query.dir === 'asc' ? 1 : -1;
  if (query.sort === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  const sortValue = SORT_VALUES[query.sort];
  const keyed = rows.map((row) => ({ row, value: sortValue(row) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return byName(a.row, b.row);
      return a.value === null ? 1 : -1;
    }
    return sign * (a.value - b.value) || byName(a.row, b.row);
  });
  return keyed.map((k) => k.row);
}

const SORT_VALUES: Record<Exclude<PortfolioSort, 'name'>, (row: PortfolioSummary) => number | null> = {
  'index-a': (row) => row.index.A,
  'index-b': (row) => row.index.B,
  stage: (row) => row.stage?.level ?? null,
  'change-a': (row) => row.changes.A?.points ?? null,
  'change-b': (row) => row.changes.B?.points ?? null,
  'response-rate': (row) => row.responseRate?.rate ?? null,
  flags: (row) => row.flags.length,
};
