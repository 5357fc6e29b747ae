import { z } from 'zod';
import { isIsoDate } from './iso-date.ts';
import { DIRECTIONS } from './model.ts';

// What a facilitator sends to schedule, record and mine an interview: the shapes the services
// validate and the HTTP API publishes. Messages complete "<field>: …".

export const INTERVIEW_STATUSES = ['scheduled', 'held'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const MAX_INTERVIEWER_LENGTH = 120;
/** Notes and transcripts: a long interview transcribed is some 60,000 characters; leave room. */
export const MAX_INTERVIEW_TEXT_LENGTH = 200_000;
export const MAX_QUOTE_LENGTH = 1_500;
export const MAX_INCIDENT_PASSAGE_LENGTH = 8_000;
export const MAX_INCIDENT_TITLE_LENGTH = 200;

const isoDate = z
  .string('is required')
  .trim()
  .min(1, 'give a date')
  .refine((v) => v === '' || isIsoDate(v), 'is not a real date written YYYY-MM-DD');
const interviewer = z
  .string()
  .trim()
  .max(MAX_INTERVIEWER_LENGTH, `must be at most ${MAX_INTERVIEWER_LENGTH} characters`);
const status = z.enum(INTERVIEW_STATUSES, 'must be scheduled or held');
const interviewText = z
  .string()
  .max(MAX_INTERVIEW_TEXT_LENGTH, `must be at most ${MAX_INTERVIEW_TEXT_LENGTH} characters`);

export const ScheduleInterviewSchema = z.strictObject({
  /** A participant of the relationship: the interview takes their side and level. */
  participantId: z.string('is required').trim().min(1, 'choose a participant'),
  /** The planned date (scheduled) or the date it was held. */
  heldOn: isoDate,
  interviewer: interviewer.default(''),
  status: status.default('scheduled'),
  notes: interviewText.default(''),
  transcript: interviewText.default(''),
});
export type ScheduleInterviewInput = z.input<typeof ScheduleInterviewSchema>;

export const UpdateInterviewSchema = z.strictObject({
  heldOn: isoDate.optional(),
  interviewer: interviewer.optional(),
  status: status.optional(),
  notes: interviewText.optional(),
  transcript: interviewText.optional(),
});
export type UpdateInterviewInput = z.input<typeof UpdateInterviewSchema>;

const passage = (max: number) =>
  z
    .string('is required')
    .trim()
    .min(1, 'select or paste a passage of the notes or the transcript')
    .max(max, `must be at most ${max} characters`);

export const ExtractQuoteSchema = z.strictObject({ passage: passage(MAX_QUOTE_LENGTH) });
export type ExtractQuoteInput = z.input<typeof ExtractQuoteSchema>;

/**
 * An incident from a passage: the facilitator gives a title, when it happened, direction, strength
 * and dimensions; the reporter is the interviewee's side and level; the narrative is the passage
 * unless the facilitator writes one. Further coding happens in the incident workbench.
 */
export const ExtractInterviewIncidentSchema = z.strictObject({
  passage: passage(MAX_INCIDENT_PASSAGE_LENGTH),
  title: z
    .string('is required')
    .trim()
    .min(1, 'give the incident a short title')
    .max(MAX_INCIDENT_TITLE_LENGTH, `must be at most ${MAX_INCIDENT_TITLE_LENGTH} characters`),
  occurredOn: isoDate,
  direction: z.enum(DIRECTIONS, 'choose builds or dilutes'),
  strength: z.coerce
    .number('must be 1, 2 or 3')
    .int('must be 1, 2 or 3')
    .min(1, 'must be 1, 2 or 3')
    .max(3, 'must be 1, 2 or 3'),
  dimensions: z.array(z.string().trim().min(1)).max(20).default([]),
  narrative: z.string().trim().max(MAX_INCIDENT_PASSAGE_LENGTH).optional(),
});
export type ExtractInterviewIncidentInput = z.input<typeof ExtractInterviewIncidentSchema>;
