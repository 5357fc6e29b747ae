import { z } from 'zod';
import {
  CONTRACT_SCOPES,
  type ContractScope,
  DIRECTIONS,
  type Direction,
  INCIDENT_STATUSES,
  INCIDENT_TRIGGERS,
  type IncidentSource,
  type IncidentStatus,
  type IncidentTrigger,
  type Level,
  type Side,
} from './model.ts';

// The coding of a critical incident, shared by the first coding (the incident row), the second,
// independent coding (incident_second_codings) and the agreement between them.

export const MAX_THEME_LENGTH = 60;
export const MAX_THEMES = 12;

/** A real calendar date written YYYY-MM-DD (not 2024-02-30). */
export const IsoDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isRealDate, 'not a real date');

export const StrengthSchema = z.coerce
  .number({ message: 'expected 1, 2 or 3 (1 slight, 3 strong)' })
  .int('expected 1, 2 or 3 (1 slight, 3 strong)')
  .min(1, 'expected 1, 2 or 3 (1 slight, 3 strong)')
  .max(3, 'expected 1, 2 or 3 (1 slight, 3 strong)');

/** Free-text theme tags: trimmed, empty ones dropped, duplicates (ignoring case) kept once. */
export const ThemesSchema = z
  .array(z.string().trim().max(MAX_THEME_LENGTH, `a theme has at most ${MAX_THEME_LENGTH} characters`))
  .max(MAX_THEMES, `at most ${MAX_THEMES} themes`)
  .transform(uniqueThemes);

/** '' (or absent) = not coded yet. */
export const TriggerSchema = z
  .union([z.enum(INCIDENT_TRIGGERS), z.literal('')], {
    message: `expected one of ${INCIDENT_TRIGGERS.join(', ')}`,
  })
  .default('');

/** null (or '' from a form, or absent) = not coded yet. */
export const ContractScopeSchema = z
  .union([z.enum(CONTRACT_SCOPES), z.literal(''), z.null()], {
    message: `expected one of ${CONTRACT_SCOPES.join(', ')}`,
  })
  .default(null)
  .transform((v): ContractScope | null => (v === '' ? null : v));

export type IncidentCoding = {
  direction: Direction;
  strength: 1 | 2 | 3;
  dimensions: string[];
  themes: string[];
  trigger: IncidentTrigger | '';
  smallBigThing: boolean;
  contractScope: ContractScope | null;
};

/**
 * An incident counts as coded once it has every field a coder must choose: direction and
 * strength (always present), at least one dimension, a trigger and a contract scope. Themes and
 * the small-big flag may rightly stay empty, so they do not decide it.
 */
export function isFullyCoded(
  coding: Pick<IncidentCoding, 'dimensions' | 'trigger' | 'contractScope'>,
): boolean {
  return coding.dimensions.length > 0 && coding.trigger !== '' && coding.contractScope !== null;
}

/** Dimension keys not in the instrument, with their position, for errors that name the field. */
export function unknownDimensions(
  dimensions: readonly string[],
  known: readonly string[],
): Array<{ index: number; key: string }> {
  return dimensions.map((key, index) => ({ index, key })).filter(({ key }) => !known.includes(key));
}

function uniqueThemes(themes: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const theme of themes) {
    const key = theme.toLowerCase();
    if (theme === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(theme);
  }
  return kept;
}

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** An incident as the workbench shows it: the reporter as side and level only, never a name. */
export type IncidentView = IncidentCoding & {
  id: string;
  ref: string;
  occurredOn: string;
  title: string;
  reporterSide: Side;
  /**
   * The reporter's level; null where the attribution rule hides it (a survey incident from a level
   * with fewer than `reporterLevelThreshold` respondents in its wave, docs/anonymity.md).
   */
  reporterLevel: Level | null;
  reporterLevelThreshold: number | null;
  sidesInvolved: Side[];
  levelsInvolved: Level[];
  source: IncidentSource;
  status: IncidentStatus;
  resolvedOn: string | null;
  codedBy: string;
  /** Whether an independent second coding exists (its content is not part of the view). */
  hasSecondCoding: boolean;
};

/** The coding fields as a form or an API sends them, for the first and the second coder alike. */
export const CodingInputSchema = z.object({
  direction: z.enum(DIRECTIONS, { message: 'choose builds or dilutes' }),
  strength: StrengthSchema,
  dimensions: z.array(z.string().trim().min(1)).max(20),
  themes: ThemesSchema,
  trigger: TriggerSchema,
  smallBigThing: z.boolean().default(false),
  contractScope: ContractScopeSchema,
});

export const FirstCodingInputSchema = CodingInputSchema.extend({
  status: z.enum(INCIDENT_STATUSES, { message: `choose a status (${INCIDENT_STATUSES.join(', ')})` }),
  /** Required when the status is resolved; ignored otherwise. */
  resolvedOn: z
    .union([IsoDateSchema, z.literal(''), z.null()])
    .default(null)
    .transform((v) => (v === '' ? null : v)),
}).strict();
export type FirstCodingInput = z.input<typeof FirstCodingInputSchema>;

export const SecondCodingInputSchema = CodingInputSchema.extend({
  /** Who coded, as they want to be named on the agreement page. */
  codedBy: z.string().trim().min(1, 'say who coded').max(120),
}).strict();
export type SecondCodingInput = z.input<typeof SecondCodingInputSchema>;
