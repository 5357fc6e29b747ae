import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents, sides } from '../db/schema.ts';
import { filterIncidents, type IncidentFilter } from '../domain/filter-incidents.ts';
import type { IncidentCoding, IncidentView } from '../domain/incident-coding.ts';
import { buildIncidentTimeline, type TimelineMonth } from '../domain/incident-timeline.ts';
import type {
  ContractScope,
  Dimension,
  Direction,
  IncidentSource,
  IncidentStatus,
  IncidentTrigger,
  Level,
  Side,
  SideInfo,
} from '../domain/model.ts';
import {
  attributeSurveyReporters,
  type ReporterLevel,
  surveyWaveColumn,
} from './attribute-survey-incidents.ts';
import { findRelationship } from './find-relationship.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import type { Tx } from './lock-relationship.ts';
import { isSharedIncident } from './shared-incidents.ts';

/** The relationship as the incident pages name it: its sides' organisations. */
export type IncidentRelationship = { id: string; name: string; sides: Record<Side, SideInfo> };

export type IncidentList = {
  relationship: IncidentRelationship;
  /** Every incident of the relationship, before filtering. */
  total: number;
  /** The incidents that match the filter, oldest first. */
  incidents: IncidentView[];
  /** Building against diluting by month, over the filtered incidents. */
  timeline: TimelineMonth[];
  /** For the filter form: the relationship's dimensions and every theme in use. */
  dimensions: Dimension[];
  themes: string[];
};

/**
 * The relationship's incidents through the workbench's filter (domain filter-incidents.ts, the
 * same for the page, its CSV and the API). Never the survey response an incident came from.
 */
export async function listIncidents(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  filter: IncidentFilter = {},
): Promise<IncidentList> {
  const relationship = await findRelationship(db, workspaceId, relationshipId);
  const all = await loadIncidentViews(db, relationship.id);
  const matching = filterIncidents(all, filter);
  return {
    relationship: await loadIncidentRelationship(db, relationship),
    total: all.length,
    incidents: matching,
    timeline: buildIncidentTimeline(matching),
    dimensions: await loadIncidentDimensions(db, relationship.id),
    themes: themesInUse(all),
  };
}

/** Every incident of a relationship as IncidentView, oldest first. */
export async function loadIncidentViews(db: Db | Tx, relationshipId: string): Promise<IncidentView[]> {
  const rows = await db
    .select({
      ...incidentViewColumns,
      hasSecondCoding: sql<boolean>`${incidentSecondCodings.incidentId} is not null`,
    })
    .from(incidents)
    .leftJoin(incidentSecondCodings, eq(incidentSecondCodings.incidentId, incidents.id))
    .where(and(eq(incidents.relationshipId, relationshipId), isSharedIncident()))
    .orderBy(asc(incidents.occurredOn), asc(incidents.ref));
  return (await attributeSurveyReporters(db, rows)).map(toIncidentView);
}

/**
 * The columns of IncidentView; response_id is deliberately not among them, only the wave of a
 * survey incident's response, which attributeSurveyReporters needs (and drops).
 */
export const incidentViewColumns = {
  id: incidents.id,
  ref: incidents.ref,
  occurredOn: incidents.occurredOn,
  title: incidents.title,
  reporterSide: incidents.reporterSide,
  reporterLevel: incidents.reporterLevel,
  surveyWaveId: surveyWaveColumn,
  sidesInvolved: incidents.sidesInvolved,
  levelsInvolved: incidents.levelsInvolved,
  direction: incidents.direction,
  strength: incidents.strength,
  dimensions: incidents.dimensions,
  themes: incidents.themes,
  trigger: incidents.trigger,
  smallBigThing: incidents.smallBigThing,
  contractScope: incidents.contractScope,
  source: incidents.source,
  status: incidents.status,
  resolvedOn: incidents.resolvedOn,
  codedBy: incidents.codedBy,
};

/** The coded fields of an incident (or of its second coding) as the database gives them. */
type CodingRow = {
  direction: string;
  strength: number;
  dimensions: string[];
  themes: string[];
  trigger: string;
  smallBigThing: boolean;
  contractScope: string | null;
};

/** The database checks every vocabulary column, so the casts only narrow text to its union. */
export function codingOf(row: CodingRow): IncidentCoding {
  return {
    direction: row.direction as Direction,
    strength: row.strength as 1 | 2 | 3,
    dimensions: row.dimensions,
    themes: row.themes,
    trigger: row.trigger as IncidentTrigger | '',
    smallBigThing: row.smallBigThing,
    contractScope: row.contractScope as ContractScope | null,
  };
}

type IncidentViewRow = CodingRow &
  ReporterLevel & {
    id: string;
    ref: string;
    occurredOn: string;
    title: string;
    reporterSide: string;
    sidesInvolved: string[];
    levelsInvolved: string[];
    source: string;
    status: string;
    resolvedOn: string | null;
    codedBy: string;
    hasSecondCoding: boolean;
  };

/** The database checks every vocabulary column, so the casts only narrow text to its union. */
export function toIncidentView(row: IncidentViewRow): IncidentView {
  return {
    ...row,
    reporterSide: row.reporterSide as Side,
    sidesInvolved: row.sidesInvolved as Side[],
    levelsInvolved: row.levelsInvolved as Level[],
    ...codingOf(row),
    source: row.source as IncidentSource,
    status: row.status as IncidentStatus,
    hasSecondCoding: Boolean(row.hasSecondCoding),
  };
}

function themesInUse(list: readonly IncidentView[]): string[] {
  const byKey = new Map<string, string>();
  for (const incident of list) {
    for (const theme of incident.themes)
      if (!byKey.has(theme.toLowerCase())) byKey.set(theme.toLowerCase(), theme);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

export async function loadIncidentRelationship(
  db: Db | Tx,
  relationship: { id: string; name: string },
): Promise<IncidentRelationship> {
  const rows = await db.select().from(sides).where(eq(sides.relationshipId, relationship.id));
  const side = (key: Side): SideInfo => {
    const row = rows.find((s) => s.side === key);
    return { name: row?.name ?? key, role: row?.role ?? '' };
  };
  return { id: relationship.id, name: relationship.name, sides: { A: side('A'), B: side('B') } };
}
