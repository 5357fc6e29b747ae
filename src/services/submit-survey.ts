import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { requireOpenSurveyAccess, type SurveyAccess } from './resolve-survey-access.ts';
import { alreadySubmitted } from './save-survey-answers.ts';
import { ensureSurveyResponse } from './start-survey.ts';

/**
 * Submits the participant's response as it stands: every item is optional, so no minimum is
 * asked (the review step shows what is unanswered). Submitting twice is a `conflict`.
 */
export async function submitSurvey(
  db: Db,
  access: SurveyAccess | null,
  now: Date = new Date(),
): Promise<{ responseId: string; submittedAt: Date }> {
  const open = requireOpenSurveyAccess(access);
  return db.transaction(async (tx) => {
    const response = await ensureSurveyResponse(tx, open, now);
    const [row] = await queryRows<{ submitted_at: Date | string }>(
      tx,
      sql`update responses set submitted_at = ${now.toISOString()}::timestamptz
          where id = ${response.responseId}::uuid and submitted_at is null
          returning submitted_at`,
    );
    if (!row) throw alreadySubmitted();
    return { responseId: response.responseId, submittedAt: new Date(row.submitted_at) };
  });
}
