import { expect, test } from 'vitest';
import { buildIncidentTimeline, monthsBetween } from './incident-timeline.ts';

test('counts building and diluting incidents per month, keeping quiet months as zeros', () => {
  const timeline = buildIncidentTimeline([
    { occurredOn: '2023-11-30', direction: 'dilutes' },
    { occurredOn: '2024-02-01', direction: 'builds' },
    { occurredOn: '2023-11-02', direction: 'dilutes' },
    { occurredOn: '2023-11-15', direction: 'builds' },
  ]);
  expect(timeline).toEqual([
    { month: '2023-11', building: 1, diluting: 2 },
    { month: '2023-12', building: 0, diluting: 0 },
    { month: '2024-01', building: 0, diluting: 0 },
    { month: '2024-02', building: 1, diluting: 0 },
  ]);
});

test('no incidents, no months', () => {
  expect(buildIncidentTimeline([])).toEqual([]);
});

test('months across a year end', () => {
  expect(monthsBetween('2023-12', '2024-01')).toEqual(['2023-12', '2024-01']);
  expect(monthsBetween('2024-05', '2024-05')).toEqual(['2024-05']);
});
