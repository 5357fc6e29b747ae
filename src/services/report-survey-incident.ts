import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { incidents, participants } from '../db/schema.ts';
import { DIRECTIONS, LEVELS, SIDES } from '../domain/model.ts';
import { invalidFields } from '../domain/parse-input.ts';
import { parseFields } from '../domain/validate-survey-answers.ts';
import { loadSurveyInstrument } from './get-survey.ts';
import { requireOpenSurveyAccess, type SurveyAccess, surveyToday } from './resolve-survey-access.ts';
import { alreadySubmitted } from './save-survey-answers.ts';
import { createCode } from './secrets.ts';
import { ensureSurveyResponse } from './start-survey.ts';

// "Tell us about an incident" (Critical Incident Technique) from inside the survey. Stored for
// the facilitator to code: source survey, status reported, the reporter's side and level — never
// their name.

export const MAX_INCIDENT_NARRATIVE_LENGTH = 4000;

export const SurveyIncidentInputSchema = z
  .object({
    /** What happened, in the participant's words. */
    narrative: z
      .string()
      .trim()
      .min(1, 'say what happened')
      .max(MAX_INCIDENT_NARRATIVE_LENGTH, `at most ${MAX_INCIDENT_NARRATIVE_LENGTH} characters`),
    /** When: an ISO month (2024-05) or date (2024-05-17); empty or absent when unknown. */
    when: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}(-\d{2})?)?$/, 'expected a month (YYYY-MM) or a date (YYYY-MM-DD)')
      .optional(),
    sidesInvolved: z.array(z.enum(SIDES)).max(10).default([]),
    levelsInvolved: z.array(z.enum(LEVELS)).max(10).default([]),
    direction: z.enum(DIRECTIONS),
    /** 1 slight, 2 clear, 3 strong. */
    strength: z.number().int().min(1).max(3),
    /** Dimension keys of the wave's instrument. */
    dimensions: z.array(z.string()).max(20).default([]),
  })
  .strict();

export type SurveyIncidentInput = z.input<typeof SurveyIncidentInputSchema>;

export type ReportedSurveyIncident = { ref: string; occurredOn: string };

/**
 * Stores the incident against the participant's response (started on the way if need be).
 * Refused after the survey was submitted, like every other change. An unknown "when" is stored
 * as the day of the report (the column needs a date); a month as its first day.
 */
export async function reportSurveyIncident(
  db: Db,
  access: SurveyAccess | null,
  input: unknown,
  now: Date = new Date(),
): Promise<ReportedSurveyIncident> {
  const open = requireOpenSurveyAccess(access);
  const parsed = parseFields(SurveyIncidentInputSchema, input);
  const today = surveyToday(now);
  const occurredOn = toOccurredOn(parsed.when, today);
  const instrument = await loadSurveyInstrument(db, open.waveId);
  const keys = new Set(instrument.dimensions.map((d) => d.key));
  const problems = parsed.dimensions
    .map((key, i) => ({ key, i }))
    .filter(({ key }) => !keys.has(key))
    .map(({ key, i }) => ({
      field: `dimensions.${i}`,
      message: `"${key}" is not an aspect of this survey (one of ${[...keys].join(', ')})`,
      text: `dimensions.${i}: "${key}" is not an aspect of this survey (one of ${[...keys].join(', ')})`,
    }));
  if (occurredOn instanceof Error) {
    problems.push({ field: 'when', message: occurredOn.message, text: `when: ${occurredOn.message}` });
  }
  if (problems.length > 0 || occurredOn instanceof Error) throw invalidFields(problems);

  return db.transaction(async (tx) => {
    const response = await ensureSurveyResponse(tx, open, now);
    if (response.submittedAt) throw alreadySubmitted();
    const [reporter] = await tx
      .select({ side: participants.side, level: participants.level })
      .from(participants)
      .where(eq(participants.id, open.participantId));
    if (!reporter) throw new Error('a survey link without its participant');
    const ref = `S-${createCode()}`;
    await tx.insert(incidents).values({
      relationshipId: open.relationshipId,
      ref,
      occurredOn,
      title: parsed.narrative.slice(0, 80),
      narrative: parsed.narrative,
      reporterSide: reporter.side,
      reporterLevel: reporter.level,
      sidesInvolved: unique(parsed.sidesInvolved),
      levelsInvolved: unique(parsed.levelsInvolved),
      direction: parsed.direction,
      strength: parsed.strength,
      dimensions: unique(parsed.dimensions),
      themes: [],
      source: 'survey',
      codedBy: '',
      status: 'reported',
      resolvedOn: null,
      responseId: response.responseId,
    });
    return { ref, occurredOn };
  });
}

function toOccurredOn(when: string | undefined, today: string): string | Error {
  if (!when) return today;
  const date = when.length === 7 ? `${when}-01` : when;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return new Error('not a real month or date');
  }
  if (date > today) return new Error('cannot be in the future');
  return date;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
