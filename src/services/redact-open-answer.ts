import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswers } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { fieldProblem, invalidFields } from '../domain/parse-input.ts';
import { MAX_OPEN_ANSWER_LENGTH } from '../domain/validate-survey-answers.ts';
import { findOpenAnswer } from './find-open-answer.ts';

export type CommentModeration = { ref: string; redacted: boolean; hidden: boolean };

/**
 * The facilitator's redaction of one comment (a name struck out, a detail that would point at
 * someone): from now on everyone else reads `redactedText`; the participant's own words stay
 * stored, for the facilitators alone. Blank text, or the original itself, removes the redaction.
 */
export async function redactOpenAnswer(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  ref: string,
  redactedText: string,
): Promise<CommentModeration> {
  const text = redactedText.trim();
  if (text.length > MAX_OPEN_ANSWER_LENGTH) {
    throw invalidFields([
      fieldProblem('text', `at most ${MAX_OPEN_ANSWER_LENGTH.toLocaleString('en')} characters`),
    ]);
  }
  const answer = await findOpenAnswer(db, workspaceId, relationshipRef, waveLabel, ref);
  const [row] = await db
    .update(openAnswers)
    .set({ redactedText: text === '' ? null : text })
    .where(
      and(eq(openAnswers.responseId, answer.responseId), eq(openAnswers.questionCode, answer.questionCode)),
    )
    .returning({
      text: openAnswers.text,
      redactedText: openAnswers.redactedText,
      hiddenAt: openAnswers.hiddenAt,
    });
  if (!row) throw new AppError('not-found', `comment "${ref}" not found in wave "${waveLabel}"`);
  // Typing the original back is no redaction: keep nothing that would mark it as one.
  if (row.redactedText !== null && row.redactedText === row.text.trim()) {
    await db
      .update(openAnswers)
      .set({ redactedText: null })
      .where(
        and(eq(openAnswers.responseId, answer.responseId), eq(openAnswers.questionCode, answer.questionCode)),
      );
    return { ref: ref.trim().toLowerCase(), redacted: false, hidden: row.hiddenAt !== null };
  }
  return {
    ref: ref.trim().toLowerCase(),
    redacted: row.redactedText !== null,
    hidden: row.hiddenAt !== null,
  };
}

/** Hides one comment from everyone but the facilitators (or shows it again). */
export async function hideOpenAnswer(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  ref: string,
  hidden: boolean,
  now: Date = new Date(),
): Promise<CommentModeration> {
  const answer = await findOpenAnswer(db, workspaceId, relationshipRef, waveLabel, ref);
  const [row] = await db
    .update(openAnswers)
    .set({ hiddenAt: hidden ? now : null })
    .where(
      and(eq(openAnswers.responseId, answer.responseId), eq(openAnswers.questionCode, answer.questionCode)),
    )
    .returning({ redactedText: openAnswers.redactedText });
  if (!row) throw new AppError('not-found', `comment "${ref}" not found in wave "${waveLabel}"`);
  return { ref: ref.trim().toLowerCase(), redacted: row.redactedText !== null, hidden };
}
