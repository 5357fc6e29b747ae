import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { incidents } from '../db/schema.ts';

// Which incidents anyone may see (docs/anonymity.md, decision 022). An incident a participant
// reported in the survey belongs to their response: it is shared only once that response was
// submitted and its wave has closed, exactly like their scores and comments. Until then it exists
// for no page, API, CSV, count, analysis, stage or export: a facilitator who watched one known
// person submit must not learn anything from a new incident (or a new count of incidents) while
// the wave is open. Incidents from interviews, workshops and imports (no response) are shared as
// soon as they are recorded.

/** The condition, for a query over `incidents` (or an alias of it: pass its response_id column). */
export function isSharedIncident(responseId: AnyColumn | SQL = incidents.responseId): SQL {
  return sql`(${responseId} is null or exists (
    select 1 from responses shared_r join waves shared_w on shared_w.id = shared_r.wave_id
    where shared_r.id = ${responseId} and shared_r.submitted_at is not null and shared_w.status = 'closed'))`;
}
