import { type Cell, OVERALL, type WaveAnalysis } from '../../domain/analyze-relationship.ts';
import { LEVELS, type Level, otherSide, SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import type { StageResult } from '../../domain/stage.ts';
import type { ResultsCellView, ResultsRowView, ResultsTableView } from '../components/results-table.tsx';
import { LEVEL_LABELS } from '../components/setup-labels.tsx';
import {
  BLIND_SPOT_POINTS,
  formatAgreement,
  formatAlpha,
  formatIndex,
  formatMean,
  formatPoints,
  formatRange,
  formatSigned,
  LEVEL_SPREAD_POINTS,
  LOW_AGREEMENT,
  LOW_RELIABILITY,
  suppressedText,
} from './format-results.ts';

// The tables of one wave's dashboard, built once from the analysis (`getRelationshipAnalysis`,
// what `trustloop analyze --json` prints) and response tracking. The page and the CSV download
// both use these tables, so they cannot disagree, and suppression is the analysis's own.

export const WAVE_TABLE_KEYS = [
  'indices',
  'stages',
  'heatmap',
  'dimensions',
  'reliability',
  'gaps',
  'levels',
  'responses',
] as const;
export type WaveTableKey = (typeof WAVE_TABLE_KEYS)[number];

export type WaveTracking = {
  cells: ReadonlyArray<{ side: Side; level: Level; invited: number; started: number; submitted: number }>;
  /** False when no personal link was ever issued for the wave (it was imported). */
  hasLinks: boolean;
};

export type WaveTablesInput = {
  wave: WaveAnalysis;
  sides: Record<Side, SideInfo>;
  tracking: WaveTracking | null;
};

export type WaveTables = Record<WaveTableKey, ResultsTableView>;

export function buildWaveTables(input: WaveTablesInput): WaveTables {
  return {
    indices: buildIndexTable(input),
    stages: buildStageTable(input),
    heatmap: buildHeatmapTable(input),
    dimensions: buildDimensionTable(input),
    reliability: buildReliabilityTable(input),
    gaps: buildGapTable(input),
    levels: buildLevelTable(input),
    responses: buildResponseTable(input),
  };
}

/** "Northwater Utilities → Corvid IT Services": who rates whom, for row headers. */
export function raterLabel(sides: Record<Side, SideInfo>, side: Side): string {
  return `${sides[side].name} → ${sides[otherSide(side)].name}`;
}

export function dimensionLabel(wave: WaveAnalysis, key: string): string {
  if (key === OVERALL) return 'Overall';
  const label = wave.dimensions.find((d) => d.key === key)?.label ?? key;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function stageText(stage: StageResult): string {
  return stage.level === null ? `? · ${stage.name}` : `${stage.level} · ${stage.name}`;
}

/** A cell with a value (its parts' texts) and any warnings; the trend tables' cells too. */
export const shown = (texts: string[], value: number | null, warnings: string[] = []): ResultsCellView => ({
  texts,
  state: 'shown',
  warnings,
  value,
});

/** A cell with nothing to show, saying why in its first part. */
export const none = (text: string, parts = 1): ResultsCellView => ({
  texts: [text, ...Array.from({ length: parts - 1 }, () => '')],
  state: 'none',
  warnings: [],
  value: null,
});

function agreementWarnings(rwg: number | null): string[] {
  return rwg !== null && rwg < LOW_AGREEMENT ? ['low agreement'] : [];
}

/** A mean with its n and rwg(j), or why it is hidden; n stays (counts are public, means are not). */
function meanCell(
  cell: { n: number; mean: number | null; rwg: number | null; suppressed: boolean },
  reason: Cell['suppression'],
  k: number,
): ResultsCellView {
  if (cell.suppressed) {
    const why = reason ?? 'too-few';
    return { texts: [suppressedText(why, k), String(cell.n), ''], state: why, warnings: [], value: null };
  }
  if (cell.mean === null) return none('no answers', 3);
  return shown(
    [formatMean(cell.mean), String(cell.n), cell.rwg === null ? '' : formatAgreement(cell.rwg)],
    cell.mean,
    agreementWarnings(cell.rwg),
  );
}

/** An index, or why it is hidden (`reason` null: shown, or nobody answered). */
function indexCell(value: number | null, reason: Cell['suppression'], k: number): ResultsCellView {
  if (value !== null) return shown([formatIndex(value)], value);
  return reason === null
    ? none('no answers')
    : { texts: [suppressedText(reason, k)], state: reason, warnings: [], value: null };
}

/** Why a side total is hidden: too small itself, or hidden to protect its levels. */
function totalReason(total: { n: number; suppressed: boolean } | undefined, k: number): Cell['suppression'] {
  if (!total?.suppressed) return null;
  return total.n < k ? 'too-few' : 'complementary';
}

function buildIndexTable({ wave, sides }: WaveTablesInput): ResultsTableView {
  const k = wave.anonymityThreshold;
  return {
    key: 'indices',
    caption: `Trust Index per side, ${wave.label} (0–100, with its 95% confidence interval)`,
    rowHeaders: ['Rater side → rated side'],
    columns: [
      { key: 'index', label: 'Trust Index', parts: ['index', '95% CI'] },
      { key: 'respondents', label: 'Respondents', parts: ['n'] },
    ],
    rows: SIDES.map((side) => {
      const total = wave.sideCells.find((c) => c.side === side && c.dimension === OVERALL);
      const index = wave.index[side];
      const interval = wave.indexInterval[side];
      const respondents = LEVELS.reduce((sum, level) => sum + wave.respondents[side][level], 0);
      const hidden = indexCell(null, totalReason(total, k), k);
      const indexView: ResultsCellView =
        index === null
          ? { ...hidden, texts: [hidden.texts[0]!, ''] }
          : shown(
              [
                formatIndex(index),
                interval === null ? '' : formatRange(formatIndex(interval.low), formatIndex(interval.high)),
              ],
              index,
            );
      return {
        key: side,
        headers: [raterLabel(sides, side)],
        cells: [indexView, shown([String(respondents)], respondents)],
      };
    }),
  };
}

function buildStageTable({ wave }: WaveTablesInput): ResultsTableView {
  const row = (key: string, header: string, stage: StageResult): ResultsRowView => ({
    key,
    headers: [header],
    cells: [shown([stageText(stage)], stage.level), shown([stage.reasons.join('\n')], null)],
  });
  return {
    key: 'stages',
    caption: `Trust stage of the relationship and of each level, ${wave.label}`,
    rowHeaders: ['Scope'],
    columns: [
      { key: 'stage', label: 'Stage', parts: ['stage'] },
      { key: 'reasons', label: 'Why', parts: ['reasons'], isText: true },
    ],
    rows: [
      row('relationship', 'The relationship', wave.stage),
      ...LEVELS.map((level) => row(level, LEVEL_LABELS[level], wave.stageByLevel[level])),
    ],
  };
}

function buildHeatmapTable({ wave, sides }: WaveTablesInput): ResultsTableView {
  const k = wave.anonymityThreshold;
  const dimensionKeys = wave.dimensions.map((d) => d.key);
  const alphaOf = (key: string) => wave.reliability.find((r) => r.dimension === key)?.alpha ?? null;
  const rows: ResultsRowView[] = [];
  for (const side of SIDES) {
    for (const level of LEVELS) {
      const find = (list: Cell[], column: string) =>
        list.find((c) => c.side === side && c.level === level && c.dimension === column);
      const overall = find(wave.overallCells, OVERALL);
      rows.push({
        key: `${side}/${level}`,
        headers: [raterLabel(sides, side), LEVEL_LABELS[level]],
        cells: [
          ...dimensionKeys.map((key) => {
            const cell = find(wave.cells, key);
            return cell ? meanCell(cell, cell.suppression, k) : none('not asked', 3);
          }),
          overall ? meanCell(overall, overall.suppression, k) : none('not asked', 3),
          indexCell(wave.indexByLevel[side][level], overall?.suppression ?? null, k),
        ],
      });
    }
    const total = (column: string) => wave.sideCells.find((c) => c.side === side && c.dimension === column);
    const totalCell = (column: string): ResultsCellView => {
      const cell = total(column);
      return cell ? meanCell(cell, totalReason(cell, k), k) : none('not asked', 3);
    };
    rows.push({
      key: `${side}/all`,
      headers: [raterLabel(sides, side), 'All levels'],
      cells: [
        ...dimensionKeys.map(totalCell),
        totalCell(OVERALL),
        indexCell(wave.index[side], totalReason(total(OVERALL), k), k),
      ],
    });
  }
  return {
    key: 'heatmap',
    caption: `Scores by rater side, level and dimension, ${wave.label} (mean on the ${wave.scale.min}–${wave.scale.max} scale, n, rwg(j))`,
    rowHeaders: ['Rater side → rated side', 'Level'],
    columns: [
      ...dimensionKeys.map((key) => {
        const alpha = alphaOf(key);
        return {
          key,
          label: dimensionLabel(wave, key),
          parts: ['mean', 'n', 'rwg(j)'],
          note:
            alpha === null
              ? 'α not known'
              : `α ${formatAlpha(alpha)}${alpha < LOW_RELIABILITY ? ' ⚠ low reliability' : ''}`,
        };
      }),
      { key: OVERALL, label: 'Overall', parts: ['mean', 'n', 'rwg(j)'], note: 'all trust items' },
      { key: 'index', label: 'Trust Index', parts: ['index'], note: '0–100' },
    ],
    rows,
  };
}

function buildDimensionTable({ wave, sides }: WaveTablesInput): ResultsTableView {
  const k = wave.anonymityThreshold;
  return {
    key: 'dimensions',
    caption: `Trust Index per dimension and side, ${wave.label} (0–100)`,
    rowHeaders: ['Rater side → rated side'],
    columns: wave.dimensions.map((d) => ({
      key: d.key,
      label: dimensionLabel(wave, d.key),
      parts: ['index'],
    })),
    rows: SIDES.map((side) => ({
      key: side,
      headers: [raterLabel(sides, side)],
      cells: wave.dimensions.map((d) => {
        const total = wave.sideCells.find((c) => c.side === side && c.dimension === d.key);
        return indexCell(wave.indexByDimension[side][d.key] ?? null, totalReason(total, k), k);
      }),
    })),
  };
}

function buildReliabilityTable({ wave }: WaveTablesInput): ResultsTableView {
  return {
    key: 'reliability',
    caption: `Reliability of each dimension's items, ${wave.label} (Cronbach's α over all respondents)`,
    rowHeaders: ['Dimension'],
    columns: [
      { key: 'alpha', label: "Cronbach's α", parts: ['α'] },
      { key: 'n', label: 'Respondents with every item', parts: ['n'] },
      { key: 'items', label: 'Items', parts: ['items'] },
    ],
    rows: wave.reliability.map((r) => ({
      key: r.dimension,
      headers: [dimensionLabel(wave, r.dimension)],
      cells: [
        r.alpha === null
          ? none(
              r.n < wave.anonymityThreshold
                ? suppressedText('too-few', wave.anonymityThreshold)
                : 'not known',
            )
          : shown([formatAlpha(r.alpha)], r.alpha, r.alpha < LOW_RELIABILITY ? ['low reliability'] : []),
        shown([String(r.n)], r.n),
        shown([String(r.items)], r.items),
      ],
    })),
  };
}

export type GapReading = 'overestimates' | 'underestimates' | 'close' | null;

/** A blind spot: the side's belief about how it is seen misses by BLIND_SPOT_POINTS or more. */
export function readGap(gapPoints: number | null): GapReading {
  if (gapPoints === null) return null;
  if (gapPoints >= BLIND_SPOT_POINTS) return 'overestimates';
  if (gapPoints <= -BLIND_SPOT_POINTS) return 'underestimates';
  return 'close';
}

function buildGapTable({ wave, sides }: WaveTablesInput): ResultsTableView {
  const k = wave.anonymityThreshold;
  const hidden = (): ResultsCellView => ({
    texts: [suppressedText('too-few', k)],
    state: 'too-few',
    warnings: [],
    value: null,
  });
  return {
    key: 'gaps',
    caption: `Perception gaps, ${wave.label}: what each side believes the other thinks of it, against what the other reports`,
    rowHeaders: ['Side', 'Dimension'],
    columns: [
      { key: 'perceived', label: 'Believes it is rated', parts: ['mean'] },
      { key: 'actual', label: 'Is rated', parts: ['mean'] },
      { key: 'gap', label: 'Gap', parts: ['scale points'] },
      { key: 'points', label: 'Gap in index points', parts: ['points'] },
      { key: 'reading', label: 'Reading', parts: ['reading'], isText: true },
    ],
    rows: wave.gaps.map((gap) => {
      const reading = readGap(gap.gapPoints);
      const other = sides[otherSide(gap.side)].name;
      return {
        key: `${gap.side}/${gap.dimension}`,
        headers: [sides[gap.side].name, dimensionLabel(wave, gap.dimension)],
        cells: [
          gap.perceived === null ? hidden() : shown([formatMean(gap.perceived)], gap.perceived),
          gap.actual === null ? hidden() : shown([formatMean(gap.actual)], gap.actual),
          gap.gap === null ? none('not known') : shown([formatSigned(gap.gap)], gap.gap),
          gap.gapPoints === null ? none('not known') : shown([formatPoints(gap.gapPoints)], gap.gapPoints),
          reading === null
            ? none('not known')
            : reading === 'close'
              ? shown(['close'], null)
              : shown(
                  [
                    reading === 'overestimates'
                      ? `blind spot: thinks ${other} rates it higher than ${other} does`
                      : `blind spot: thinks ${other} rates it lower than ${other} does`,
                  ],
                  null,
                  [`blind spot (${reading})`],
                ),
        ],
      };
    }),
  };
}

export type LevelSpread = {
  side: Side;
  high: { level: Level; index: number };
  low: { level: Level; index: number };
  spread: number;
};

/** The highest and lowest level of a side's Trust Index, when at least two levels are shown. */
export function findLevelSpread(wave: WaveAnalysis, side: Side): LevelSpread | null {
  const known = LEVELS.flatMap((level) => {
    const index = wave.indexByLevel[side][level];
    return index === null ? [] : [{ level, index }];
  });
  if (known.length < 2) return null;
  const high = known.reduce((a, b) => (b.index > a.index ? b : a));
  const low = known.reduce((a, b) => (b.index < a.index ? b : a));
  return { side, high, low, spread: high.index - low.index };
}

function buildLevelTable({ wave, sides }: WaveTablesInput): ResultsTableView {
  const k = wave.anonymityThreshold;
  return {
    key: 'levels',
    caption: `Level alignment within each side, ${wave.label} (Trust Index per level)`,
    rowHeaders: ['Rater side → rated side'],
    columns: [
      ...LEVELS.map((level) => ({ key: level, label: LEVEL_LABELS[level], parts: ['index'] })),
      { key: 'spread', label: 'Spread, highest − lowest level', parts: ['points'] },
    ],
    rows: SIDES.map((side) => {
      const spread = findLevelSpread(wave, side);
      return {
        key: side,
        headers: [raterLabel(sides, side)],
        cells: [
          ...LEVELS.map((level) => {
            const cell = wave.overallCells.find((c) => c.side === side && c.level === level);
            return indexCell(wave.indexByLevel[side][level], cell?.suppression ?? null, k);
          }),
          spread === null
            ? none('not known')
            : shown(
                [formatIndex(spread.spread)],
                spread.spread,
                spread.spread >= LEVEL_SPREAD_POINTS
                  ? [`levels diverge: ${LEVEL_LABELS[spread.low.level].toLowerCase()} lowest`]
                  : [],
              ),
        ],
      };
    }),
  };
}

function buildResponseTable({ wave, sides, tracking }: WaveTablesInput): ResultsTableView {
  const hasLinks = tracking?.hasLinks ?? false;
  const unknown = 'not known (imported wave)';
  return {
    key: 'responses',
    caption: `Response rates by side and level, ${wave.label}`,
    rowHeaders: ['Side', 'Level'],
    columns: [
      { key: 'invited', label: 'Invited', parts: ['n'] },
      { key: 'started', label: 'Started', parts: ['n'] },
      { key: 'submitted', label: 'Submitted', parts: ['n'] },
      { key: 'rate', label: 'Response rate', parts: ['%'] },
    ],
    rows: SIDES.flatMap((side) =>
      LEVELS.map((level) => {
        const counts = tracking?.cells.find((c) => c.side === side && c.level === level);
        const submitted = wave.respondents[side][level];
        const rate =
          hasLinks && counts && counts.invited > 0
            ? Math.round((counts.submitted / counts.invited) * 100)
            : null;
        return {
          key: `${side}/${level}`,
          headers: [sides[side].name, LEVEL_LABELS[level]],
          cells: [
            hasLinks && counts ? shown([String(counts.invited)], counts.invited) : none(unknown),
            hasLinks && counts ? shown([String(counts.started)], counts.started) : none(unknown),
            shown([String(submitted)], submitted),
            rate === null ? none(hasLinks ? 'nobody invited' : unknown) : shown([`${rate}%`], rate),
          ],
        };
      }),
    ),
  };
}
