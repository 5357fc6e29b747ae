import { expect, test } from 'vitest';
import type { Gap } from './analyze-relationship.ts';
import {
  countQuarterIncidents,
  detectAnalysisWarnings,
  detectEarlyWarnings,
  detectIncidentWarning,
  type EarlyWarning,
  type EarlyWarningInput,
  type IndexChange,
  quarterOf,
  withIncidentWarning,
} from './early-warnings.ts';
import type { IncidentRecord } from './model.ts';

const SIDE_NAMES = { A: 'Northwater', B: 'Corvid' };

function input(overrides: Partial<EarlyWarningInput> = {}): EarlyWarningInput {
  return {
    sideNames: SIDE_NAMES,
    changes: { A: null, B: null },
    incidents: { quarter: 'Q2 2026', building: 0, diluting: 0 },
    gaps: [],
    dimensionLabels: { openness: 'Openness', reliability: 'Reliability' },
    ...overrides,
  };
}

const change = (points: number): IndexChange => ({ from: '12 months', to: '24 months', points });

function gap(gapPoints: number | null, side: 'A' | 'B' = 'A', dimension = 'openness'): Gap {
  return { side, dimension, perceived: null, actual: null, gap: null, gapPoints };
}

const kinds = (i: EarlyWarningInput) => detectEarlyWarnings(i).map((w) => w.kind);

test.each([
  // points since the previous wave → warning? (judged on the value as shown, one decimal)
  [-10, true],
  [-5.04, true], // shown as −5.0
  [-5, true],
  [-4.9999999999, true], // floating-point noise of a 5-point fall
  [-4.96, true], // shown as −5.0
  [-4.94, false], // shown as −4.9
  [-4.9, false],
  [0, false],
  [7, false],
])('a side whose index changed by %d points: warning %s', (points, expected) => {
  expect(kinds(input({ changes: { A: change(points), B: null } })).includes('index-fell')).toBe(expected);
  expect(kinds(input({ changes: { A: null, B: change(points) } })).includes('index-fell')).toBe(expected);
});

test('the index-fell reason names the side, the fall and the waves', () => {
  const [warning] = detectEarlyWarnings(input({ changes: { A: null, B: change(-6.25) } }));
  expect(warning).toEqual({
    kind: 'index-fell',
    reason: "Corvid's trust index fell 6.3 points from 12 months to 24 months.",
  });
});

test('both sides falling raise one warning each', () => {
  expect(kinds(input({ changes: { A: change(-5), B: change(-8) } }))).toEqual(['index-fell', 'index-fell']);
});

test.each([
  [0, 0, false],
  [1, 1, false], // as many diluting as building: no warning
  [2, 3, false],
  [2, 1, true], // one more diluting than building
  [1, 0, true],
  [5, 4, true],
])('%d diluting against %d building incidents: warning %s', (diluting, building, expected) => {
  const warnings = detectEarlyWarnings(input({ incidents: { quarter: 'Q2 2026', building, diluting } }));
  expect(warnings.some((w) => w.kind === 'diluting-incidents')).toBe(expected);
});

test('the incident reason counts both directions and names the quarter', () => {
  const [warning] = detectEarlyWarnings(
    input({ incidents: { quarter: 'Q1 2026', building: 1, diluting: 2 } }),
  );
  expect(warning?.reason).toBe('2 diluting incidents against 1 building incident in Q1 2026.');
});

test('the incident warning is added to the analysis warnings in the usual order, from the counts alone', () => {
  const everything = input({
    changes: { A: change(-6), B: null },
    incidents: { quarter: 'Q3 2026', building: 0, diluting: 2 },
    gaps: [gap(20)],
  });
  const analysis = detectAnalysisWarnings(everything);
  expect(analysis.map((w) => w.kind)).toEqual(['index-fell', 'perception-gap']);
  expect(withIncidentWarning(analysis, everything.incidents)).toEqual(detectEarlyWarnings(everything));
  expect(kinds(everything)).toEqual(['index-fell', 'diluting-incidents', 'perception-gap']);
  // Another quarter's counts: the same analysis warnings, the incident one follows the counts.
  expect(withIncidentWarning(analysis, { quarter: 'Q4 2026', building: 2, diluting: 2 })).toEqual(analysis);
  expect(detectIncidentWarning({ quarter: 'Q4 2026', building: 0, diluting: 0 })).toBeNull();
});

test('an incident warning already in the list is replaced by the counts, never doubled', () => {
  const stale: EarlyWarning[] = [
    { kind: 'diluting-incidents', reason: '9 diluting incidents against 0 building incidents in Q1 2020.' },
  ];
  expect(withIncidentWarning(stale, { quarter: 'Q2 2026', building: 0, diluting: 0 })).toEqual([]);
  expect(withIncidentWarning(stale, { quarter: 'Q2 2026', building: 0, diluting: 1 })).toEqual([
    { kind: 'diluting-incidents', reason: '1 diluting incident against 0 building incidents in Q2 2026.' },
  ]);
});

test.each([
  [15, false],
  [15.04, false], // shown as 15.0: not over 15
  [15.05, true], // shown as 15.1
  [15.1, true],
  [30, true],
  [-15, false],
  [-15.1, true], // believes it is seen worse than it is
  [null, false], // suppressed
])('a perception gap of %s points: warning %s', (points, expected) => {
  expect(kinds(input({ gaps: [gap(points)] })).includes('perception-gap')).toBe(expected);
});

test('the gap reason says who believes what, in which direction', () => {
  const warnings = detectEarlyWarnings(input({ gaps: [gap(18.24, 'A'), gap(-16, 'B', 'reliability')] }));
  expect(warnings.map((w) => w.reason)).toEqual([
    'Northwater believes Corvid rates its openness 18.2 points higher than Corvid does.',
    'Corvid believes Northwater rates its reliability 16.0 points lower than Northwater does.',
  ]);
});

test('no data, no warnings', () => {
  expect(detectEarlyWarnings(input())).toEqual([]);
});

test.each([
  ['2026-01-01', 'Q1 2026', '2026-01-01', '2026-03-31'],
  ['2026-03-31', 'Q1 2026', '2026-01-01', '2026-03-31'],
  ['2026-04-01', 'Q2 2026', '2026-04-01', '2026-06-30'],
  ['2024-08-15', 'Q3 2024', '2024-07-01', '2024-09-30'],
  ['2025-12-31', 'Q4 2025', '2025-10-01', '2025-12-31'],
])('%s is in %s (%s to %s)', (day, label, start, end) => {
  expect(quarterOf(day)).toEqual({ label, start, end });
});

test('quarterOf refuses what is not an ISO date', () => {
  expect(() => quarterOf('31/03/2026')).toThrow('not an ISO date');
});

type Counted = Pick<IncidentRecord, 'occurredOn' | 'direction' | 'status'>;

test('only incidents of the current calendar quarter count, dismissed ones never', () => {
  const incidents: Counted[] = [
    { occurredOn: '2026-03-31', direction: 'dilutes', status: 'coded' }, // last quarter
    { occurredOn: '2026-04-01', direction: 'dilutes', status: 'reported' }, // first day
    { occurredOn: '2026-06-30', direction: 'dilutes', status: 'resolved' }, // last day
    { occurredOn: '2026-05-10', direction: 'dilutes', status: 'dismissed' },
    { occurredOn: '2026-05-11', direction: 'builds', status: 'coded' },
    { occurredOn: '2026-07-01', direction: 'builds', status: 'coded' }, // next quarter
  ];
  expect(countQuarterIncidents(incidents, '2026-05-20')).toEqual({
    quarter: 'Q2 2026',
    building: 1,
    diluting: 2,
  });
  expect(countQuarterIncidents(incidents, '2026-03-01')).toEqual({
    quarter: 'Q1 2026',
    building: 0,
    diluting: 1,
  });
});
