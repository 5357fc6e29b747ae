import { OVERALL, type RelationshipAnalysis } from '../../domain/analyze-relationship.ts';
import type { IncidentRecord } from '../../domain/model.ts';
import { SIDES } from '../../domain/model.ts';
import type { ResultsCellView, ResultsTableView } from '../components/results-table.tsx';
import { dimensionLabel, none, raterLabel, shown, stageText } from './build-wave-tables.ts';
import { formatEffect, formatIndex, formatSigned, suppressedText } from './format-results.ts';

// The tables of the trend page, built once from the whole analysis for the page and the CSV:
// each side's index per wave, each dimension per wave, the stage history, the changes between
// waves (Welch 95% CI, Hedges' g) and the incidents that built or diluted trust per period.

export const TREND_TABLE_KEYS = [
  'trend-index',
  'trend-dimensions',
  'stage-history',
  'changes',
  'incident-periods',
] as const;
export type TrendTableKey = (typeof TREND_TABLE_KEYS)[number];
export type TrendTables = Record<TrendTableKey, ResultsTableView>;

export function buildTrendTables(
  analysis: RelationshipAnalysis,
  incidents: readonly IncidentRecord[],
): TrendTables {
  return {
    'trend-index': buildTrendIndexTable(analysis),
    'trend-dimensions': buildTrendDimensionTable(analysis),
    'stage-history': buildStageHistoryTable(analysis),
    changes: buildChangeTable(analysis),
    'incident-periods': buildIncidentPeriodTable(analysis, buildIncidentPeriods(analysis, incidents)),
  };
}

function buildTrendIndexTable(analysis: RelationshipAnalysis): ResultsTableView {
  const { sides } = analysis.relationship;
  return {
    key: 'trend-index',
    caption: 'Trust Index per side and wave (0–100, with its 95% confidence interval)',
    rowHeaders: ['Wave'],
    columns: SIDES.map((side) => ({ key: side, label: raterLabel(sides, side), parts: ['index', '95% CI'] })),
    rows: analysis.waves.map((wave) => ({
      key: wave.label,
      headers: [wave.label],
      cells: SIDES.map((side) => {
        const index = wave.index[side];
        const interval = wave.indexInterval[side];
        if (index === null) {
          const total = wave.sideCells.find((c) => c.side === side && c.dimension === OVERALL);
          return total?.suppressed
            ? {
                texts: [suppressedText('too-few', wave.anonymityThreshold), ''],
                state: 'too-few',
                warnings: [],
                value: null,
              }
            : none('no answers', 2);
        }
        return shown(
          [
            formatIndex(index),
            interval === null ? '' : `${formatIndex(interval.low)}–${formatIndex(interval.high)}`,
          ],
          index,
        );
      }),
    })),
  };
}

function buildTrendDimensionTable(analysis: RelationshipAnalysis): ResultsTableView {
  const { sides } = analysis.relationship;
  const latest = analysis.waves.at(-1);
  // Dimensions in the order of the latest instrument, then any that only earlier waves asked.
  const keys: string[] = [];
  for (const wave of [...analysis.waves].reverse()) {
    for (const d of wave.dimensions) if (!keys.includes(d.key)) keys.push(d.key);
  }
  const labelOf = (key: string) => {
    const wave = analysis.waves.find((w) => w.dimensions.some((d) => d.key === key)) ?? latest;
    return wave ? dimensionLabel(wave, key) : key;
  };
  return {
    key: 'trend-dimensions',
    caption: 'Trust Index per dimension, side and wave (0–100)',
    rowHeaders: ['Rater side → rated side', 'Dimension'],
    columns: analysis.waves.map((wave) => ({ key: wave.label, label: wave.label, parts: ['index'] })),
    rows: SIDES.flatMap((side) =>
      keys.map((key) => ({
        key: `${side}/${key}`,
        headers: [raterLabel(sides, side), labelOf(key)],
        cells: analysis.waves.map((wave): ResultsCellView => {
          if (!wave.dimensions.some((d) => d.key === key)) return none('not asked');
          const index = wave.indexByDimension[side][key] ?? null;
          if (index !== null) return shown([formatIndex(index)], index);
          const total = wave.sideCells.find((c) => c.side === side && c.dimension === key);
          return total?.suppressed
            ? {
                texts: [
                  suppressedText(
                    total.n < wave.anonymityThreshold ? 'too-few' : 'complementary',
                    wave.anonymityThreshold,
                  ),
                ],
                state: total.n < wave.anonymityThreshold ? 'too-few' : 'complementary',
                warnings: [],
                value: null,
              }
            : none('no answers');
        }),
      })),
    ),
  };
}

function buildStageHistoryTable(analysis: RelationshipAnalysis): ResultsTableView {
  return {
    key: 'stage-history',
    caption: 'Stage history: the trust stage at each wave, with its reasons',
    rowHeaders: ['Wave'],
    columns: [
      { key: 'stage', label: 'Stage', parts: ['stage'] },
      { key: 'reasons', label: 'Why', parts: ['reasons'], isText: true },
    ],
    rows: analysis.waves.map((wave) => ({
      key: wave.label,
      headers: [wave.label],
      cells: [shown([stageText(wave.stage)], wave.stage.level), shown([wave.stage.reasons.join('\n')], null)],
    })),
  };
}

export function buildChangeTable(analysis: RelationshipAnalysis): ResultsTableView {
  const { sides } = analysis.relationship;
  const k = (label: string) => analysis.waves.find((w) => w.label === label)?.anonymityThreshold ?? 3;
  const labelOf = (key: string, waveLabel: string) => {
    const wave = analysis.waves.find((w) => w.label === waveLabel);
    return wave ? dimensionLabel(wave, key) : key;
  };
  return {
    key: 'changes',
    caption:
      'Change between waves per rater side (difference of means in scale points, Welch 95% CI, Hedges’ g)',
    rowHeaders: ['Waves', 'Rater side → rated side', 'Dimension'],
    columns: [
      { key: 'diff', label: 'Change', parts: ['diff'] },
      { key: 'ci', label: '95% CI', parts: ['interval'] },
      { key: 'g', label: 'Hedges’ g', parts: ['g'] },
      { key: 'n', label: 'Respondents', parts: ['n before', 'n after'] },
    ],
    rows: analysis.changes.map((change) => {
      const threshold = Math.max(k(change.from), k(change.to));
      const hidden: ResultsCellView = {
        texts: [suppressedText('too-few', threshold)],
        state: 'too-few',
        warnings: [],
        value: null,
      };
      return {
        key: `${change.from}/${change.to}/${change.side}/${change.dimension}`,
        headers: [
          `${change.from} → ${change.to}`,
          raterLabel(sides, change.side),
          labelOf(change.dimension, change.to),
        ],
        cells: [
          change.suppressed || change.diff === null
            ? hidden
            : shown([formatSigned(change.diff)], change.diff),
          change.suppressed
            ? { ...hidden, texts: [''] }
            : change.ciLow === null || change.ciHigh === null
              ? none('not known')
              : shown([`${formatSigned(change.ciLow)} to ${formatSigned(change.ciHigh)}`], change.ciLow),
          change.suppressed
            ? { ...hidden, texts: [''] }
            : change.hedgesG === null
              ? none('not known')
              : shown([formatEffect(change.hedgesG)], change.hedgesG),
          shown([String(change.nFrom), String(change.nTo)], change.nFrom),
        ],
      };
    }),
  };
}

export type IncidentPeriod = {
  key: string;
  label: string;
  /** First and last month (YYYY-MM) of the period, inclusive; null = open-ended. */
  from: string | null;
  to: string | null;
  builds: number;
  dilutes: number;
};

/** The month after a YYYY-MM month. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Incidents by period between waves, in whole months so that each period is exactly what the
 * incident list shows for `?from=…&to=…`: up to the first wave's closing month, then from the
 * month after each wave closes to the month the next one closes, then anything after the last.
 * Counted whatever their status, as the list's link shows them.
 */
export function buildIncidentPeriods(
  analysis: RelationshipAnalysis,
  incidents: readonly IncidentRecord[],
): IncidentPeriod[] {
  const periods: IncidentPeriod[] = [];
  let from: string | null = null;
  let previous: string | null = null;
  for (const wave of analysis.waves) {
    const to = wave.closes.slice(0, 7);
    if (from === null || from <= to) {
      periods.push({
        key: wave.label,
        label: previous === null ? `Up to ${wave.label}` : `${previous} → ${wave.label}`,
        from,
        to,
        builds: 0,
        dilutes: 0,
      });
      from = nextMonth(to);
    }
    previous = wave.label;
  }
  const last = periods.at(-1);
  if (previous !== null && from !== null) {
    periods.push({ key: 'after', label: `Since ${previous}`, from, to: null, builds: 0, dilutes: 0 });
  }
  for (const incident of incidents) {
    const month = incident.occurredOn.slice(0, 7);
    const period = periods.find(
      (p) => (p.from === null || p.from <= month) && (p.to === null || month <= p.to),
    );
    if (!period) continue;
    if (incident.direction === 'builds') period.builds += 1;
    else period.dilutes += 1;
  }
  // A trailing "since" period without incidents says nothing.
  const after = periods.at(-1);
  if (after && after !== last && after.builds + after.dilutes === 0) periods.pop();
  return periods;
}

export function incidentListHref(
  relationshipId: string,
  period: IncidentPeriod,
  direction?: 'builds' | 'dilutes',
): string {
  const query = new URLSearchParams();
  if (period.from !== null) query.set('from', period.from);
  if (period.to !== null) query.set('to', period.to);
  if (direction) query.set('direction', direction);
  return `/relationships/${encodeURIComponent(relationshipId)}/incidents?${query.toString()}`;
}

function buildIncidentPeriodTable(
  analysis: RelationshipAnalysis,
  periods: IncidentPeriod[],
): ResultsTableView {
  const id = analysis.relationship.id;
  const months = (p: IncidentPeriod) =>
    p.from === null ? `to ${p.to}` : p.to === null ? `from ${p.from}` : `${p.from} to ${p.to}`;
  return {
    key: 'incident-periods',
    caption: 'Critical incidents per period between waves: building against diluting',
    rowHeaders: ['Period', 'Months'],
    columns: [
      { key: 'builds', label: 'Building', parts: ['incidents'] },
      { key: 'dilutes', label: 'Diluting', parts: ['incidents'] },
      { key: 'balance', label: 'Balance', parts: ['building − diluting'] },
      { key: 'list', label: 'Incidents', parts: ['link'], isText: true },
    ],
    rows: periods.map((p) => ({
      key: p.key,
      headers: [p.label, months(p)],
      cells: [
        {
          ...shown([String(p.builds)], p.builds),
          href: p.builds > 0 ? incidentListHref(id, p, 'builds') : undefined,
        },
        {
          ...shown([String(p.dilutes)], p.dilutes),
          href: p.dilutes > 0 ? incidentListHref(id, p, 'dilutes') : undefined,
        },
        {
          ...shown([formatSigned(p.builds - p.dilutes, 0)], p.builds - p.dilutes),
          warnings: p.dilutes > p.builds ? ['more diluting than building'] : [],
        },
        { ...shown([`All incidents, ${months(p)}`], null), href: incidentListHref(id, p) },
      ],
    })),
  };
}
