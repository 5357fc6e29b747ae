import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { incidents, instruments, interviews, participants, sides, waves, workspaces } from '../db/schema.ts';
import type {
  IncidentRecord,
  Instrument,
  InterviewRecord,
  Level,
  ParticipantRecord,
  ResponseRecord,
  Side,
  SideInfo,
  WaveInfo,
} from '../domain/model.ts';
import { findRelationship } from './find-relationship.ts';
import { isSharedIncident } from './shared-incidents.ts';

// Loading shared by analysis and export, so both read a relationship the same way.

export type LoadedWave = WaveInfo & {
  id: string;
  anonymityThreshold: number;
  status: string;
  instrumentId: string;
  instrument: Instrument;
};

export type LoadedRelationship = {
  id: string;
  name: string;
  anonymityThreshold: number;
  sides: Record<Side, SideInfo>;
  waves: LoadedWave[];
};

export async function loadRelationship(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<LoadedRelationship> {
  const found = await findRelationship(db, workspaceId, reference);
  const sideRows = await db.select().from(sides).where(eq(sides.relationshipId, found.id));
  const waveRows = await db
    .select({
      id: waves.id,
      label: waves.label,
      opens: waves.opensOn,
      closes: waves.closesOn,
      anonymityThreshold: waves.anonymityThreshold,
      status: waves.status,
      instrumentId: waves.instrumentId,
      instrument: instruments.definition,
    })
    .from(waves)
    .innerJoin(instruments, eq(instruments.id, waves.instrumentId))
    .where(eq(waves.relationshipId, found.id))
    .orderBy(asc(waves.position));
  const side = (key: Side): SideInfo => {
    const row = sideRows.find((s) => s.side === key);
    return { name: row?.name ?? key, role: row?.role ?? '' };
  };
  return { ...found, sides: { A: side('A'), B: side('B') }, waves: waveRows };
}

/** Submitted responses of the given waves with respondent keys and open answers, for export. */
export async function loadResponses(
  db: Db,
  wavesToLoad: ReadonlyArray<{ id: string; label: string }>,
): Promise<ResponseRecord[]> {
  if (wavesToLoad.length === 0) return [];
  const labels = new Map(wavesToLoad.map((w) => [w.id, w.label]));
  const ids = wavesToLoad.map((w) => w.id);
  const rows = await queryRows<{
    wave_id: string;
    respondent: string;
    side: Side;
    level: Level;
    answers: Record<string, number>;
    open: Record<string, string>;
  }>(
    db,
    sql`
    select r.wave_id, p.respondent_key as respondent, r.side, r.level, r.answers, coalesce((select jsonb_object_agg(o.question_code, o.text) from open_answers o where o.response_id = r.id), '{}'::jsonb) as open
    from responses r
      join participants p on p.id = r.participant_id
      join waves w on w.id = r.wave_id
    where r.wave_id = any(${toPgArrayLiteral(ids)}::uuid[])
      and r.submitted_at is not null
    order by w.position, p.respondent_key`,
  );
  return rows.map((row) => ({
    respondent: row.respondent,
    side: row.side,
    level: row.level,
    wave: labels.get(row.wave_id) ?? '',
    answers: parseJson(row.answers),
    open: parseJson(row.open),
  }));
}

/**
 * What the analysis needs of each submitted response — side, level and answers, nothing that
 * identifies anyone — grouped by wave id. The lightest query we measured (bench/RESULTS.md).
 */
export async function loadAnswerSets(
  db: Db,
  waveIds: readonly string[],
): Promise<Map<string, Array<{ side: Side; level: Level; answers: Record<string, number> }>>> {
  const byWave = new Map(
    waveIds.map((id) => [id, [] as Array<{ side: Side; level: Level; answers: Record<string, number> }>]),
  );
  if (waveIds.length === 0) return byWave;
  const rows = await queryRows<{
    wave_id: string;
    side: Side;
    level: Level;
    answers: Record<string, number>;
  }>(
    db,
    sql`select wave_id, side, level, answers from responses
        where wave_id = any(${toPgArrayLiteral(waveIds)}::uuid[]) and submitted_at is not null`,
  );
  for (const row of rows) {
    byWave.get(row.wave_id)?.push({ side: row.side, level: row.level, answers: parseJson(row.answers) });
  }
  return byWave;
}

export async function loadParticipants(db: Db, relationshipId: string): Promise<ParticipantRecord[]> {
  const rows = await db
    .select()
    .from(participants)
    .where(eq(participants.relationshipId, relationshipId))
    .orderBy(asc(participants.respondentKey));
  return rows.map((row) => ({
    respondent: row.respondentKey,
    side: row.side as Side,
    level: row.level as Level,
    name: row.name,
    email: row.email,
    role: row.role,
  }));
}

export async function loadIncidents(db: Db, relationshipId: string): Promise<IncidentRecord[]> {
  const rows = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.relationshipId, relationshipId), isSharedIncident()))
    .orderBy(asc(incidents.occurredOn), asc(incidents.ref));
  return rows.map((row) => ({
    ref: row.ref,
    occurredOn: row.occurredOn,
    title: row.title,
    narrative: row.narrative,
    reporterSide: row.reporterSide as Side,
    reporterLevel: row.reporterLevel as Level,
    sidesInvolved: row.sidesInvolved as Side[],
    levelsInvolved: row.levelsInvolved as Level[],
    direction: row.direction as IncidentRecord['direction'],
    strength: row.strength as IncidentRecord['strength'],
    dimensions: row.dimensions,
    themes: row.themes,
    source: row.source as IncidentRecord['source'],
    codedBy: row.codedBy,
    status: row.status as IncidentRecord['status'],
    resolvedOn: row.resolvedOn,
  }));
}

export async function loadInterviews(db: Db, relationshipId: string): Promise<InterviewRecord[]> {
  const rows = await db
    .select({ interview: interviews, respondent: participants.respondentKey })
    .from(interviews)
    .leftJoin(participants, eq(participants.id, interviews.participantId))
    .where(eq(interviews.relationshipId, relationshipId))
    .orderBy(asc(interviews.heldOn), asc(interviews.ref));
  return rows.map(({ interview, respondent }) => ({
    ref: interview.ref,
    respondent: respondent ?? '',
    side: interview.side as Side,
    level: interview.level as Level,
    heldOn: interview.heldOn,
    interviewer: interview.interviewer,
    notes: interview.notes,
  }));
}

/** The workspace's stage gates as stored (null = the defaults); the caller validates them. */
export async function loadStageGates(db: Db, workspaceId: string): Promise<unknown> {
  const [row] = await db
    .select({ gates: workspaces.stageGates })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.gates ?? null;
}

// node-postgres parses jsonb; PGlite does too, but a driver that hands back text is handled as well.
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
