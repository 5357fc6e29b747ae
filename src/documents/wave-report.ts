import { OVERALL, type RelationshipAnalysis, type WaveAnalysis } from '../domain/analyze-relationship.ts';
import { concernsText, describeEvidence, FINDING_KIND_LABELS } from '../domain/describe-evidence.ts';
import {
  type IncidentRecord,
  LEVELS,
  type Level,
  otherSide,
  SIDES,
  type Side,
  type SideInfo,
} from '../domain/model.ts';
import type { CharterVersion, ReleasedFinding, WorkstreamStatusView } from '../domain/share-and-act.ts';
import { possessive } from '../domain/words.ts';
import type { ResultsTableView } from '../web/components/results-table.tsx';
import { LEVEL_LABELS } from '../web/components/setup-labels.tsx';
import { RAG_LABELS, WORKSTREAM_TYPE_LABELS } from '../web/components/share-and-act-labels.ts';
import { buildChangeTable, buildIncidentPeriods } from '../web/results/build-trend-tables.ts';
import { buildWaveHeadlines } from '../web/results/build-wave-headlines.ts';
import {
  dimensionLabel,
  findLevelSpread,
  raterLabel,
  readGap,
  stageText,
  type WaveTables,
} from '../web/results/build-wave-tables.ts';
import { BLIND_SPOT_POINTS, formatIndex, formatRange, formatSigned } from '../web/results/format-results.ts';

// What the workshop deck and the PDF report say about one closed wave (issue 11, items 1–2), built
// once from the analysis `trustloop analyze --json` prints, the tables the results pages show, and
// the released material: the deck and the report draw the same figures from the same numbers, and
// neither can show a figure the anonymity rules hide (a hidden value is null here and a sentence
// there). Findings come from the wave's latest joint release only; quotes only as that release's
// evidence; workstreams as sponsors follow them; the charter as its latest version.

/** A chart both documents can draw: PowerPoint natively (bar, line, radar), the PDF with vectors. */
export type ChartSpec = {
  type: 'bar' | 'line' | 'radar';
  /** Bars lie along the category axis from left to right, or from top to bottom when horizontal. */
  horizontal?: boolean;
  categories: string[];
  /** A null value is hidden (anonymity) or absent: drawn as a gap, never as zero. */
  series: { name: string; values: (number | null)[] }[];
  axis: { min: number; max: number; title: string };
};

/** The heatmap as a grid of coloured cells: a value on the scale, or the words of why it is hidden. */
export type HeatGrid = {
  columns: string[];
  rows: { side: string; level: string; cells: { text: string; value: number | null }[] }[];
  scale: { min: number; max: number };
};

export type ReportFigure = {
  key: 'indices' | 'dimensions' | 'heatmap' | 'gaps' | 'levels' | 'trend' | 'incident-themes';
  title: string;
  /** What the numbers say, in short sentences (the slide's side panel, the report's text). */
  takeaways: string[];
  /** How to read the figure, in plain words (speaker notes, the report's caption). */
  howToRead: string;
  chart: ChartSpec | null;
  grid: HeatGrid | null;
  /** The figure's table, as the results page and its CSV download show it. */
  table: ResultsTableView | null;
};

export type ReportQuote = {
  text: string;
  side: Side;
  level: Level | null;
  source: 'interview' | 'comment';
  /** "Northwater Utilities, operational": the side, and the level where the evidence had one. */
  who: string;
};

export type WaveReportInput = {
  workspace: { name: string; colour: string };
  analysis: RelationshipAnalysis;
  incidents: readonly IncidentRecord[];
  wave: string;
  tables: WaveTables;
  generatedOn: string;
  /** The wave's latest joint release, if any. */
  release: { releasedAt: string; releasedBy: string; findings: ReleasedFinding[] } | null;
  workstreams: WorkstreamStatusView[];
  charter: { version: CharterVersion; isSigned: boolean } | null;
};

export type WaveReport = {
  workspace: { name: string; colour: string };
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  wave: { label: string; opens: string; closes: string; k: number; respondents: Record<Side, number> };
  generatedOn: string;
  released: { on: string; by: string } | null;
  /** Each side's Trust Index and interval as `analyze --json` has them (null: hidden). */
  index: Record<Side, { value: number; low: number | null; high: number | null } | null>;
  stage: { text: string; level: number | null; name: string; reasons: string[]; cappedBy: string[] };
  stageByLevel: { level: string; text: string }[];
  headlines: string[];
  figures: ReportFigure[];
  findings: Array<{
    ref: string;
    kind: string;
    concerns: string;
    title: string;
    body: string;
    evidence: string[];
  }>;
  quotes: ReportQuote[];
  workstreams: Array<{
    key: string;
    title: string;
    type: string;
    status: string;
    progress: string;
    latest: string;
  }>;
  charter: {
    version: number;
    signed: boolean;
    vision: string;
    principles: string[];
    behaviours: string[];
    commitments: Record<Side, string[]>;
    governance: string[];
  } | null;
  /** True when the anonymity rules hide every index of the wave: the documents say so first. */
  isAllHidden: boolean;
};

export function buildWaveReport(input: WaveReportInput): WaveReport {
  const { analysis } = input;
  const position = analysis.waves.findIndex((w) => w.label === input.wave);
  const wave = analysis.waves[position];
  if (!wave) throw new RangeError(`no closed wave "${input.wave}" in the analysis`);
  const sides = analysis.relationship.sides;
  const respondents = (side: Side) => LEVELS.reduce((sum, level) => sum + wave.respondents[side][level], 0);
  const index = Object.fromEntries(
    SIDES.map((side) => {
      const value = wave.index[side];
      const interval = wave.indexInterval[side];
      return [
        side,
        value === null ? null : { value, low: interval?.low ?? null, high: interval?.high ?? null },
      ];
    }),
  ) as WaveReport['index'];

  // The trend reads up to this wave only: a report on the baseline does not know what came after.
  const upTo: RelationshipAnalysis = {
    ...analysis,
    waves: analysis.waves.slice(0, position + 1),
    changes: analysis.changes.filter((c) =>
      analysis.waves.slice(0, position + 1).some((w) => w.label === c.to),
    ),
  };
  const figures: ReportFigure[] = [
    indexFigure(wave, sides, input.tables),
    dimensionFigure(wave, sides, input.tables),
    heatmapFigure(wave, input.tables),
    gapFigure(wave, sides, input.tables),
    levelFigure(wave, sides, input.tables),
  ];
  if (upTo.waves.length > 1) figures.push(trendFigure(upTo, sides));
  const themes = incidentThemeFigure(upTo, input.incidents, wave);
  if (themes) figures.push(themes);
  // A chart with every value hidden is no chart: both documents say why in words instead.
  for (const figure of figures) {
    if (figure.chart && !figure.chart.series.some((series) => series.values.some((v) => v !== null))) {
      figure.chart = null;
    }
  }

  const findings = input.release?.findings ?? [];
  return {
    workspace: input.workspace,
    relationship: analysis.relationship,
    wave: {
      label: wave.label,
      opens: wave.opens,
      closes: wave.closes,
      k: wave.anonymityThreshold,
      respondents: { A: respondents('A'), B: respondents('B') },
    },
    generatedOn: input.generatedOn,
    released: input.release
      ? { on: input.release.releasedAt.slice(0, 10), by: input.release.releasedBy }
      : null,
    index,
    stage: {
      text: stageText(wave.stage),
      level: wave.stage.level,
      name: wave.stage.name,
      reasons: wave.stage.reasons,
      cappedBy: wave.stage.cappedBy,
    },
    stageByLevel: LEVELS.map((level) => ({
      level: LEVEL_LABELS[level],
      text: stageText(wave.stageByLevel[level]),
    })),
    headlines: buildWaveHeadlines(wave, sides).map((h) => h.text),
    figures,
    findings: findings.map((finding) => ({
      ref: finding.ref,
      kind: FINDING_KIND_LABELS[finding.kind],
      concerns: concernsText(finding.concerns, sides),
      title: finding.title,
      body: finding.body,
      evidence: finding.evidence.map((e) => `${e.label}: ${describeEvidence(e.snapshot)}`),
    })),
    quotes: findings.flatMap((finding) =>
      finding.evidence.flatMap((e): ReportQuote[] => {
        const { snapshot } = e;
        if (snapshot.kind !== 'quote' && snapshot.kind !== 'comment') return [];
        const level = snapshot.level;
        const who =
          level === null
            ? sides[snapshot.side].name
            : `${sides[snapshot.side].name}, ${LEVEL_LABELS[level].toLowerCase()}`;
        return [
          {
            text: snapshot.text,
            side: snapshot.side,
            level,
            source: snapshot.kind === 'quote' ? 'interview' : 'comment',
            who,
          },
        ];
      }),
    ),
    workstreams: input.workstreams.map((w) => ({
      key: w.key,
      title: w.title,
      type: WORKSTREAM_TYPE_LABELS[w.type],
      status: w.status === 'closed' ? 'Closed' : w.rag === null ? 'No update yet' : RAG_LABELS[w.rag],
      progress: `${w.actions.done} done, ${w.actions.open} open${w.actions.overdue > 0 ? `, ${w.actions.overdue} overdue` : ''}`,
      latest: w.latest ? `${w.latest.on}: ${w.latest.note}` : '',
    })),
    charter: input.charter
      ? {
          version: input.charter.version.version,
          signed: input.charter.isSigned,
          vision: input.charter.version.vision,
          principles: input.charter.version.principles,
          behaviours: input.charter.version.behaviours,
          commitments: input.charter.version.commitments,
          governance: input.charter.version.governance,
        }
      : null,
    isAllHidden: SIDES.every((side) => wave.index[side] === null),
  };
}

/** What a document says where a whole figure is hidden. */
export const hiddenSentence = (k: number) =>
  `Hidden to keep small groups anonymous: fewer than ${k} answered, or showing it would reveal a group that small.`;

function indexFigure(wave: WaveAnalysis, sides: Record<Side, SideInfo>, tables: WaveTables): ReportFigure {
  const takeaways = SIDES.map((side) => {
    const value = wave.index[side];
    const interval = wave.indexInterval[side];
    const who = `${possessive(sides[side].name)} trust in ${sides[otherSide(side)].name}`;
    if (value === null) return `${who}: hidden (fewer than ${wave.anonymityThreshold} answered).`;
    return `${who}: ${formatIndex(value)}${interval ? ` (95% CI ${formatRange(formatIndex(interval.low), formatIndex(interval.high))})` : ''}.`;
  });
  const [a, b] = [wave.indexInterval.A, wave.indexInterval.B];
  if (a && b) {
    takeaways.push(
      a.high < b.low || b.high < a.low
        ? 'The two intervals do not overlap: the sides trust each other differently, beyond chance.'
        : 'The two intervals overlap: the difference between the sides may be chance.',
    );
  }
  return {
    key: 'indices',
    title: 'Trust Index per side',
    takeaways,
    howToRead:
      'Each bar is how much one side trusts the other, on a scale from 0 (no trust) to 100 (full trust), over every trust question and level. The interval in brackets is where the true value lies with 95% confidence: when the two intervals overlap, the sides may not really differ.',
    chart: {
      type: 'bar',
      categories: SIDES.map((side) => raterLabel(sides, side)),
      series: [{ name: 'Trust Index', values: SIDES.map((side) => wave.index[side]) }],
      axis: { min: 0, max: 100, title: 'Trust Index (0–100)' },
    },
    grid: null,
    table: tables.indices,
  };
}

function dimensionFigure(
  wave: WaveAnalysis,
  sides: Record<Side, SideInfo>,
  tables: WaveTables,
): ReportFigure {
  const takeaways: string[] = [];
  for (const side of SIDES) {
    const known = wave.dimensions.flatMap((d) => {
      const value = wave.indexByDimension[side][d.key] ?? null;
      return value === null ? [] : [{ label: dimensionLabel(wave, d.key).toLowerCase(), value }];
    });
    if (known.length === 0) {
      takeaways.push(`${sides[side].name}: every dimension is hidden (too few answers).`);
      continue;
    }
    const high = known.reduce((x, y) => (y.value > x.value ? y : x));
    const low = known.reduce((x, y) => (y.value < x.value ? y : x));
    takeaways.push(
      `${sides[side].name} rates ${sides[otherSide(side)].name} highest on ${high.label} (${formatIndex(high.value)}) and lowest on ${low.label} (${formatIndex(low.value)}).`,
    );
  }
  const values = (side: Side) => wave.dimensions.map((d) => wave.indexByDimension[side][d.key] ?? null);
  const anyHidden = SIDES.some((side) => values(side).includes(null));
  return {
    key: 'dimensions',
    title: 'Trust by dimension',
    takeaways,
    howToRead:
      'Trust has several parts: competence, reliability, integrity, benevolence, openness and intent. Each axis (or bar) is one part, on the 0–100 Trust Index, one line per side. Where the lines are far apart, the two sides trust each other differently on that part.',
    chart: {
      // A radar needs every point; a hidden dimension would be drawn as zero, so hidden → bars.
      type: anyHidden ? 'bar' : 'radar',
      categories: wave.dimensions.map((d) => dimensionLabel(wave, d.key)),
      series: SIDES.map((side) => ({ name: raterLabel(sides, side), values: values(side) })),
      axis: { min: 0, max: 100, title: 'Trust Index (0–100)' },
    },
    grid: null,
    table: tables.dimensions,
  };
}

function heatmapFigure(wave: WaveAnalysis, tables: WaveTables): ReportFigure {
  const table = tables.heatmap;
  const columns = table.columns.filter((c) => c.key !== 'index');
  const hidden = table.rows
    .flatMap((row) => row.cells)
    .filter((c) => c.state === 'too-few' || c.state === 'complementary');
  const lowest = table.rows
    .flatMap((row) =>
      columns.map((column) => ({ row, column, cell: row.cells[table.columns.indexOf(column)]! })),
    )
    .filter(
      ({ row, column, cell }) =>
        cell.state === 'shown' &&
        cell.value != null &&
        row.headers[1] !== 'All levels' &&
        column.key !== OVERALL,
    )
    .sort((x, y) => x.cell.value! - y.cell.value!)[0];
  const takeaways: string[] = [];
  if (lowest) {
    takeaways.push(
      `The lowest score is ${lowest.row.headers[0]}, ${lowest.row.headers[1]?.toLowerCase()}, on ${lowest.column.label.toLowerCase()}: ${lowest.cell.texts[0]} on the ${wave.scale.min}–${wave.scale.max} scale.`,
    );
  }
  takeaways.push(
    hidden.length === 0
      ? 'Every cell is shown: each group has enough respondents.'
      : `${hidden.length} ${hidden.length === 1 ? 'cell is' : 'cells are'} hidden to keep small groups anonymous (k = ${wave.anonymityThreshold}).`,
  );
  return {
    key: 'heatmap',
    title: 'Heatmap: side × level × dimension',
    takeaways,
    howToRead: `Each row is one level of one side; each column one part of trust. The number is the average answer on the ${wave.scale.min}–${wave.scale.max} scale: blue is high, orange is low. A grey cell is hidden because fewer than ${wave.anonymityThreshold} people answered there, or because showing it would let someone work out a group that small.`,
    chart: null,
    grid: {
      columns: columns.map((c) => c.label),
      rows: table.rows.map((row) => ({
        side: row.headers[0]?.split(' → ')[0] ?? '',
        level: row.headers[1] ?? '',
        cells: columns.map((column) => {
          const cell = row.cells[table.columns.indexOf(column)]!;
          const isShown = cell.state === 'shown' && cell.value != null;
          return {
            text: isShown
              ? cell.texts[0]!
              : cell.state === 'too-few'
                ? `< ${wave.anonymityThreshold}`
                : cell.state === 'none'
                  ? '–'
                  : 'hidden',
            value: isShown ? cell.value! : null,
          };
        }),
      })),
      scale: wave.scale,
    },
    table,
  };
}

function gapFigure(wave: WaveAnalysis, sides: Record<Side, SideInfo>, tables: WaveTables): ReportFigure {
  const takeaways: string[] = [];
  for (const side of SIDES) {
    const spots = wave.gaps.filter(
      (g) => g.side === side && g.gapPoints !== null && readGap(g.gapPoints) !== 'close',
    );
    const other = sides[otherSide(side)].name;
    if (spots.length === 0) {
      takeaways.push(
        `${sides[side].name} reads ${possessive(other)} view of it well: no gap of ${BLIND_SPOT_POINTS} points or more.`,
      );
      continue;
    }
    const largest = spots.reduce((x, y) => (Math.abs(y.gapPoints!) > Math.abs(x.gapPoints!) ? y : x));
    takeaways.push(
      `${sides[side].name} believes ${other} rates its ${dimensionLabel(wave, largest.dimension).toLowerCase()} ${formatIndex(Math.abs(largest.gapPoints!))} points ${largest.gapPoints! > 0 ? 'higher' : 'lower'} than ${other} does${spots.length > 1 ? ` (blind spots on ${spots.length} dimensions)` : ''}.`,
    );
  }
  const keys = wave.dimensions.map((d) => d.key);
  const widest = Math.max(
    BLIND_SPOT_POINTS,
    ...wave.gaps.flatMap((g) => (g.gapPoints === null ? [] : [Math.abs(g.gapPoints)])),
  );
  const reach = Math.ceil((widest + 2) / 5) * 5;
  return {
    key: 'gaps',
    title: 'Perception gaps and blind spots',
    takeaways,
    howToRead: `Each side was asked how it thinks the other side sees it. A bar is that belief minus what the other side really reported, in Trust Index points: above zero, the side thinks it is trusted more than it is; below zero, less. ${BLIND_SPOT_POINTS} points or more either way is a blind spot worth talking about.`,
    chart: {
      type: 'bar',
      categories: keys.map((key) => dimensionLabel(wave, key)),
      series: SIDES.map((side) => ({
        name: `${possessive(sides[side].name)} belief − ${possessive(sides[otherSide(side)].name)} rating`,
        values: keys.map(
          (key) => wave.gaps.find((g) => g.side === side && g.dimension === key)?.gapPoints ?? null,
        ),
      })),
      axis: { min: -reach, max: reach, title: 'Gap (Trust Index points)' },
    },
    grid: null,
    table: tables.gaps,
  };
}

function levelFigure(wave: WaveAnalysis, sides: Record<Side, SideInfo>, tables: WaveTables): ReportFigure {
  const takeaways = SIDES.map((side) => {
    const spread = findLevelSpread(wave, side);
    if (spread === null) return `${sides[side].name}: fewer than two levels can be shown.`;
    return `${possessive(sides[side].name)} ${LEVEL_LABELS[spread.high.level].toLowerCase()} trust ${sides[otherSide(side)].name} most (${formatIndex(spread.high.index)}), its ${LEVEL_LABELS[spread.low.level].toLowerCase()} least (${formatIndex(spread.low.index)}): ${formatIndex(spread.spread)} points apart.`;
  });
  return {
    key: 'levels',
    title: 'Level alignment',
    takeaways,
    howToRead:
      'Trust lives differently at each level. Each group of bars is one level (leadership, operational, staff), one bar per side, on the 0–100 Trust Index. A level far below the others is where trust needs work first; a missing bar is hidden because too few people answered there.',
    chart: {
      type: 'bar',
      categories: LEVELS.map((level) => LEVEL_LABELS[level]),
      series: SIDES.map((side) => ({
        name: raterLabel(sides, side),
        values: LEVELS.map((level) => wave.indexByLevel[side][level]),
      })),
      axis: { min: 0, max: 100, title: 'Trust Index (0–100)' },
    },
    grid: null,
    table: tables.levels,
  };
}

function trendFigure(upTo: RelationshipAnalysis, sides: Record<Side, SideInfo>): ReportFigure {
  const last = upTo.waves.at(-1)!;
  const previous = upTo.waves.at(-2)!;
  const first = upTo.waves[0]!;
  const since = (side: Side, from: string) => {
    const change = upTo.changes.find(
      (c) => c.side === side && c.dimension === OVERALL && c.from === from && c.to === last.label,
    );
    const who = `${possessive(sides[side].name)} trust in ${sides[otherSide(side)].name}`;
    if (
      !change ||
      change.suppressed ||
      change.diff === null ||
      change.ciLow === null ||
      change.ciHigh === null
    ) {
      return `${who}: no change can be shown since ${from} (too few answers).`;
    }
    const beyond = change.ciLow > 0 || change.ciHigh < 0;
    return `${who} ${change.diff >= 0 ? 'rose' : 'fell'} since ${from}${beyond ? ', beyond chance' : ', within chance'} (mean ${formatSigned(change.diff)}, 95% CI ${formatSigned(change.ciLow)} to ${formatSigned(change.ciHigh)}).`;
  };
  const takeaways = SIDES.map((side) => since(side, previous.label));
  if (first !== previous) takeaways.push(...SIDES.map((side) => since(side, first.label)));
  return {
    key: 'trend',
    title: `Trend since ${upTo.waves[0]!.label}`,
    takeaways,
    howToRead:
      'Each line is one side’s Trust Index, wave by wave. A change is “beyond chance” when its 95% interval does not include zero; otherwise the line may have moved by chance alone. The table lists every change with its interval and effect size (Hedges’ g).',
    chart: {
      type: 'line',
      categories: upTo.waves.map((w) => w.label),
      series: SIDES.map((side) => ({
        name: raterLabel(sides, side),
        values: upTo.waves.map((w) => w.index[side]),
      })),
      axis: { min: 0, max: 100, title: 'Trust Index (0–100)' },
    },
    grid: null,
    table: buildChangeTable(upTo),
  };
}

function incidentThemeFigure(
  upTo: RelationshipAnalysis,
  incidents: readonly IncidentRecord[],
  wave: WaveAnalysis,
): ReportFigure | null {
  const period = buildIncidentPeriods(upTo, []).find((p) => p.key === wave.label);
  if (!period) return null;
  const inPeriod = incidents.filter((incident) => {
    const month = incident.occurredOn.slice(0, 7);
    return (period.from === null || period.from <= month) && (period.to === null || month <= period.to);
  });
  if (inPeriod.length === 0) return null;
  const counts = new Map<string, { builds: number; dilutes: number }>();
  for (const incident of inPeriod) {
    for (const theme of incident.themes.length > 0 ? incident.themes : ['(no theme)']) {
      const count = counts.get(theme) ?? { builds: 0, dilutes: 0 };
      count[incident.direction === 'builds' ? 'builds' : 'dilutes'] += 1;
      counts.set(theme, count);
    }
  }
  const themes = [...counts.entries()]
    .sort((x, y) => y[1].builds + y[1].dilutes - (x[1].builds + x[1].dilutes) || x[0].localeCompare(y[0]))
    .slice(0, 8);
  const top = themes[0]!;
  const builds = inPeriod.filter((i) => i.direction === 'builds').length;
  return {
    key: 'incident-themes',
    title: `Incident themes, ${period.label}`,
    takeaways: [
      `${inPeriod.length} ${inPeriod.length === 1 ? 'incident' : 'incidents'} in this period: ${builds} built trust, ${inPeriod.length - builds} diluted it.`,
      `The theme that comes up most is “${top[0]}” (${top[1].builds} building, ${top[1].dilutes} diluting).`,
    ],
    howToRead:
      'Critical incidents are specific events that built or diluted trust, told in interviews, the survey or a workshop and coded by theme. Each pair of bars counts one theme’s incidents in the period before this wave closed: building and diluting. An incident with two themes counts in both.',
    chart: {
      type: 'bar',
      horizontal: true,
      categories: themes.map(([theme]) => theme),
      series: [
        { name: 'Building', values: themes.map(([, c]) => c.builds) },
        { name: 'Diluting', values: themes.map(([, c]) => c.dilutes) },
      ],
      axis: {
        min: 0,
        max: Math.max(1, ...themes.map(([, c]) => Math.max(c.builds, c.dilutes))),
        title: 'Incidents',
      },
    },
    grid: null,
    table: {
      key: 'incident-themes',
      caption: `Incidents by theme, ${period.label}`,
      rowHeaders: ['Theme'],
      columns: [
        { key: 'builds', label: 'Building', parts: ['incidents'] },
        { key: 'dilutes', label: 'Diluting', parts: ['incidents'] },
      ],
      rows: themes.map(([theme, c]) => ({
        key: theme,
        headers: [theme],
        cells: [
          { texts: [String(c.builds)], state: 'shown', warnings: [], value: c.builds },
          { texts: [String(c.dilutes)], state: 'shown', warnings: [], value: c.dilutes },
        ],
      })),
    },
  };
}
