import { expect, test } from 'vitest';
import { generateDemoBundle } from '../../demo/generate-demo-bundle.ts';
import {
  analyzeRelationship,
  OVERALL,
  type RelationshipAnalysis,
} from '../../domain/analyze-relationship.ts';
import { bundleToAnalysisInput } from '../../domain/bundle/bundle-to-analysis-input.ts';
import { parseBundle } from '../../domain/bundle/parse-bundle.ts';
import { parseCsv } from '../../domain/csv.ts';
import { formatAnalysisReport } from '../../domain/format-analysis-report.ts';
import { readBundleFolder } from '../../services/bundle-folder.ts';
import { buildWaveHeadlines } from './build-wave-headlines.ts';
import { buildWaveTables, readGap } from './build-wave-tables.ts';
import { formatResultsCsv } from './results-csv.ts';

// The dashboard's tables from real analyses: the demo (no small groups) and the golden bundle
// (leadership groups of two, so primary and complementary suppression).

const demo = analyzeRelationship(bundleToAnalysisInput(generateDemoBundle(), 'demo'));
const golden = goldenAnalysis();

function goldenAnalysis(): RelationshipAnalysis {
  const folder = new URL('../../../tests/fixtures/golden-bundle/', import.meta.url).pathname;
  const parsed = parseBundle(readBundleFolder(folder));
  if (!parsed.ok) throw new Error('the golden bundle does not parse');
  return analyzeRelationship(bundleToAnalysisInput(parsed.bundle, 'golden'));
}

const tablesOf = (analysis: RelationshipAnalysis, w: number) =>
  buildWaveTables({ wave: analysis.waves[w]!, sides: analysis.relationship.sides, tracking: null });

test.each(demo.waves.map((wave, w) => [wave.label, w] as const))(
  'every mean, n and rwg(j) of the %s heatmap is written as the CLI report writes it',
  (_, w) => {
    // This wave's section of the report: its lines start "side  level …".
    const section = formatAnalysisReport(demo)
      .split('\n== ')
      .find((part) => part.startsWith(`${demo.waves[w]!.label} (`))!;
    const heatmap = tablesOf(demo, w).heatmap;
    let checked = 0;
    for (const row of heatmap.rows.filter((r) => !r.key.endsWith('/all'))) {
      const [side, level] = row.key.split('/');
      const line = section.split('\n').find((l) => new RegExp(`^${side} +${level} `).test(l));
      expect(line, row.key).toBeDefined();
      heatmap.columns.forEach((column, c) => {
        if (column.key === OVERALL) return;
        const [mean, n, rwg] = row.cells[c]!.texts;
        expect(line).toContain(column.key === 'index' ? mean : `${mean} n${n} r${rwg}`);
        checked += 1;
      });
    }
    expect(checked).toBe(6 * 7);
  },
);

test('suppressed cells say why in words, keep their n, and never carry a number', () => {
  const wave = golden.waves[0]!;
  const heatmap = tablesOf(golden, 0).heatmap;
  const cells = heatmap.rows.flatMap((row) =>
    row.cells.map((cell, c) => ({ row, cell, column: heatmap.columns[c]! })),
  );
  const tooFew = cells.filter(({ cell }) => cell.state === 'too-few');
  const complementary = cells.filter(({ cell }) => cell.state === 'complementary');
  expect(tooFew.length).toBeGreaterThan(0);
  expect(complementary.length).toBeGreaterThan(0);
  for (const { cell } of [...tooFew, ...complementary]) {
    expect(cell.value).toBeNull();
    expect(cell.texts[0]).toMatch(/fewer than 3/);
    expect(cell.texts[2] ?? '').toBe('');
  }
  // The same cells as the analysis suppressed, and no more.
  const hiddenInAnalysis = wave.cells
    .filter((c) => c.suppressed)
    .map((c) => `${c.side}/${c.level}/${c.dimension}`);
  const hiddenOnScreen = cells
    .filter(({ cell, column }) => cell.state !== 'shown' && wave.dimensions.some((d) => d.key === column.key))
    .map(({ row, column }) => `${row.key}/${column.key}`)
    .filter((key) => !key.includes('/all/'));
  expect(hiddenOnScreen.sort()).toEqual(hiddenInAnalysis.sort());
});

test('the heatmap CSV has no number where the screen shows suppression', () => {
  const heatmap = tablesOf(golden, 0).heatmap;
  const [header, ...rows] = parseCsv(formatResultsCsv(heatmap)).rows.map((r) => r.values);
  expect(rows).toHaveLength(heatmap.rows.length);
  heatmap.rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      if (cell.state === 'shown') return;
      const column = heatmap.columns[c]!;
      const first = header!.indexOf(column.parts.length === 1 ? column.label : `${column.label} (mean)`);
      expect(rows[r]![first], `${row.key}/${column.key}`).toBe(cell.texts[0]);
      expect(rows[r]![first]).not.toMatch(/^[+-]?\d/);
      if (column.parts.length === 3) expect(rows[r]![first + 2]).toBe('');
    });
  });
});

test('CSV text that a spreadsheet would run as a formula is neutralised; numbers are not', () => {
  const csv = formatResultsCsv({
    key: 't',
    caption: 't',
    rowHeaders: ['Side'],
    columns: [{ key: 'gap', label: 'Gap', parts: ['points'] }],
    rows: [
      { key: 'a', headers: ['=HYPERLINK("x")'], cells: [{ texts: ['-2.1'], state: 'shown', warnings: [] }] },
      { key: 'b', headers: ['@SUM(A1)'], cells: [{ texts: ['+0.5'], state: 'shown', warnings: [] }] },
    ],
  });
  // The file guards them (what a spreadsheet opens); parseCsv reads the texts back.
  expect(csv).toContain(`"'=HYPERLINK(""x"")",-2.1,`);
  expect(csv).toContain(`'@SUM(A1),+0.5,`);
  const rows = parseCsv(csv).rows.map((row) => row.values);
  expect(rows[1]).toEqual(['=HYPERLINK("x")', '-2.1', '']);
  expect(rows[2]).toEqual(['@SUM(A1)', '+0.5', '']);
});

test.each([
  [12.4, 'overestimates'],
  [10, 'overestimates'],
  [9.9, 'close'],
  [-10, 'underestimates'],
  [null, null],
] as const)('a gap of %s index points reads as %s', (points, reading) => {
  expect(readGap(points)).toBe(reading);
});

test('headlines tell the demo story from the numbers: divergence at 12 months, blind spots at baseline', () => {
  const sides = demo.relationship.sides;
  const twelve = demo.waves.find((w) => w.label === '12 months')!;
  const spread = (twelve.indexByLevel.A.leadership! - twelve.indexByLevel.A.staff!).toFixed(1);
  const texts = buildWaveHeadlines(twelve, sides).map((h) => h.text);
  expect(texts).toContain(
    `Northwater Utilities' staff trust Corvid IT Services ${spread} points less than its leadership.`,
  );
  expect(texts.some((t) => t.startsWith('Low agreement'))).toBe(true);
  const baseline = buildWaveHeadlines(demo.waves[0]!, sides);
  expect(baseline.filter((h) => h.kind === 'blind-spot')).toHaveLength(2);
  expect(baseline.find((h) => h.kind === 'stage')?.text).toBe(
    'The relationship is at stage 1 · Contractual / risk-based.',
  );
});

test('an imported wave says invitations are not known rather than showing 0% response', () => {
  const wave = demo.waves[0]!;
  const cells = (['A', 'B'] as const).flatMap((side) =>
    (['leadership', 'operational', 'staff'] as const).map((level) => ({
      side,
      level,
      invited: 9,
      started: 9,
      submitted: 5,
    })),
  );
  const imported = buildWaveTables({
    wave,
    sides: demo.relationship.sides,
    tracking: { cells, hasLinks: false },
  }).responses;
  expect(imported.rows[0]!.cells.map((c) => c.texts[0])).toEqual([
    'not known (imported wave)',
    'not known (imported wave)',
    String(wave.respondents.A.leadership),
    'not known (imported wave)',
  ]);
  const linked = buildWaveTables({
    wave,
    sides: demo.relationship.sides,
    tracking: { cells, hasLinks: true },
  }).responses;
  expect(linked.rows[0]!.cells.map((c) => c.texts[0])).toEqual([
    '9',
    '9',
    String(wave.respondents.A.leadership),
    '56%',
  ]);
});
