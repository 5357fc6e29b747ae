import { z } from 'zod';
import { isIsoDate } from './iso-date.ts';
import { LEVELS, MAX_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD, SIDES } from './model.ts';
import { EMAIL_MAX, LABEL_MAX, NAME_MAX, tooLong } from './text-limits.ts';

// What a facilitator sends to set a relationship up (issue 3, setup screens): the shapes the
// services validate and the HTTP API publishes (z.toJSONSchema). Messages complete "<field>: …".

const nonBlank = z.string().trim().min(1, 'must not be empty');
const name = nonBlank.max(NAME_MAX, tooLong(NAME_MAX));
const role = z.string().trim().max(NAME_MAX, tooLong(NAME_MAX));
// Plausible, not RFC 5322 — the same rule as participants.csv in a bundle.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = z
  .string()
  .trim()
  .max(EMAIL_MAX, tooLong(EMAIL_MAX))
  .regex(EMAIL_PATTERN, 'does not look like an email address (name@example.com)');
const threshold = z
  .int('must be a whole number')
  .min(MIN_ANONYMITY_THRESHOLD, `must be at least ${MIN_ANONYMITY_THRESHOLD}`)
  .max(MAX_ANONYMITY_THRESHOLD, `must be at most ${MAX_ANONYMITY_THRESHOLD}`);
const isoDate = z.string().refine(isIsoDate, 'is not a real date written YYYY-MM-DD');
const side = z.enum(SIDES, 'must be A or B');
const level = z.enum(LEVELS, `must be ${LEVELS.join(', ')}`);
/** Respondent keys become CSV cells in exports: plain characters only. */
const respondentKey = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'use letters, digits, _ - and . only, starting with a letter or digit',
  );

const SideSchema = z.strictObject({ name, role: role.default('') });

export const CreateRelationshipSchema = z.strictObject({
  name,
  sides: z.strictObject({ A: SideSchema, B: SideSchema }),
  anonymityThreshold: threshold.default(MIN_ANONYMITY_THRESHOLD),
});
export type CreateRelationshipInput = z.input<typeof CreateRelationshipSchema>;

const SidePatchSchema = z.strictObject({ name: name.optional(), role: role.optional() });

export const UpdateRelationshipSchema = z.strictObject({
  name: name.optional(),
  sides: z.strictObject({ A: SidePatchSchema.optional(), B: SidePatchSchema.optional() }).optional(),
  anonymityThreshold: threshold.optional(),
});
export type UpdateRelationshipInput = z.input<typeof UpdateRelationshipSchema>;

export const ParticipantSchema = z.strictObject({
  name,
  email,
  side,
  level,
  role: role.default(''),
  /** The pseudonymous key used in bundles; generated (`p-…`) when not given. */
  respondentKey: respondentKey.optional(),
});
export type ParticipantInput = z.input<typeof ParticipantSchema>;

export const UpdateParticipantSchema = z.strictObject({
  name: name.optional(),
  email: email.optional(),
  side: side.optional(),
  level: level.optional(),
  role: role.optional(),
});
export type UpdateParticipantInput = z.input<typeof UpdateParticipantSchema>;

export const CsvBodySchema = z.strictObject({ csv: z.string('must be the CSV text') });

export const CreateWaveSchema = z
  .strictObject({
    label: nonBlank.max(LABEL_MAX, tooLong(LABEL_MAX)),
    opens: isoDate,
    closes: isoDate,
    /** A stored instrument of the workspace; default the built-in instrument. */
    instrument: z.strictObject({ name: nonBlank, version: nonBlank }).optional(),
  })
  .refine((wave) => !isIsoDate(wave.opens) || !isIsoDate(wave.closes) || wave.opens <= wave.closes, {
    path: ['closes'],
    message: 'must not be before opens',
  });
export type CreateWaveInput = z.input<typeof CreateWaveSchema>;

export const UploadInstrumentSchema = z.strictObject({
  /** The text of an instrument.json (docs/formats.md). */
  instrumentJson: z.string('must be the text of an instrument.json'),
});
