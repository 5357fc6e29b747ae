import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeRelationship, OVERALL, type RelationshipAnalysis } from './analyze-relationship.ts';
import { bundleToAnalysisInput } from './bundle/bundle-to-analysis-input.ts';
import { parseBundle } from './bundle/parse-bundle.ts';
import type { Bundle, Level, Side } from './model.ts';
import { planScoring, scoreRespondent } from './score-respondent.ts';

// Golden test of the whole analysis: tests/fixtures/golden-bundle/expected.json was computed by R
// (psych, multilevel, stats) from the same bundle by scripts/golden/make-analysis-golden.R.

const folder = new URL('../../tests/fixtures/golden-bundle/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, folder), 'utf8');

type Expected = {
  respondentScores: Array<
    { respondent: string; wave: string; overall: number | null } & Record<string, unknown>
  >;
  cells: Array<{
    wave: string;
    side: Side;
    level: Level;
    dimension: string;
    n: number;
    mean: number | null;
    sd: number | null;
    rwgJ: number | null;
  }>;
  sideCells: Array<{
    wave: string;
    side: Side;
    dimension: string;
    n: number;
    mean: number | null;
    sd: number | null;
    rwgJ: number | null;
  }>;
  reliability: Array<{ wave: string; dimension: string; n: number; alpha: number | null }>;
  index: Array<{ wave: string; side: Side; n: number; index: number }>;
  levelIndex: Array<{ wave: string; side: Side; level: Level; n: number; index: number | null }>;
  dimensionIndex: Array<{ wave: string; side: Side; dimension: string; n: number; index: number }>;
  gaps: Array<{
    wave: string;
    side: Side;
    dimension: string;
    perceived: number | null;
    perceivedN: number;
    actual: number | null;
    gap: number | null;
  }>;
  changes: Array<{
    from: string;
    to: string;
    side: Side;
    dimension: string;
    nFrom: number;
    nTo: number;
    diff: number;
    ciLow: number;
    ciHigh: number;
    hedgesG: number;
  }>;
};

const expected = JSON.parse(read('expected.json')) as Expected;
const parsed = parseBundle({
  'relationship.json': read('relationship.json'),
  'instrument.json': read('instrument.json'),
  'responses.csv': read('responses.csv'),
});
if (!parsed.ok) throw new Error(`golden bundle does not parse: ${JSON.stringify(parsed.problems)}`);
const bundle: Bundle = parsed.bundle;

function analyzeBundle(b: Bundle): RelationshipAnalysis {
  return analyzeRelationship(bundleToAnalysisInput(b, 'golden'));
}

const analysis = analyzeBundle(bundle);
const k = bundle.relationship.anonymityThreshold;
const wave = (label: string) => analysis.waves.find((w) => w.label === label)!;
const close = (actual: number | null | undefined, wanted: number | null) => {
  if (wanted === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(wanted, 10);
};

describe('respondent scores (reverse items turned, mean of answered items)', () => {
  const plan = planScoring(bundle.instrument);
  test.each(expected.respondentScores)('$respondent in $wave', (row) => {
    const response = bundle.responses.find((r) => r.respondent === row.respondent && r.wave === row.wave)!;
    const scored = scoreRespondent(plan, response);
    close(scored.overall, row.overall);
    for (const dimension of bundle.instrument.dimensions)
      close(scored.scores[dimension.key], row[dimension.key] as number | null);
  });
});

describe('cells: n, mean, SD, rwg(j) per wave × side × level × dimension', () => {
  test.each(expected.cells)('$wave $side $level $dimension', (row) => {
    const cell = wave(row.wave).cells.find(
      (c) => c.side === row.side && c.level === row.level && c.dimension === row.dimension,
    )!;
    expect(cell.n).toBe(row.n);
    if (cell.suppressed) {
      expect([cell.mean, cell.sd, cell.rwg]).toEqual([null, null, null]);
      return;
    }
    expect(row.n).toBeGreaterThanOrEqual(k);
    close(cell.mean, row.mean);
    close(cell.sd, row.sd);
    close(cell.rwg, row.rwgJ);
  });

  test('the two-person leadership group of side B is suppressed, and a partner cell with it', () => {
    for (const w of analysis.waves) {
      const leadership = w.cells.filter((c) => c.side === 'B' && c.level === 'leadership');
      expect(leadership.every((c) => c.suppression === 'too-few')).toBe(true);
      for (const dimension of w.dimensions) {
        const column = w.cells.filter((c) => c.side === 'B' && c.dimension === dimension.key);
        expect(column.filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  test.each(expected.sideCells)('side total $wave $side $dimension', (row) => {
    const cell = wave(row.wave).sideCells.find((c) => c.side === row.side && c.dimension === row.dimension)!;
    expect(cell.n).toBe(row.n);
    close(cell.mean, row.mean);
    close(cell.sd, row.sd);
    close(cell.rwg, row.rwgJ);
  });
});

test.each(expected.reliability)("Cronbach's alpha $wave $dimension", (row) => {
  const r = wave(row.wave).reliability.find((x) => x.dimension === row.dimension)!;
  expect(r.n).toBe(row.n);
  close(r.alpha, row.alpha);
});

test.each(expected.index)('side index $wave $side', (row) => {
  close(wave(row.wave).index[row.side], row.index);
});

test.each(expected.levelIndex)('level index $wave $side $level', (row) => {
  const w = wave(row.wave);
  const shown = w.overallCells.find((c) => c.side === row.side && c.level === row.level)!;
  close(w.indexByLevel[row.side][row.level], shown.suppressed ? null : row.index);
});

test.each(expected.dimensionIndex)('dimension index $wave $side $dimension', (row) => {
  close(wave(row.wave).indexByDimension[row.side][row.dimension], row.index);
});

test.each(expected.gaps)('perception gap $wave $side $dimension', (row) => {
  const gap = wave(row.wave).gaps.find((g) => g.side === row.side && g.dimension === row.dimension)!;
  close(gap.perceived, row.perceivedN >= k ? row.perceived : null);
  close(gap.actual, row.actual);
  close(gap.gap, row.perceivedN >= k ? row.gap : null);
});

test.each(expected.changes)('change $from → $to, $side $dimension', (row) => {
  const change = analysis.changes.find(
    (c) => c.from === row.from && c.to === row.to && c.side === row.side && c.dimension === row.dimension,
  )!;
  expect([change.nFrom, change.nTo]).toEqual([row.nFrom, row.nTo]);
  close(change.diff, row.diff);
  close(change.ciLow, row.ciLow);
  close(change.ciHigh, row.ciHigh);
  close(change.hedgesG, row.hedgesG);
});

test('the overall change row compares the respondents’ overall means', () => {
  const overall = analysis.changes.filter((c) => c.dimension === OVERALL);
  expect(overall.map((c) => c.side)).toEqual(['A', 'B']);
  for (const c of overall) expect(c.diff).not.toBeNull();
});

test('raising the threshold suppresses more and never shows a cell below it', () => {
  const strict = analyzeBundle({
    ...bundle,
    relationship: { ...bundle.relationship, anonymityThreshold: 9 },
  });
  for (const w of strict.waves) {
    for (const cell of [...w.cells, ...w.overallCells]) {
      if (cell.n < 9) expect(cell.suppressed).toBe(true);
      if (cell.suppressed) expect(cell.mean).toBeNull();
    }
  }
});

test('a reverse-worded meta item is turned before the perception gap', () => {
  const instrument = {
    ...bundle.instrument,
    items: bundle.instrument.items.map((item) => (item.kind === 'meta' ? { ...item, reverse: true } : item)),
  };
  const plan = planScoring(instrument);
  const meta = instrument.items.find((i) => i.kind === 'meta')!;
  const scored = scoreRespondent(plan, { side: 'A', level: 'staff', answers: { [meta.code]: 1 } });
  // On the 1–5 scale, "1" to a reverse-worded question means 5.
  expect(scored.meta[meta.dimension]).toBe(5);
});
