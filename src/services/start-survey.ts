import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { requireOpenSurveyAccess, type SurveyAccess } from './resolve-survey-access.ts';

export type StartedSurvey = { responseId: string; startedAt: Date; submittedAt: Date | null };

type Executor = Pick<Db, 'execute'>;

/**
 * The deliberate first use of a link (a POST, never a GET): creates the participant's response
 * (no answers, started now) unless it exists, in which case it is returned as it is (resume).
 */
export async function startSurvey(
  db: Db,
  access: SurveyAccess | null,
  now: Date = new Date(),
): Promise<StartedSurvey> {
  return ensureSurveyResponse(db, requireOpenSurveyAccess(access), now);
}

/** The response row of the link's participant in its wave, created on first use. */
export async function ensureSurveyResponse(
  db: Executor,
  access: SurveyAccess,
  now: Date,
): Promise<StartedSurvey> {
  const [row] = await queryRows<{
    id: string;
    started_at: Date | string | null;
    submitted_at: Date | string | null;
  }>(
    db,
    sql`
    insert into responses (wave_id, participant_id, side, level, answers, started_at)
    select ${access.waveId}::uuid, p.id, p.side, p.level, '{}'::jsonb, ${now.toISOString()}::timestamptz
    from participants p where p.id = ${access.participantId}::uuid
    on conflict (wave_id, participant_id)
      do update set started_at = coalesce(responses.started_at, excluded.started_at)
    returning id, started_at, submitted_at`,
  );
  if (!row) throw new Error('a survey link whose participant no longer exists');
  return {
    responseId: row.id,
    startedAt: toDate(row.started_at) ?? now,
    submittedAt: toDate(row.submitted_at),
  };
}

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
