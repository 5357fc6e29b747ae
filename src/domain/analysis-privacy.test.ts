import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  type AnalysisInput,
  analyzeRelationship,
  type RelationshipAnalysis,
} from './analyze-relationship.ts';
import { BUILT_IN_INSTRUMENT } from './built-in-instrument.ts';
import { LEVELS, type Level, SIDES, type Side } from './model.ts';

// Anonymity of the whole analysis output, not only of suppressTable: no shown number may be
// derived from a hidden cell (changes, gaps, indices, level stages).

const SIDE_INFO = { A: { name: 'Alpha', role: 'customer' }, B: { name: 'Beta', role: 'supplier' } };
const trustCodes = BUILT_IN_INSTRUMENT.items.filter((i) => i.kind === 'trust').map((i) => i.code);
const allCodes = BUILT_IN_INSTRUMENT.items.map((i) => i.code);

function wave(label: string, responses: AnalysisInput['waves'][number]['responses']) {
  return {
    label,
    opens: '2025-01-01',
    closes: '2025-01-31',
    anonymityThreshold: 3,
    instrument: BUILT_IN_INSTRUMENT,
    responses,
  };
}

function analyze(waves: AnalysisInput['waves']): RelationshipAnalysis {
  return analyzeRelationship({
    relationship: { id: 'x', name: 'x', sides: SIDE_INFO },
    waves,
    incidents: [],
  });
}

function everyItem(value: number, except: readonly string[] = []): Record<string, number> {
  return Object.fromEntries(allCodes.filter((c) => !except.includes(c)).map((c) => [c, value]));
}

test('a change is hidden when either wave hides that side’s total, even with k respondents in both', () => {
  const integrity = trustCodes.filter((c) => c.startsWith('INT'));
  const sideA = (values: number[], skipping: (i: number) => readonly string[]) =>
    values.map((v, i) => ({
      side: 'A' as const,
      level: 'operational' as const,
      answers: everyItem(v, skipping(i)),
    }));
  const sideB = [4, 5, 6].map((v) => ({
    side: 'B' as const,
    level: 'staff' as const,
    answers: everyItem(v),
  }));
  // Wave 1: only two of side A's six answer integrity, so A's integrity total (n 2) and, with it,
  // A's overall total are hidden. Wave 2: everyone answers everything.
  const analysis = analyze([
    wave('W1', [...sideA([3, 4, 4, 5, 5, 6], (i) => (i < 4 ? integrity : [])), ...sideB]),
    wave('W2', [...sideA([4, 4, 4, 4, 4, 4], () => []), ...sideB]),
  ]);
  const hiddenOverall = analysis.waves[0]!.sideCells.find(
    (c) => c.side === 'A' && c.dimension === 'overall',
  )!;
  expect(hiddenOverall.suppressed).toBe(true);
  const change = analysis.changes.find((c) => c.side === 'A' && c.dimension === 'overall')!;
  expect(change).toMatchObject({ suppressed: true, diff: null, ciLow: null, ciHigh: null, hedgesG: null });
});

const respondentArb = fc.record({
  side: fc.constantFrom<Side>(...SIDES),
  level: fc.constantFrom<Level>(...LEVELS),
  answers: fc.dictionary(fc.constantFrom(...allCodes), fc.integer({ min: 1, max: 7 }), {
    maxKeys: allCodes.length,
  }),
});

test('property: nothing shown is computed from a hidden cell', () => {
  fc.assert(
    fc.property(
      fc.array(respondentArb, { maxLength: 24 }),
      fc.array(respondentArb, { maxLength: 24 }),
      (first, second) => {
        const analysis = analyze([wave('W1', first), wave('W2', second)]);
        for (const w of analysis.waves) {
          const sideCell = (side: Side, column: string) =>
            w.sideCells.find((c) => c.side === side && c.dimension === column)!;
          for (const cell of [...w.cells, ...w.overallCells, ...w.sideCells]) {
            if (cell.suppressed) expect([cell.mean, cell.sd, cell.rwg]).toEqual([null, null, null]);
            else expect(cell.n).toBeGreaterThanOrEqual(3);
          }
          for (const side of SIDES) {
            expect(w.index[side] === null).toBe(
              sideCell(side, 'overall').suppressed || sideCell(side, 'overall').mean === null,
            );
            if (w.indexInterval[side] !== null) expect(sideCell(side, 'overall').suppressed).toBe(false);
            for (const level of LEVELS) {
              const overall = w.overallCells.find((c) => c.side === side && c.level === level)!;
              if (w.indexByLevel[side][level] !== null) expect(overall.suppressed).toBe(false);
            }
          }
          for (const gap of w.gaps) {
            if (gap.actual !== null)
              expect(sideCell(gap.side === 'A' ? 'B' : 'A', gap.dimension).suppressed).toBe(false);
          }
        }
        for (const change of analysis.changes) {
          if (change.diff === null) continue;
          for (const label of [change.from, change.to]) {
            const w = analysis.waves.find((x) => x.label === label)!;
            expect(
              w.sideCells.find((c) => c.side === change.side && c.dimension === change.dimension)!.suppressed,
            ).toBe(false);
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});
