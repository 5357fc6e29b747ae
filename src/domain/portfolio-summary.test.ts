import { expect, test } from 'vitest';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { analyzeRelationship } from './analyze-relationship.ts';
import { bundleToAnalysisInput } from './bundle/bundle-to-analysis-input.ts';
import type { Bundle } from './model.ts';
import {
  buildCachedPortfolioSummary,
  buildPortfolioSummary,
  completePortfolioSummary,
  DEFAULT_PORTFOLIO_QUERY,
  filterPortfolio,
  type PortfolioQuery,
  PortfolioQuerySchema,
  type PortfolioSummary,
  selectResponseRate,
  sortPortfolio,
  type WaveResponseCounts,
} from './portfolio-summary.ts';

const NO_INCIDENTS = { quarter: 'Q2 2026', building: 0, diluting: 0 };

function closedWaves(bundle: Bundle): WaveResponseCounts[] {
  return bundle.relationship.waves.map((w) => ({
    label: w.label,
    status: 'closed',
    submitted: bundle.responses.filter((r) => r.wave === w.label).length,
    invited: 40,
  }));
}

test('the demo: index, stage and change come from the analysis of its last two waves', () => {
  const bundle = generateDemoBundle();
  const analysis = analyzeRelationship(bundleToAnalysisInput(bundle, 'demo'));
  const summary = buildPortfolioSummary({ analysis, waves: closedWaves(bundle), incidents: NO_INCIDENTS });
  const [previous, last] = analysis.waves.slice(-2);
  expect(summary.wave).toEqual({ label: last!.label, anonymityThreshold: last!.anonymityThreshold });
  expect(summary.index).toEqual(last!.index);
  expect(summary.stage).toEqual({ level: last!.stage.level, name: last!.stage.name });
  for (const side of ['A', 'B'] as const) {
    expect(summary.changes[side]).toEqual({
      from: previous!.label,
      to: last!.label,
      points: last!.index[side]! - previous!.index[side]!,
    });
  }
  expect(summary.sides).toEqual({
    A: { name: bundle.relationship.sides.A.name },
    B: { name: bundle.relationship.sides.B.name },
  });
  expect(summary.responseRate?.wave).toBe(last!.label);
});

test('a last wave without results leaves index and stage on the wave before', () => {
  const bundle = generateDemoBundle();
  const lastLabel = bundle.relationship.waves.at(-1)!.label;
  const trimmed: Bundle = { ...bundle, responses: bundle.responses.filter((r) => r.wave !== lastLabel) };
  const analysis = analyzeRelationship(bundleToAnalysisInput(trimmed, 'demo'));
  const summary = buildPortfolioSummary({ analysis, waves: closedWaves(trimmed), incidents: NO_INCIDENTS });
  const shown = analysis.waves.at(-2)!;
  expect(summary.wave?.label).toBe(shown.label);
  expect(summary.index).toEqual(shown.index);
  expect(summary.changes.A?.to).toBe(shown.label);
});

test('a side with fewer than k responses has no index and no change; the other side compares as usual', () => {
  const bundle = generateDemoBundle();
  const lastLabel = bundle.relationship.waves.at(-1)!.label;
  let keptA = 0;
  const responses = bundle.responses.filter((r) => {
    if (r.wave !== lastLabel || r.side !== 'A') return true;
    keptA += 1;
    return keptA <= 2;
  });
  const analysis = analyzeRelationship(bundleToAnalysisInput({ ...bundle, responses }, 'demo'));
  const summary = buildPortfolioSummary({ analysis, waves: [], incidents: NO_INCIDENTS });
  expect(summary.wave?.label).toBe(lastLabel);
  expect(summary.index.A).toBeNull();
  expect(summary.changes.A).toBeNull();
  expect(summary.index.B).not.toBeNull();
  expect(summary.changes.B?.to).toBe(lastLabel);
  expect(summary.responseRate).toBeNull();
});

test('a relationship without any results has no index, stage, change or warnings', () => {
  const bundle = generateDemoBundle();
  const analysis = analyzeRelationship(
    bundleToAnalysisInput({ ...bundle, responses: [], incidents: [] }, 'x'),
  );
  const summary = buildPortfolioSummary({ analysis, waves: [], incidents: NO_INCIDENTS });
  expect(summary).toMatchObject({
    wave: null,
    index: { A: null, B: null },
    stage: null,
    changes: { A: null, B: null },
    flags: [],
  });
});

test('the incident counts raise their warning through the summary', () => {
  const bundle = generateDemoBundle();
  const analysis = analyzeRelationship(bundleToAnalysisInput(bundle, 'demo'));
  const incidents = { quarter: 'Q2 2026', building: 1, diluting: 3 };
  const summary = buildPortfolioSummary({ analysis, waves: [], incidents });
  expect(summary.incidents).toEqual(incidents);
  expect(summary.flags.map((f) => f.kind)).toContain('diluting-incidents');
});

test("the cached part holds no quarter: completed with each quarter's counts, only the incident warning differs", () => {
  const bundle = generateDemoBundle();
  const analysis = analyzeRelationship(bundleToAnalysisInput(bundle, 'demo'));
  const cached = buildCachedPortfolioSummary({ analysis, waves: closedWaves(bundle) });
  // As stored in relationship_summaries (jsonb) and read back.
  const stored = JSON.parse(JSON.stringify(cached)) as typeof cached;
  expect(JSON.stringify(stored)).not.toMatch(/Q[1-4] \d{4}/);
  expect(stored.analysisFlags.some((f) => f.kind === 'diluting-incidents')).toBe(false);

  const q2 = { quarter: 'Q2 2026', building: 2, diluting: 1 };
  const q3 = { quarter: 'Q3 2026', building: 0, diluting: 1 };
  const inQ2 = completePortfolioSummary(stored, q2);
  const inQ3 = completePortfolioSummary(stored, q3);
  expect(inQ2).toEqual(buildPortfolioSummary({ analysis, waves: closedWaves(bundle), incidents: q2 }));
  expect(inQ3).toEqual(buildPortfolioSummary({ analysis, waves: closedWaves(bundle), incidents: q3 }));
  expect(inQ2.incidents).toEqual(q2);
  expect(inQ2.flags.map((f) => f.kind)).not.toContain('diluting-incidents');
  expect(inQ3.flags.filter((f) => f.kind === 'diluting-incidents')).toEqual([
    { kind: 'diluting-incidents', reason: '1 diluting incident against 0 building incidents in Q3 2026.' },
  ]);
  expect(inQ3.flags.filter((f) => f.kind !== 'diluting-incidents')).toEqual(inQ2.flags);
  expect('analysisFlags' in inQ3).toBe(false);
});

const wave = (label: string, status: WaveResponseCounts['status'], submitted: number, invited: number) => ({
  label,
  status,
  submitted,
  invited,
});

test.each([
  [
    'the latest open wave',
    [wave('1', 'closed', 9, 10), wave('2', 'open', 3, 12), wave('3', 'draft', 0, 12)],
    '2',
    0.25,
  ],
  [
    'else the latest closed wave, never a draft',
    [wave('1', 'closed', 9, 10), wave('2', 'closed', 6, 12), wave('3', 'draft', 0, 12)],
    '2',
    0.5,
  ],
  ['nobody invited: no rate', [wave('1', 'closed', 0, 0)], '1', null],
])('response rate: %s', (_, waves, label, rate) => {
  expect(selectResponseRate(waves)).toMatchObject({ wave: label, rate });
});

test('response rate: only draft waves, none', () => {
  expect(selectResponseRate([wave('1', 'draft', 0, 10)])).toBeNull();
});

function summary(name: string, fields: Partial<PortfolioSummary> = {}): PortfolioSummary {
  return {
    relationshipId: name,
    name,
    sides: { A: { name: `${name} buyer` }, B: { name: `${name} supplier` } },
    wave: { label: 'W1', anonymityThreshold: 3 },
    index: { A: null, B: null },
    stage: null,
    changes: { A: null, B: null },
    responseRate: null,
    incidents: NO_INCIDENTS,
    flags: [],
    ...fields,
  };
}

const ROWS = [
  summary('Bravo', { index: { A: 40, B: 70 }, stage: { level: 1, name: 'Contractual' } }),
  summary('alpha', {
    index: { A: 65, B: null },
    stage: { level: 2, name: 'Competence' },
    flags: [{ kind: 'perception-gap', reason: 'r' }],
  }),
  summary('Charlie', { index: { A: null, B: 50 }, flags: [{ kind: 'index-fell', reason: 'r' }] }),
];
const query = (fields: Partial<PortfolioQuery>): PortfolioQuery => ({
  ...DEFAULT_PORTFOLIO_QUERY,
  ...fields,
});
const names = (rows: readonly PortfolioSummary[]) => rows.map((r) => r.name);

test.each([
  [query({}), ['alpha', 'Bravo', 'Charlie']],
  [query({ dir: 'desc' }), ['Charlie', 'Bravo', 'alpha']],
  [query({ sort: 'index-a', dir: 'desc' }), ['alpha', 'Bravo', 'Charlie']], // no value: last
  [query({ sort: 'index-a', dir: 'asc' }), ['Bravo', 'alpha', 'Charlie']], // no value: last either way
  [query({ sort: 'stage', dir: 'desc' }), ['alpha', 'Bravo', 'Charlie']],
  [query({ sort: 'flags', dir: 'asc' }), ['Bravo', 'alpha', 'Charlie']],
])('sortPortfolio %o', (q, expected) => {
  expect(names(sortPortfolio(ROWS, q))).toEqual(expected);
});

test.each([
  [query({ flag: 'any' }), ['alpha', 'Charlie']],
  [query({ flag: 'none' }), ['Bravo']],
  [query({ flag: 'index-fell' }), ['Charlie']],
  [query({ stage: '2' }), ['alpha']],
  [query({ stage: 'none' }), ['Charlie']],
  [query({ q: 'BRAVO SUPP' }), ['Bravo']],
])('filterPortfolio %o', (q, expected) => {
  expect(names(filterPortfolio(ROWS, q))).toEqual(expected);
});

test('the query schema: empty form fields mean no filter; unknown values are refused', () => {
  expect(PortfolioQuerySchema.parse({ sort: '', stage: '', flag: '', q: '  x ' })).toEqual({
    sort: 'name',
    dir: 'asc',
    stage: undefined,
    flag: undefined,
    q: 'x',
  });
  expect(PortfolioQuerySchema.safeParse({ sort: 'colour' }).success).toBe(false);
  expect(PortfolioQuerySchema.safeParse({ stage: '7' }).success).toBe(false);
});
