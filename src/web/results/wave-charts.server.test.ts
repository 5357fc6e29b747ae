import { expect, test } from 'vitest';
import { generateDemoBundle } from '../../demo/generate-demo-bundle.ts';
import { analyzeRelationship } from '../../domain/analyze-relationship.ts';
import { bundleToAnalysisInput } from '../../domain/bundle/bundle-to-analysis-input.ts';
import { buildWaveTables } from './build-wave-tables.ts';
import { renderTrendIndex } from './trend-charts.server.ts';
import {
  buildHeatmapOption,
  labelColorOn,
  renderHeatmap,
  renderRadar,
  scaleColor,
} from './wave-charts.server.ts';

const demo = analyzeRelationship(bundleToAnalysisInput(generateDemoBundle(), 'demo'));
const wave = demo.waves[0]!;
const tables = buildWaveTables({ wave, sides: demo.relationship.sides, tracking: null });

test('the colour scale runs orange to near-white to blue', () => {
  expect([scaleColor(0), scaleColor(0.5), scaleColor(1)]).toEqual(['#b3541e', '#f4f6f8', '#0b5cad']);
});

test('labels are white on dark fills and ink on light ones', () => {
  expect(labelColorOn('#0b5cad')).toBe('#ffffff');
  expect(labelColorOn('#f4f6f8')).toBe('#1b1f24');
});

type HeatmapSeries = Array<{
  name: string;
  data: Array<{ value: [number, number, number]; label: { formatter: string } }>;
}>;

test('the heatmap labels are the table texts, so chart and table cannot differ', () => {
  const option = buildHeatmapOption(wave, tables.heatmap) as { series: HeatmapSeries };
  const texts = tables.heatmap.rows.map((row) => row.cells.slice(0, -1).map((c) => c.texts[0]));
  for (const item of option.series.flatMap((s) => s.data)) {
    const [x, y] = item.value;
    expect(item.label.formatter).toBe(texts[y]![x]);
  }
  expect(option.series.flatMap((s) => s.data)).toHaveLength(texts.flat().length);
});

test('hidden cells are drawn in their own grey series, never on the score scale', () => {
  const goldenLike = {
    ...tables.heatmap,
    rows: tables.heatmap.rows.map((row, r) =>
      r === 0
        ? {
            ...row,
            cells: row.cells.map((c) => ({
              ...c,
              state: 'too-few' as const,
              value: null,
              texts: ['fewer than 3 responses'],
            })),
          }
        : row,
    ),
  };
  const option = buildHeatmapOption(wave, goldenLike) as {
    series: HeatmapSeries;
    visualMap: Array<{ seriesIndex: number; inRange: { color: string[] } }>;
  };
  const hidden = option.series.find((s) => s.name === 'hidden')!;
  expect(hidden.data.map((d) => d.label.formatter)).toEqual(Array(7).fill('< 3'));
  expect(hidden.data.every((d) => d.value[1] === 0)).toBe(true);
  expect(option.visualMap[1]).toMatchObject({ seriesIndex: 1, inRange: { color: ['#e3e7eb', '#e3e7eb'] } });
});

test('the charts render to scalable SVG with their numbers and a summary', () => {
  const heatmap = renderHeatmap(wave, tables.heatmap);
  expect(heatmap.svg).toMatch(/^<svg[^>]*viewBox="0 0 760 /);
  expect(heatmap.svg).toContain(tables.heatmap.rows[0]!.cells[0]!.texts[0]);
  expect(heatmap.summary).toContain('No cell is hidden');
  const radar = renderRadar(wave, demo.relationship.sides);
  expect(radar.summary).toContain('Northwater Utilities → Corvid IT Services: highest');
  const trend = renderTrendIndex(demo);
  expect(trend.svg).toContain(demo.waves.at(-1)!.index.A!.toFixed(1));
});
