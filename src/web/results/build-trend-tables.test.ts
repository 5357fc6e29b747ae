import { expect, test } from 'vitest';
import { generateDemoBundle } from '../../demo/generate-demo-bundle.ts';
import { analyzeRelationship } from '../../domain/analyze-relationship.ts';
import { bundleToAnalysisInput } from '../../domain/bundle/bundle-to-analysis-input.ts';
import { buildTrendHeadlines } from './build-trend-headlines.ts';
import { buildIncidentPeriods, buildTrendTables, incidentListHref, nextMonth } from './build-trend-tables.ts';

const bundle = generateDemoBundle();
const demo = analyzeRelationship(bundleToAnalysisInput(bundle, 'demo'));

test.each([
  ['2024-01', '2024-02'],
  ['2024-12', '2025-01'],
])('the month after %s is %s', (month, next) => {
  expect(nextMonth(month)).toBe(next);
});

test('incident periods cover every month once, so each count is what the linked list shows', () => {
  const periods = buildIncidentPeriods(demo, bundle.incidents);
  expect(periods[0]).toMatchObject({ from: null, to: demo.waves[0]!.closes.slice(0, 7) });
  for (let i = 1; i < periods.length; i++) {
    expect(periods[i]!.from).toBe(nextMonth(periods[i - 1]!.to!));
  }
  const counted = periods.reduce((sum, p) => sum + p.builds + p.dilutes, 0);
  expect(counted).toBe(bundle.incidents.length);
  const inPeriod = (p: (typeof periods)[number], month: string) =>
    (p.from === null || p.from <= month) && (p.to === null || month <= p.to);
  for (const period of periods) {
    const mine = bundle.incidents.filter((i) => inPeriod(period, i.occurredOn.slice(0, 7)));
    expect(period.dilutes).toBe(mine.filter((i) => i.direction === 'dilutes').length);
    expect(period.builds).toBe(mine.filter((i) => i.direction === 'builds').length);
  }
});

test('a period links to the incident list with its months and direction', () => {
  const period = { key: 'x', label: 'x', from: '2024-02', to: '2024-07', builds: 1, dilutes: 2 };
  expect(incidentListHref('rel-1', period, 'dilutes')).toBe(
    '/relationships/rel-1/incidents?from=2024-02&to=2024-07&direction=dilutes',
  );
  expect(incidentListHref('rel-1', { ...period, from: null })).toBe(
    '/relationships/rel-1/incidents?to=2024-07',
  );
});

test('changes that the analysis suppressed stay suppressed in the table', () => {
  const hidden = {
    ...demo,
    changes: demo.changes.map((c, i) =>
      i === 0 ? { ...c, suppressed: true, diff: null, ciLow: null, ciHigh: null, hedgesG: null } : c,
    ),
  };
  const table = buildTrendTables(hidden, []).changes;
  expect(table.rows[0]!.cells.slice(0, 3).map((c) => c.state)).toEqual(['too-few', 'too-few', 'too-few']);
  expect(table.rows[0]!.cells[0]!.texts[0]).toBe('fewer than 3 responses');
  expect(table.rows[1]!.cells[0]!.state).toBe('shown');
});

test('the trend headlines give the climb and the stage path from the numbers', () => {
  const texts = buildTrendHeadlines(demo, buildIncidentPeriods(demo, bundle.incidents)).map((h) => h.text);
  const [first, last] = [demo.waves[0]!, demo.waves.at(-1)!];
  expect(texts).toContain(
    `Northwater Utilities' trust in Corvid IT Services rose from ${first.index.A!.toFixed(1)} at ${first.label} to ${last.index.A!.toFixed(1)} at ${last.label} — a change beyond chance (the 95% interval of the difference excludes zero).`,
  );
  expect(texts.find((t) => t.startsWith('Stage path:'))).toContain(
    '3 · Goodwill / trusted partner (24 months)',
  );
});
