import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { AppError } from '../domain/app-error.ts';
import { invalidFields } from '../domain/parse-input.ts';
import {
  parseFields,
  SurveyAnswersInputSchema,
  validateSurveyAnswers,
} from '../domain/validate-survey-answers.ts';
import { loadSurveyInstrument } from './get-survey.ts';
import { requireOpenSurveyAccess, type SurveyAccess } from './resolve-survey-access.ts';
import { ensureSurveyResponse } from './start-survey.ts';

export type SavedSurveyAnswers = {
  answers: Record<string, number>;
  open: Record<string, string>;
  progress: { answered: number; total: number };
};

/**
 * Saves answers as they are given — one item or a batch — against the wave's instrument: a value
 * sets, null clears, blank open text clears. Saving starts the survey if it was not started.
 * After submitting, every change is refused (`conflict`).
 */
export async function saveSurveyAnswers(
  db: Db,
  access: SurveyAccess | null,
  input: unknown,
  now: Date = new Date(),
): Promise<SavedSurveyAnswers> {
  const open = requireOpenSurveyAccess(access);
  const parsed = parseFields(SurveyAnswersInputSchema, input);
  const instrument = await loadSurveyInstrument(db, open.waveId);
  const checked = validateSurveyAnswers(instrument, parsed);
  if (!checked.ok) throw invalidFields(checked.problems);
  const { setAnswers, clearAnswers, setOpen, clearOpen } = checked.changes;

  return db.transaction(async (tx) => {
    const response = await ensureSurveyResponse(tx, open, now);
    const [updated] = await queryRows<{ answers: Record<string, number> | string }>(
      tx,
      sql`
      update responses
      set answers = (answers || ${JSON.stringify(setAnswers)}::jsonb) - ${toPgArrayLiteral(clearAnswers)}::text[]
      where id = ${response.responseId}::uuid and submitted_at is null
      returning answers`,
    );
    if (!updated) throw alreadySubmitted();
    const setCodes = Object.keys(setOpen);
    if (setCodes.length > 0) {
      await tx.execute(sql`
        insert into open_answers (response_id, question_code, text)
        select ${response.responseId}::uuid, code, text
        from unnest(${toPgArrayLiteral(setCodes)}::text[], ${toPgArrayLiteral(Object.values(setOpen))}::text[]) as t(code, text)
        on conflict (response_id, question_code) do update set text = excluded.text`);
    }
    if (clearOpen.length > 0) {
      await tx.execute(sql`
        delete from open_answers
        where response_id = ${response.responseId}::uuid and question_code = any(${toPgArrayLiteral(clearOpen)}::text[])`);
    }
    const openRows = await queryRows<{ question_code: string; text: string }>(
      tx,
      sql`select question_code, text from open_answers where response_id = ${response.responseId}::uuid`,
    );
    const answers = typeof updated.answers === 'string' ? JSON.parse(updated.answers) : updated.answers;
    const itemCodes = new Set(instrument.items.map((item) => item.code));
    return {
      answers,
      open: Object.fromEntries(openRows.map((r) => [r.question_code, r.text])),
      progress: {
        answered: Object.keys(answers).filter((code) => itemCodes.has(code)).length,
        total: instrument.items.length,
      },
    };
  });
}

export function alreadySubmitted(): AppError {
  return new AppError('conflict', 'These answers were already submitted and can no longer be changed.');
}
