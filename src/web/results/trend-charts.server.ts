import type { RelationshipAnalysis } from '../../domain/analyze-relationship.ts';
import { SIDES, type Side } from '../../domain/model.ts';
import { CHART_COLORS, type ChartOption, renderChartSvg } from '../charts/render-chart.server.ts';
import { dimensionLabel, raterLabel } from './build-wave-tables.ts';
import { formatIndex } from './format-results.ts';
import type { RenderedChart } from './wave-charts.server.ts';

// The trend page's charts (decision 013): each side's Trust Index across waves with its 95%
// confidence interval drawn as a band, and each side's dimensions across waves.

const WIDTH = 760;
const MISSING = '-';

export function buildTrendIndexOption(analysis: RelationshipAnalysis): ChartOption {
  const { sides } = analysis.relationship;
  const labels = analysis.waves.map((w) => w.label);
  const series = SIDES.flatMap((side, i) => {
    const color = CHART_COLORS[i]!;
    const stack = `ci-${side}`;
    const low = analysis.waves.map((w) => w.indexInterval[side]?.low ?? MISSING);
    const width = analysis.waves.map((w) => {
      const ci = w.indexInterval[side];
      return ci ? ci.high - ci.low : MISSING;
    });
    return [
      // The band: an invisible line at the lower bound, and the interval's width stacked on it.
      { type: 'line' as const, data: low, stack, symbol: 'none', lineStyle: { opacity: 0 }, silent: true },
      {
        type: 'line' as const,
        data: width,
        stack,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color, opacity: 0.15 },
        silent: true,
      },
      {
        type: 'line' as const,
        name: raterLabel(sides, side),
        data: analysis.waves.map((w) => w.index[side] ?? MISSING),
        color,
        symbol: i === 0 ? 'circle' : 'triangle',
        symbolSize: 9,
        lineStyle: { width: 3, type: i === 0 ? ('solid' as const) : ('dashed' as const) },
        label: {
          show: true,
          position: i === 0 ? ('top' as const) : ('bottom' as const),
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatIndex(p.value) : ''),
          color: '#1b1f24',
          fontSize: 12,
        },
      },
    ];
  });
  return {
    legend: { bottom: 0, orient: 'vertical', data: SIDES.map((side) => raterLabel(sides, side)) },
    grid: { left: 48, right: 56, top: 40, bottom: 84 },
    xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { fontSize: 12 } },
    yAxis: { type: 'value', min: 0, max: 100, name: 'Trust Index', axisLabel: { fontSize: 12 } },
    series,
  };
}

export function renderTrendIndex(analysis: RelationshipAnalysis): RenderedChart {
  const { sides } = analysis.relationship;
  const parts = SIDES.map((side) => {
    const known = analysis.waves.filter((w) => w.index[side] !== null);
    const first = known[0];
    const last = known.at(-1);
    if (!first || !last) return `${raterLabel(sides, side)}: hidden in every wave`;
    return `${raterLabel(sides, side)}: ${formatIndex(first.index[side]!)} at ${first.label}, ${formatIndex(last.index[side]!)} at ${last.label}`;
  });
  return {
    svg: renderChartSvg(buildTrendIndexOption(analysis), { width: WIDTH, height: 400 }),
    summary: `Line chart of each side's Trust Index (0–100) across waves, with a shaded 95% confidence interval. ${parts.join('. ')}.`,
  };
}

export function buildTrendDimensionOption(analysis: RelationshipAnalysis, side: Side): ChartOption {
  const latest = analysis.waves.at(-1);
  const keys = latest ? latest.dimensions.map((d) => d.key) : [];
  // Six lines on one chart: each has its own marker, dash and colour, and its name at its end,
  // so a line is told apart without the legend (and without colour). Pin and arrow markers sat
  // off their legend labels, so the six are plain shapes, filled and empty.
  const symbols = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect'];
  const dashes = ['solid', 'dashed', 'dotted'] as const;
  const shown = keys.flatMap((key) =>
    analysis.waves.flatMap((w) => {
      const value = w.indexByDimension[side][key];
      return value == null ? [] : [value];
    }),
  );
  // The axis spans the data (in steps of 10), not 0–100: lines 2 points apart stay apart.
  const low = shown.length > 0 ? Math.max(0, Math.floor((Math.min(...shown) - 5) / 10) * 10) : 0;
  const high = shown.length > 0 ? Math.min(100, Math.ceil((Math.max(...shown) + 5) / 10) * 10) : 100;
  return {
    legend: {
      bottom: 0,
      itemWidth: 28,
      itemHeight: 12,
      itemGap: 16,
      data: latest ? keys.map((key) => dimensionLabel(latest, key)) : [],
    },
    grid: { left: 48, right: 200, top: 40, bottom: 72 },
    xAxis: { type: 'category', data: analysis.waves.map((w) => w.label), boundaryGap: false },
    yAxis: { type: 'value', min: low, max: high, name: 'Trust Index' },
    series: latest
      ? keys.map((key, i) => ({
          type: 'line' as const,
          name: dimensionLabel(latest, key),
          data: analysis.waves.map((w) => w.indexByDimension[side][key] ?? MISSING),
          symbol: symbols[i % symbols.length],
          symbolSize: 9,
          lineStyle: { width: 2, type: dashes[i % dashes.length] },
          endLabel: {
            show: true,
            formatter: '{a}',
            fontSize: 11,
            color: '#1b1f24',
            width: 190,
            overflow: 'break',
          },
          labelLayout: { moveOverlap: 'shiftY' as const },
        }))
      : [],
  };
}

export function renderTrendDimensions(analysis: RelationshipAnalysis, side: Side): RenderedChart {
  const latest = analysis.waves.at(-1);
  const first = analysis.waves[0];
  const rater = raterLabel(analysis.relationship.sides, side);
  const moves =
    latest && first && latest !== first
      ? latest.dimensions.flatMap((d) => {
          const from = first.indexByDimension[side][d.key];
          const to = latest.indexByDimension[side][d.key];
          return from == null || to == null
            ? []
            : [`${dimensionLabel(latest, d.key).toLowerCase()} ${formatIndex(from)} to ${formatIndex(to)}`];
        })
      : [];
  return {
    svg: renderChartSvg(buildTrendDimensionOption(analysis, side), { width: WIDTH, height: 400 }),
    summary: `Line chart of ${rater} on each dimension (Trust Index 0–100) across waves${
      moves.length > 0 ? `, ${first!.label} to ${latest!.label}: ${moves.join('; ')}` : ''
    }.`,
  };
}
