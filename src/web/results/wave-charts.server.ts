import { OVERALL, type WaveAnalysis } from '../../domain/analyze-relationship.ts';
import { SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { type ChartOption, renderChartSvg } from '../charts/render-chart.server.ts';
import type { ResultsTableView } from '../components/results-table.tsx';
import { dimensionLabel, raterLabel } from './build-wave-tables.ts';
import { formatIndex } from './format-results.ts';

// The charts of a wave's dashboard as ECharts options, drawn to SVG on the server (decision 013).
// Labels are the texts of the tables the page shows beside them, so chart and table agree.

export type RenderedChart = { svg: string; summary: string };

const WIDTH = 760;

/** Light grey for a hidden cell, with dark text: never mistaken for a low score. */
const HIDDEN_FILL = '#e3e7eb';
const INK = '#1b1f24';

/** The diverging scale of the heatmap: orange (low), near-white (middle), blue (high). */
const SCALE_STOPS = ['#b3541e', '#f4f6f8', '#0b5cad'] as const;

/** Colour of a 0–1 position on SCALE_STOPS, interpolated as ECharts' visualMap does (RGB, linear). */
export function scaleColor(t: number): string {
  const rgb = SCALE_STOPS.map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
  const clamped = Math.min(1, Math.max(0, t));
  const [from, to, u] =
    clamped < 0.5 ? [rgb[0]!, rgb[1]!, clamped * 2] : [rgb[1]!, rgb[2]!, (clamped - 0.5) * 2];
  const channel = (i: number) => Math.round(from[i]! + (to[i]! - from[i]!) * u);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

/** White or ink, whichever reads better on the fill (WCAG relative luminance). */
export function labelColorOn(fill: string): string {
  const linear = [1, 3, 5].map((i) => {
    const c = Number.parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? INK : '#ffffff';
}

/** The heatmap of side × level rows and dimension columns, from the heatmap table's cells. */
export function buildHeatmapOption(wave: WaveAnalysis, table: ResultsTableView): ChartOption {
  const columns = table.columns.filter((c) => c.key !== 'index');
  const rows = table.rows.map((row) => `${row.headers[0]?.split(' → ')[0] ?? ''} · ${row.headers[1] ?? ''}`);
  const { min, max } = wave.scale;
  const cells = table.rows.flatMap((row, y) =>
    columns.map((column, x) => {
      const cell = row.cells[table.columns.indexOf(column)]!;
      const isHidden = cell.state !== 'shown' || cell.value == null;
      const fill = isHidden ? HIDDEN_FILL : scaleColor((cell.value! - min) / (max - min));
      const label = isHidden
        ? cell.state === 'too-few'
          ? `< ${wave.anonymityThreshold}`
          : 'hidden'
        : cell.texts[0]!;
      return {
        isHidden,
        value: [x, y, isHidden ? 0 : cell.value!],
        label: { show: true, formatter: label, color: labelColorOn(fill), fontSize: 13 },
      };
    }),
  );
  const itemStyle = { borderColor: '#ffffff', borderWidth: 2 };
  const seriesOf = (isHidden: boolean) =>
    cells.filter((c) => c.isHidden === isHidden).map(({ value, label }) => ({ value, label }));
  return {
    // Fixed margins rather than containLabel: the row names get a fixed width and are cut short
    // with an ellipsis when longer (the table beside the chart names every row in full).
    grid: { left: 236, right: 8, top: 48, bottom: 8 },
    xAxis: {
      type: 'category',
      position: 'top',
      data: columns.map((c) => c.label),
      axisLabel: { interval: 0, width: 84, overflow: 'break', fontSize: 12 },
      axisTick: { show: false },
      axisLine: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows,
      axisLabel: { fontSize: 12, width: 224, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { show: false },
    },
    // Shown means on the diverging scale; hidden cells in a series of their own, always grey, so
    // a hidden cell can never be read as a low score.
    visualMap: [
      {
        show: false,
        type: 'continuous',
        seriesIndex: 0,
        min,
        max,
        dimension: 2,
        inRange: { color: [...SCALE_STOPS] },
      },
      {
        show: false,
        type: 'continuous',
        seriesIndex: 1,
        min: 0,
        max: 1,
        dimension: 2,
        inRange: { color: [HIDDEN_FILL, HIDDEN_FILL] },
      },
    ],
    series: [
      { type: 'heatmap', name: 'shown', data: seriesOf(false), itemStyle },
      { type: 'heatmap', name: 'hidden', data: seriesOf(true), itemStyle },
    ],
  };
}

export function renderHeatmap(wave: WaveAnalysis, table: ResultsTableView): RenderedChart {
  const hidden = table.rows
    .flatMap((r) => r.cells)
    .filter((c) => c.state === 'too-few' || c.state === 'complementary');
  const summary =
    `Heatmap of mean scores (${wave.scale.min} to ${wave.scale.max}) for each rater side and level (rows) on each dimension (columns); ` +
    `blue is higher, orange lower. ${hidden.length === 0 ? 'No cell is hidden.' : `${hidden.length} cells are hidden to keep small groups anonymous.`} ` +
    'The table below gives every number.';
  return {
    svg: renderChartSvg(buildHeatmapOption(wave, table), {
      width: WIDTH,
      height: 70 + table.rows.length * 44,
    }),
    summary,
  };
}

export function buildRadarOption(wave: WaveAnalysis, sides: Record<Side, SideInfo>): ChartOption {
  const keys = wave.dimensions.map((d) => d.key).filter((key) => key !== OVERALL);
  return {
    legend: { bottom: 0, orient: 'vertical', data: SIDES.map((side) => raterLabel(sides, side)) },
    radar: {
      center: ['50%', '46%'],
      radius: '62%',
      indicator: keys.map((key) => ({ name: dimensionLabel(wave, key), min: 0, max: 100 })),
      axisName: { color: INK, fontSize: 12 },
      splitNumber: 4,
    },
    series: [
      {
        type: 'radar',
        data: SIDES.map((side, i) => ({
          name: raterLabel(sides, side),
          value: keys.map((key) => wave.indexByDimension[side][key] ?? '-'),
          symbol: i === 0 ? 'circle' : 'triangle',
          symbolSize: 7,
          lineStyle: { width: 2, type: i === 0 ? 'solid' : 'dashed' },
          areaStyle: { opacity: 0.08 },
        })),
      },
    ],
  };
}

export function renderRadar(wave: WaveAnalysis, sides: Record<Side, SideInfo>): RenderedChart {
  const parts = SIDES.map((side) => {
    const values = wave.dimensions
      .map((d) => ({
        label: dimensionLabel(wave, d.key).toLowerCase(),
        index: wave.indexByDimension[side][d.key] ?? null,
      }))
      .filter((v): v is { label: string; index: number } => v.index !== null);
    if (values.length === 0) return `${raterLabel(sides, side)}: hidden (too few responses)`;
    const low = values.reduce((a, b) => (b.index < a.index ? b : a));
    const high = values.reduce((a, b) => (b.index > a.index ? b : a));
    return `${raterLabel(sides, side)}: highest ${high.label} ${formatIndex(high.index)}, lowest ${low.label} ${formatIndex(low.index)}`;
  });
  return {
    svg: renderChartSvg(buildRadarOption(wave, sides), { width: WIDTH, height: 440 }),
    summary: `Radar of the Trust Index (0–100) on each dimension, one shape per side. ${parts.join('. ')}.`,
  };
}
