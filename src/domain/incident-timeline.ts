import type { Direction } from './model.ts';

// Building against diluting incidents by month, for the workbench's timeline (a chart and its
// table). Months without incidents between the first and the last are kept, as zero rows, so a
// quiet stretch shows as quiet instead of being squeezed out of the time axis.

export type TimelineMonth = { month: string; building: number; diluting: number };

export function buildIncidentTimeline(
  incidents: ReadonlyArray<{ occurredOn: string; direction: Direction | string }>,
): TimelineMonth[] {
  if (incidents.length === 0) return [];
  const counts = new Map<string, TimelineMonth>();
  for (const incident of incidents) {
    const month = incident.occurredOn.slice(0, 7);
    const row = counts.get(month) ?? { month, building: 0, diluting: 0 };
    if (incident.direction === 'builds') row.building++;
    else row.diluting++;
    counts.set(month, row);
  }
  const months = [...counts.keys()].sort();
  const first = months[0]!;
  const last = months[months.length - 1]!;
  return monthsBetween(first, last).map((month) => counts.get(month) ?? { month, building: 0, diluting: 0 });
}

/** Every month from `first` to `last` inclusive, both YYYY-MM. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  const endYear = Number(last.slice(0, 4));
  const endMonth = Number(last.slice(5, 7));
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
