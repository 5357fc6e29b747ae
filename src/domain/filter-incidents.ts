import {
  DIRECTIONS,
  type Direction,
  INCIDENT_STATUSES,
  type IncidentStatus,
  LEVELS,
  type Level,
  SIDES,
  type Side,
} from './model.ts';

// The incident list's filters. They arrive as GET query parameters with these exact names (the
// dashboard links to them): side, level, direction, dimension, theme, from, to, status.

export const INCIDENT_FILTER_FIELDS = [
  'side',
  'level',
  'direction',
  'dimension',
  'theme',
  'from',
  'to',
  'status',
] as const;
export type IncidentFilterField = (typeof INCIDENT_FILTER_FIELDS)[number];

export type IncidentFilter = {
  /** Incidents that involve this side (sides_involved), whoever reported them. */
  side?: Side;
  /** Incidents that involve this level (levels_involved). */
  level?: Level;
  direction?: Direction;
  /** A dimension key the incident is coded with. */
  dimension?: string;
  /** A theme tag, matched ignoring case. */
  theme?: string;
  /** First month of the period, YYYY-MM, inclusive. */
  from?: string;
  /** Last month of the period, YYYY-MM, inclusive. */
  to?: string;
  status?: IncidentStatus;
};

export type FilterProblem = { field: IncidentFilterField; message: string; text: string };

/** The fields an incident needs to be filtered. */
export type FilterableIncident = {
  occurredOn: string;
  sidesInvolved: readonly string[];
  levelsInvolved: readonly string[];
  direction: string;
  dimensions: readonly string[];
  themes: readonly string[];
  status: string;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Reads the filter from query parameters. Blank parameters mean "any"; a value that cannot be
 * a filter is left out and reported, naming the parameter, so the page can say why the list is
 * wider than asked rather than silently showing nothing.
 */
export function parseIncidentFilter(params: URLSearchParams): {
  filter: IncidentFilter;
  problems: FilterProblem[];
} {
  const filter: IncidentFilter = {};
  const problems: FilterProblem[] = [];
  const value = (field: IncidentFilterField): string => (params.get(field) ?? '').trim();
  const refuse = (field: IncidentFilterField, message: string): void => {
    problems.push({ field, message, text: `${field}: ${message}` });
  };
  const oneOf = <T extends string>(field: IncidentFilterField, allowed: readonly T[]): T | undefined => {
    const v = value(field);
    if (v === '') return undefined;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    refuse(field, `"${v}" is not one of ${allowed.join(', ')}`);
    return undefined;
  };
  const month = (field: 'from' | 'to'): string | undefined => {
    const v = value(field);
    if (v === '') return undefined;
    if (MONTH.test(v)) return v;
    refuse(field, `"${v}" is not a month: expected YYYY-MM`);
    return undefined;
  };
  const side = oneOf('side', SIDES);
  const level = oneOf('level', LEVELS);
  const direction = oneOf('direction', DIRECTIONS);
  const status = oneOf('status', INCIDENT_STATUSES);
  const from = month('from');
  const to = month('to');
  if (side) filter.side = side;
  if (level) filter.level = level;
  if (direction) filter.direction = direction;
  if (value('dimension')) filter.dimension = value('dimension');
  if (value('theme')) filter.theme = value('theme');
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (from && to && from > to) refuse('to', `${to} is before ${from}`);
  if (status) filter.status = status;
  return { filter, problems };
}

/** The filter as query parameters, in a fixed order, blank ones left out. */
export function incidentFilterToParams(filter: IncidentFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of INCIDENT_FILTER_FIELDS) {
    const v = filter[field];
    if (v) params.set(field, v);
  }
  return params;
}

export function isFilterEmpty(filter: IncidentFilter): boolean {
  return INCIDENT_FILTER_FIELDS.every((field) => !filter[field]);
}

export function matchesIncidentFilter(incident: FilterableIncident, filter: IncidentFilter): boolean {
  const month = incident.occurredOn.slice(0, 7);
  const theme = filter.theme?.toLowerCase();
  return (
    (!filter.side || incident.sidesInvolved.includes(filter.side)) &&
    (!filter.level || incident.levelsInvolved.includes(filter.level)) &&
    (!filter.direction || incident.direction === filter.direction) &&
    (!filter.dimension || incident.dimensions.includes(filter.dimension)) &&
    (!theme || incident.themes.some((t) => t.toLowerCase() === theme)) &&
    (!filter.from || month >= filter.from) &&
    (!filter.to || month <= filter.to) &&
    (!filter.status || incident.status === filter.status)
  );
}

/** The incidents that match, in the order given. */
export function filterIncidents<T extends FilterableIncident>(
  incidents: readonly T[],
  filter: IncidentFilter,
): T[] {
  return incidents.filter((incident) => matchesIncidentFilter(incident, filter));
}
