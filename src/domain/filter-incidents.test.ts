import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type FilterableIncident,
  filterIncidents,
  incidentFilterToParams,
  isFilterEmpty,
  parseIncidentFilter,
} from './filter-incidents.ts';

function incident(overrides: Partial<FilterableIncident> = {}): FilterableIncident {
  return {
    occurredOn: '2024-03-15',
    sidesInvolved: ['A', 'B'],
    levelsInvolved: ['operational'],
    direction: 'dilutes',
    dimensions: ['integrity'],
    themes: ['Outage'],
    status: 'coded',
    ...overrides,
  };
}

describe('parseIncidentFilter', () => {
  test('reads every filter by its query name; blanks mean any', () => {
    const params = new URLSearchParams(
      'side=B&level=staff&direction=builds&dimension=openness&theme=outage&from=2024-01&to=2024-06&status=resolved&extra=1',
    );
    expect(parseIncidentFilter(params)).toEqual({
      filter: {
        side: 'B',
        level: 'staff',
        direction: 'builds',
        dimension: 'openness',
        theme: 'outage',
        from: '2024-01',
        to: '2024-06',
        status: 'resolved',
      },
      problems: [],
    });
    expect(parseIncidentFilter(new URLSearchParams('side=&theme=%20'))).toEqual({ filter: {}, problems: [] });
  });

  test('a value that cannot be a filter is left out and named', () => {
    const { filter, problems } = parseIncidentFilter(
      new URLSearchParams('side=C&from=2024-13&direction=dilutes'),
    );
    expect(filter).toEqual({ direction: 'dilutes' });
    expect(problems.map((p) => p.text)).toEqual([
      'side: "C" is not one of A, B',
      'from: "2024-13" is not a month: expected YYYY-MM',
    ]);
  });

  test('a period that ends before it starts is named', () => {
    const { problems } = parseIncidentFilter(new URLSearchParams('from=2024-05&to=2024-02'));
    expect(problems.map((p) => p.field)).toEqual(['to']);
  });

  test('round-trips through query parameters', () => {
    const filter = { side: 'A', theme: 'blame', to: '2024-02' } as const;
    expect(parseIncidentFilter(incidentFilterToParams(filter)).filter).toEqual(filter);
    expect(isFilterEmpty({})).toBe(true);
    expect(isFilterEmpty(filter)).toBe(false);
  });
});

describe('filterIncidents', () => {
  test.each([
    [{ side: 'A' as const }, incident({ sidesInvolved: ['B'] }), false],
    [{ side: 'B' as const }, incident({ sidesInvolved: ['B'] }), true],
    [{ level: 'staff' as const }, incident(), false],
    [{ direction: 'dilutes' as const }, incident(), true],
    [{ dimension: 'openness' }, incident(), false],
    [{ theme: 'OUTAGE' }, incident(), true],
    [{ theme: 'out' }, incident(), false],
    [{ from: '2024-03' }, incident(), true],
    [{ from: '2024-04' }, incident(), false],
    [{ to: '2024-03' }, incident({ occurredOn: '2024-03-31' }), true],
    [{ to: '2024-02' }, incident(), false],
    [{ status: 'resolved' as const }, incident(), false],
  ])('%o on an incident → %s', (filter, item, kept) => {
    expect(filterIncidents([item], filter)).toHaveLength(kept ? 1 : 0);
  });

  test('filters combine as "and": adding one never widens the list', () => {
    const arb = fc.record({
      occurredOn: fc.constantFrom('2023-12-01', '2024-01-10', '2024-02-28'),
      sidesInvolved: fc.subarray(['A', 'B']),
      levelsInvolved: fc.subarray(['leadership', 'operational', 'staff']),
      direction: fc.constantFrom('builds', 'dilutes'),
      dimensions: fc.subarray(['integrity', 'openness']),
      themes: fc.subarray(['blame', 'outage']),
      status: fc.constantFrom('reported', 'coded'),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 20 }), (list) => {
        const wide = filterIncidents(list, { direction: 'dilutes' });
        const narrow = filterIncidents(list, {
          direction: 'dilutes',
          dimension: 'integrity',
          from: '2024-01',
        });
        expect(narrow.every((i) => wide.includes(i))).toBe(true);
      }),
    );
  });
});
