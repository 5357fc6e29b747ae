import { expect, test } from 'vitest';
import { groupMarkers, renderJourney } from './journey-chart.server.ts';

// Events close together share one numbered marker, so the chart's numbers stay readable and
// still point at the list under it.

test('events within two weeks share a marker labelled with their numbers', () => {
  const events = [
    { on: '2024-02-05', kind: 'release' as const, text: 'a' },
    { on: '2024-02-13', kind: 'release' as const, text: 'b' },
    { on: '2024-02-19', kind: 'charter' as const, text: 'c' },
    { on: '2024-06-14', kind: 'small-big-things' as const, text: 'd' },
  ];
  expect(groupMarkers(events)).toEqual([
    { on: '2024-02-05', label: '1–3' },
    { on: '2024-06-14', label: '4' },
  ]);
  const chart = renderJourney({
    relationship: { id: 'r', name: 'R', sides: { A: { name: 'A', role: '' }, B: { name: 'B', role: '' } } },
    stages: [
      {
        wave: 'Baseline',
        on: '2024-01-26',
        level: 1,
        name: 'Contractual / risk-based',
        index: { A: 50, B: 48 },
      },
      { wave: '6 months', on: '2024-07-26', level: 2, name: 'Competence', index: { A: 60, B: 58 } },
    ],
    events,
  });
  expect(chart.svg).toContain('1–3');
  expect(chart.summary).toContain(
    'Baseline: stage 1, Contractual / risk-based; 6 months: stage 2, Competence',
  );
});
