import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { relationshipSummaries } from '../db/schema.ts';
import { analyzeRelationship } from '../domain/analyze-relationship.ts';
import { AppError } from '../domain/app-error.ts';
import { sortKeys } from '../domain/canonical-json.ts';
import { type QuarterIncidentCounts, quarterOf, type WorkCounts } from '../domain/early-warnings.ts';
import {
  buildCachedPortfolioSummary,
  type CachedPortfolioSummary,
  type WaveResponseCounts,
} from '../domain/portfolio-summary.ts';
import { todayIso } from './find-wave.ts';
import { loadAnalysisInput } from './get-relationship-analysis.ts';
import { isSharedIncident } from './shared-incidents.ts';

// The portfolio's cached summary of one relationship (decision 016). The summary is computed by
// the real analysis (loadAnalysisInput → analyzeRelationship, what `trustloop analyze --json`
// prints) and stored in relationship_summaries under a key; the key is cheap to compute for every
// relationship of a workspace in one query and changes whenever anything the summary shows could.
// The date is not part of the key: the one thing that depends on it, this quarter's incident
// counts and their warning, is counted by the same query and applied when listing.

/**
 * Bump when the summary's shape or the way it is computed changes: every cached summary is then
 * stale and recomputed on the next portfolio load. 2: the quarter's incidents left the summary.
 */
const SUMMARY_VERSION = 'portfolio-summary-2';

export type SummaryKeyRow = {
  relationshipId: string;
  key: string;
  cachedKey: string | null;
  cachedSummary: CachedPortfolioSummary | null;
  /** Building and diluting incidents in the quarter of `today` (dismissed ones left out). */
  incidents: QuarterIncidentCounts;
  /** Open actions past due on `today` and active workstreams at red: read beside the key, never cached. */
  work: WorkCounts;
};

/**
 * The current key of every relationship of the workspace (or of one), beside the cached key and
 * summary and the relationship's building and diluting incidents in the calendar quarter of
 * `today` (not dismissed; countQuarterIncidents in SQL), in one query. `today` only chooses the
 * quarter counted: it is not part of the key. What goes into the key, and why each part is there:
 * - the summary's version;
 * - the workspace's stage gates (the stage);
 * - the relationship's name and anonymity threshold, its sides' names (shown; stage reasons);
 * - per wave in order: id, label, status, dates (the stage's incident cap is as of the close),
 *   threshold and instrument; for an open wave also its submitted responses' count and latest
 *   submission time (answers still arrive; a closed wave takes no more);
 * - the participants' count (the response rate's denominator);
 * - the incidents' count and latest updated_at (added, edited or deleted incidents).
 * Beside the key, like the quarter's incidents, the joint work's overdue actions and workstreams at
 * red (they change with `today` and with every update, and need no analysis).
 * A change made while a summary is computed leaves the stored key older than the data, so the
 * next load recomputes it: the key is read before the analysis' inputs.
 */
export async function readSummaryKeys(
  db: Db,
  workspaceId: string,
  today: string,
  relationshipId?: string,
): Promise<SummaryKeyRow[]> {
  // JIT compiling this plan costs more than running it (~40 ms of ~65 ms at 400 relationships,
  // bench/RESULTS.md), so it is turned off for this one statement.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<{
      id: string;
      key: string;
      cached_key: string | null;
      summary: CachedPortfolioSummary | string | null;
      building: number | string;
      diluting: number | string;
      overdue_actions: number | string;
      red_workstreams: number | string;
    }>(tx, summaryKeysQuery(workspaceId, today, relationshipId));
  });
  const quarter = quarterOf(today).label;
  return rows.map((row) => ({
    relationshipId: row.id,
    key: row.key,
    cachedKey: row.cached_key,
    cachedSummary: row.summary === null ? null : sortKeys(parseJson(row.summary)),
    incidents: { quarter, building: Number(row.building), diluting: Number(row.diluting) },
    work: { overdueActions: Number(row.overdue_actions), redWorkstreams: Number(row.red_workstreams) },
  }));
}

/** The SQL of readSummaryKeys, exported for the benchmark's EXPLAIN. */
export function summaryKeysQuery(workspaceId: string, today: string, relationshipId?: string): SQL {
  // The portfolio leaves archived relationships out (decision 043); one asked for by id is read.
  const only =
    relationshipId === undefined ? sql`and r.archived_at is null` : sql`and r.id = ${relationshipId}`;
  const quarter = quarterOf(today);
  // Counted as countQuarterIncidents does: in the quarter (both ends included), not dismissed.
  // Incidents from a survey response count once its wave has closed (services/shared-incidents.ts).
  const inQuarter = sql`i.occurred_on between ${quarter.start}::date and ${quarter.end}::date
    and i.status <> 'dismissed' and ${isSharedIncident(sql.raw('i.response_id'))}`;
  return sql`
    with rel as (
      select r.id, r.name, r.anonymity_threshold from relationships r
      where r.workspace_id = ${workspaceId} ${only}
    ),
    side_names as (
      select s.relationship_id, string_agg(s.side || '=' || s.name, '|' order by s.side) as names
      from sides s join rel on rel.id = s.relationship_id group by s.relationship_id
    ),
    wave_keys as (
      select w.relationship_id,
        string_agg(concat_ws(':', w.id, w.label, w.status, w.opens_on, w.closes_on,
          w.anonymity_threshold, w.instrument_id,
          case when w.status = 'open' then (
            select count(*) || '@' || coalesce(max(x.submitted_at)::text, '')
            from responses x where x.wave_id = w.id and x.submitted_at is not null) end),
          '|' order by w.position) as waves
      from waves w join rel on rel.id = w.relationship_id group by w.relationship_id
    ),
    participant_counts as (
      select p.relationship_id, count(*) as n
      from participants p join rel on rel.id = p.relationship_id group by p.relationship_id
    ),
    incident_keys as (
      select i.relationship_id, count(*) || '@' || max(i.updated_at)::text as incidents,
        count(*) filter (where ${inQuarter} and i.direction = 'builds') as building,
        count(*) filter (where ${inQuarter} and i.direction = 'dilutes') as diluting
      from incidents i join rel on rel.id = i.relationship_id group by i.relationship_id
    ),
    overdue_counts as (
      select w.relationship_id, count(*) as n
      from actions a join workstreams w on w.id = a.workstream_id join rel on rel.id = w.relationship_id
      where w.status = 'active' and a.status = 'open' and a.due_on < ${today}::date
      group by w.relationship_id
    ),
    red_counts as (
      select w.relationship_id, count(*) as n
      from workstreams w join rel on rel.id = w.relationship_id
      where w.status = 'active' and (select u.rag from workstream_updates u where u.workstream_id = w.id
        order by u.on desc, u.created_at desc limit 1) = 'red'
      group by w.relationship_id
    )
    select rel.id,
      md5(concat_ws('#', ${SUMMARY_VERSION}::text,
        coalesce((select stage_gates::text from workspaces where id = ${workspaceId}), ''),
        rel.name, rel.anonymity_threshold, coalesce(sn.names, ''), coalesce(wk.waves, ''),
        coalesce(pc.n, 0), coalesce(ik.incidents, ''))) as key,
      rs.key as cached_key, rs.summary,
      coalesce(ik.building, 0)::int as building, coalesce(ik.diluting, 0)::int as diluting,
      coalesce(oc.n, 0)::int as overdue_actions, coalesce(rc.n, 0)::int as red_workstreams
    from rel
      left join side_names sn on sn.relationship_id = rel.id
      left join wave_keys wk on wk.relationship_id = rel.id
      left join participant_counts pc on pc.relationship_id = rel.id
      left join incident_keys ik on ik.relationship_id = rel.id
      left join overdue_counts oc on oc.relationship_id = rel.id
      left join red_counts rc on rc.relationship_id = rel.id
      left join relationship_summaries rs on rs.relationship_id = rel.id`;
}

/**
 * Computes one relationship's cached summary with the real analysis and stores it under `key`
 * (read first when not given). Returns the cached summary; completePortfolioSummary adds a
 * quarter's incident counts to make it a portfolio row.
 */
export async function refreshRelationshipSummary(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  options: { key?: string } = {},
): Promise<CachedPortfolioSummary> {
  let key = options.key;
  if (key === undefined) {
    // Any day would do: the day only chooses the quarter counted beside the key, not the key.
    const [row] = await readSummaryKeys(db, workspaceId, todayIso(), relationshipId);
    if (!row) throw new AppError('not-found', `relationship "${relationshipId}" not found`);
    key = row.key;
  }
  const input = await loadAnalysisInput(db, workspaceId, relationshipId);
  const waves = await loadWaveResponseCounts(db, input.relationship.id);
  const summary = buildCachedPortfolioSummary({ analysis: analyzeRelationship(input), waves });
  await db
    .insert(relationshipSummaries)
    .values({ relationshipId: input.relationship.id, key, summary, computedAt: new Date() })
    .onConflictDoUpdate({
      target: relationshipSummaries.relationshipId,
      set: { key, summary, computedAt: new Date() },
    });
  // In the key order a cached summary comes back in (sortKeys), so that a reader cannot tell that
  // this one was computed just now: that would say something changed since the last read.
  return sortKeys(summary);
}

/**
 * Submitted responses per wave against the relationship's participants: the response tracking
 * page's totals (getResponseTracking), in wave order. An imported wave has no links, so its
 * "invited" is the participants the bundle brought, as on the tracking page.
 */
async function loadWaveResponseCounts(db: Db, relationshipId: string): Promise<WaveResponseCounts[]> {
  const rows = await queryRows<{
    label: string;
    status: WaveResponseCounts['status'];
    submitted: number;
    invited: number;
  }>(
    db,
    sql`select w.label, w.status,
          (select count(*) from responses x where x.wave_id = w.id and x.submitted_at is not null)::int as submitted,
          (select count(*) from participants p where p.relationship_id = w.relationship_id)::int as invited
        from waves w where w.relationship_id = ${relationshipId} order by w.position`,
  );
  return rows.map((row) => ({ ...row, submitted: Number(row.submitted), invited: Number(row.invited) }));
}

// node-postgres parses jsonb; PGlite does too, but a driver that hands back text is handled as well.
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
