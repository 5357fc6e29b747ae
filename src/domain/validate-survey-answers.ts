import { z } from 'zod';
import type { Instrument } from './model.ts';
import { type FieldProblem, fieldProblem, invalidFields } from './parse-input.ts';

// What a participant may save, checked against the wave's instrument. Every item is optional: a
// value sets an answer, null clears it; an open answer's blank text clears it (decision 010).

export const MAX_OPEN_ANSWER_LENGTH = 4000;

export const SurveyAnswersInputSchema = z
  .object({
    /** item code → an integer on the instrument's scale, or null to clear the answer. */
    answers: z.record(z.string(), z.number().nullable()).optional(),
    /** open question code → text (at most 4,000 characters); blank clears it. */
    open: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export type SurveyAnswersInput = z.infer<typeof SurveyAnswersInputSchema>;

export type SurveyAnswerChanges = {
  setAnswers: Record<string, number>;
  clearAnswers: string[];
  setOpen: Record<string, string>;
  clearOpen: string[];
};

/** Turns one input into the changes to store, or lists every problem by field. */
export function validateSurveyAnswers(
  instrument: Instrument,
  input: SurveyAnswersInput,
): { ok: true; changes: SurveyAnswerChanges } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const changes: SurveyAnswerChanges = { setAnswers: {}, clearAnswers: [], setOpen: {}, clearOpen: [] };
  const items = new Set(instrument.items.map((item) => item.code));
  const openCodes = new Set(instrument.open.map((question) => question.code));
  const { min, max } = instrument.scale;
  for (const [code, value] of Object.entries(input.answers ?? {})) {
    const field = `answers.${code}`;
    if (!items.has(code)) problems.push(fieldProblem(field, 'no such item in this survey'));
    else if (value === null) changes.clearAnswers.push(code);
    else if (!Number.isInteger(value) || value < min || value > max)
      problems.push(fieldProblem(field, `expected a whole number from ${min} to ${max}`));
    else changes.setAnswers[code] = value;
  }
  for (const [code, text] of Object.entries(input.open ?? {})) {
    const field = `open.${code}`;
    if (!openCodes.has(code)) problems.push(fieldProblem(field, 'no such question in this survey'));
    else if (text.length > MAX_OPEN_ANSWER_LENGTH)
      problems.push(fieldProblem(field, `at most ${MAX_OPEN_ANSWER_LENGTH.toLocaleString('en')} characters`));
    else if (text.trim() === '') changes.clearOpen.push(code);
    else changes.setOpen[code] = text;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

/** Parses input with a zod schema; every problem names its field (`answers.COM1: …`). */
export function parseFields<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidFields(
    parsed.error.issues.map((issue) =>
      fieldProblem(issue.path.map(String).join('.') || 'body', issue.message),
    ),
  );
}
