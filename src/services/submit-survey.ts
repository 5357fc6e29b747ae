import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import {
  invalidFields,
  parseFields,
  SurveyAnswersInputSchema,
  validateSurveyAnswers,
} from '../domain/validate-survey-answers.ts';
import { loadSurveyInstrument } from './get-survey.ts';
import { requireOpenSurveyAccess, type SurveyAccess } from './resolve-survey-access.ts';
import { alreadySubmitted } from './save-survey-answers.ts';

/**
 * Submits the participant's response. Every item is optional, so no minimum is asked (the review
 * step shows what is unanswered). The submission may carry last answers (`{ answers, open }`, as
 * for a save): they are saved in the same statement. Submitting twice is a `conflict`.
 *
 * Without open texts it is one statement (an upsert), started or not; only open texts need a
 * transaction (bench/RESULTS.md, survey submissions).
 */
export async function submitSurvey(
  db: Db,
  access: SurveyAccess | null,
  now: Date = new Date(),
  input?: unknown,
): Promise<{ responseId: string; submittedAt: Date }> {
  const open = requireOpenSurveyAccess(access);
  let changes = {
    setAnswers: {} as Record<string, number>,
    clearAnswers: [] as string[],
    setOpen: {} as Record<string, string>,
    clearOpen: [] as string[],
  };
  if (input !== undefined && input !== null) {
    const parsed = parseFields(SurveyAnswersInputSchema, input);
    const checked = validateSurveyAnswers(await loadSurveyInstrument(db, open.waveId), parsed);
    if (!checked.ok) throw invalidFields(checked.problems);
    changes = checked.changes;
  }
  const at = now.toISOString();
  const setAnswers = JSON.stringify(changes.setAnswers);
  const hasOpenChanges = Object.keys(changes.setOpen).length > 0 || changes.clearOpen.length > 0;

  const submit = async (executor: Pick<Db, 'execute'>) => {
    // One statement whether or not the survey was started; a submitted response is left alone and
    // returns no row, which means it was submitted already.
    const [row] = await queryRows<{ id: string }>(
      executor,
      sql`insert into responses (wave_id, participant_id, side, level, answers, started_at, submitted_at)
          select ${open.waveId}::uuid, p.id, p.side, p.level, ${setAnswers}::jsonb, ${at}::timestamptz, ${at}::timestamptz
          from participants p where p.id = ${open.participantId}::uuid
          on conflict (wave_id, participant_id) do update
            set answers = (responses.answers || ${setAnswers}::jsonb) - ${toPgArrayLiteral(changes.clearAnswers)}::text[],
                started_at = coalesce(responses.started_at, excluded.started_at),
                submitted_at = excluded.submitted_at
            where responses.submitted_at is null
          returning id`,
    );
    if (!row) throw alreadySubmitted();
    const responseId = row.id;
    if (Object.keys(changes.setOpen).length > 0) {
      await executor.execute(sql`
        insert into open_answers (response_id, question_code, text)
        select ${responseId}::uuid, code, text
        from unnest(${toPgArrayLiteral(Object.keys(changes.setOpen))}::text[], ${toPgArrayLiteral(Object.values(changes.setOpen))}::text[]) as t(code, text)
        on conflict (response_id, question_code) do update set text = excluded.text`);
    }
    if (changes.clearOpen.length > 0) {
      await executor.execute(sql`
        delete from open_answers
        where response_id = ${responseId}::uuid and question_code = any(${toPgArrayLiteral(changes.clearOpen)}::text[])`);
    }
    return { responseId, submittedAt: now };
  };
  return hasOpenChanges ? db.transaction((tx) => submit(tx)) : submit(db);
}
