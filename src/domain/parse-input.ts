import type { z } from 'zod';
import { AppError } from './app-error.ts';

// One way to turn a zod failure into AppError 'invalid-input' whose message and details name the
// field, for every service and route that takes input from outside.

export type FieldProblem = { field: string; message: string; text: string };

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(toFieldProblems);
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new AppError('invalid-input', `${first ? first.text : `${what} is not valid`}${more}`, problems);
}

function toFieldProblems(issue: z.core.$ZodIssue): FieldProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => problem([...issue.path, key], 'is not a known field'));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [problem(issue.path, 'is required')];
  }
  return [problem(issue.path, issue.message)];
}

function problem(path: readonly PropertyKey[], message: string): FieldProblem {
  return fieldProblem(path.length === 0 ? 'body' : path.map(String).join('.'), message);
}

/** One problem with one field, its text naming the field (`dimensions.0: …`). */
export function fieldProblem(field: string, message: string): FieldProblem {
  return { field, message, text: `${field}: ${message}` };
}

/** The 'invalid-input' error for these problems: each one in the message, all in the details. */
export function invalidFields(problems: readonly FieldProblem[]): AppError {
  return new AppError('invalid-input', problems.map((p) => p.text).join('; '), problems);
}
