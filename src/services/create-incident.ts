import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { incidents, interviews, relationships } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  ContractScopeSchema,
  IsoDateSchema,
  isFullyCoded,
  StrengthSchema,
  ThemesSchema,
  TriggerSchema,
  unknownDimensions,
} from '../domain/incident-coding.ts';
import { DIRECTIONS, INCIDENT_SOURCES, LEVELS, SIDES } from '../domain/model.ts';
import { fieldProblem, invalidFields, parseInput } from '../domain/parse-input.ts';
import { findRelationship, type RelationshipRow } from './find-relationship.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import type { Tx } from './lock-relationship.ts';

// A critical incident added by the facilitator: from a workshop, their own notes, or a passage of
// an interview (the interviews workbench calls this with interviewId and sourcePassage). Survey
// participants report theirs through report-survey-incident.ts, never through here.

export const MAX_INCIDENT_TITLE_LENGTH = 200;
export const MAX_INCIDENT_TEXT_LENGTH = 8000;

/** Refs of incidents the facilitator adds: INC-001, INC-002, … as the demo bundle numbers them. */
export const INCIDENT_REF_PREFIX = 'INC-';

export const NewIncidentInputSchema = z
  .object({
    occurredOn: IsoDateSchema,
    title: z
      .string()
      .trim()
      .min(1, 'give the incident a short title')
      .max(MAX_INCIDENT_TITLE_LENGTH, `at most ${MAX_INCIDENT_TITLE_LENGTH} characters`),
    narrative: z
      .string()
      .trim()
      .min(1, 'say what happened')
      .max(MAX_INCIDENT_TEXT_LENGTH, `at most ${MAX_INCIDENT_TEXT_LENGTH} characters`),
    /** Who reported it, as side and level only: an incident never names its reporter. */
    reporterSide: z.enum(SIDES, { message: 'choose the side that reported it (A or B)' }),
    reporterLevel: z.enum(LEVELS, { message: `choose the level that reported it (${LEVELS.join(', ')})` }),
    sidesInvolved: z
      .array(z.enum(SIDES, { message: 'expected A or B' }))
      .min(1, 'choose at least one side')
      .max(2),
    levelsInvolved: z
      .array(z.enum(LEVELS, { message: `expected ${LEVELS.join(', ')}` }))
      .min(1, 'choose at least one level')
      .max(3),
    direction: z.enum(DIRECTIONS, { message: 'choose builds or dilutes' }),
    strength: StrengthSchema,
    /** Dimension keys of the relationship's instrument. */
    dimensions: z.array(z.string().trim().min(1)).max(20),
    themes: ThemesSchema,
    source: z.enum(INCIDENT_SOURCES, { message: `choose the source (${INCIDENT_SOURCES.join(', ')})` }),
    /** The interview (of the same relationship) the incident was taken from, and the passage. */
    interviewId: z.uuid('expected an interview id').optional(),
    sourcePassage: z.string().trim().max(MAX_INCIDENT_TEXT_LENGTH).optional(),
    trigger: TriggerSchema.optional(),
    smallBigThing: z.boolean().optional(),
    contractScope: ContractScopeSchema.optional(),
  })
  .strict();

export type NewIncidentInput = z.input<typeof NewIncidentInputSchema>;

export type CreatedIncident = { id: string; ref: string };

/**
 * Stores a new incident with the next INC- ref of the relationship. The relationship's row is
 * locked while the ref is chosen, so two facilitators adding at once get INC-007 and INC-008
 * (the unique (relationship, ref) constraint stays the last guard). The status is 'coded' when
 * the input already carries a full coding (see isFullyCoded), otherwise 'reported'.
 * `codedBy` is who coded it and `coderUserId` their account, stored when the status is 'coded'.
 *
 * `relationship` is a reference to find in the workspace (an id, an id prefix or a name), or a
 * relationship a service has already found there with findRelationship (as
 * extractInterviewIncident does), which is then not looked up again; the lock still checks that
 * it belongs to the workspace.
 */
export async function createIncident(
  db: Db,
  workspaceId: string,
  relationship: string | RelationshipRow,
  input: NewIncidentInput,
  options: { codedBy?: string; coderUserId?: string } = {},
): Promise<CreatedIncident> {
  const data = parseInput(NewIncidentInputSchema, input, 'incident');
  const found =
    typeof relationship === 'string' ? await findRelationship(db, workspaceId, relationship) : relationship;
  return db.transaction(async (tx) => {
    await lockRelationshipOf(tx, workspaceId, found.id);
    const known = (await loadIncidentDimensions(tx, found.id)).map((d) => d.key);
    const unknown = unknownDimensions(data.dimensions, known);
    if (unknown.length > 0) {
      throw invalidFields(
        unknown.map(({ index, key }) =>
          fieldProblem(
            `dimensions.${index}`,
            `"${key}" is not a dimension of this relationship's instrument (one of ${known.join(', ')})`,
          ),
        ),
      );
    }
    if (data.interviewId) await requireInterviewOf(tx, found.id, data.interviewId);
    const coding = {
      dimensions: [...new Set(data.dimensions)],
      trigger: data.trigger ?? '',
      contractScope: data.contractScope ?? null,
    };
    const coded = isFullyCoded(coding);
    const ref = await nextIncidentRef(tx, found.id);
    const [row] = await tx
      .insert(incidents)
      .values({
        relationshipId: found.id,
        ref,
        occurredOn: data.occurredOn,
        title: data.title,
        narrative: data.narrative,
        reporterSide: data.reporterSide,
        reporterLevel: data.reporterLevel,
        sidesInvolved: [...new Set(data.sidesInvolved)],
        levelsInvolved: [...new Set(data.levelsInvolved)],
        direction: data.direction,
        strength: data.strength,
        dimensions: coding.dimensions,
        themes: data.themes,
        source: data.source,
        codedBy: coded ? (options.codedBy ?? '') : '',
        codedByUserId: coded ? (options.coderUserId ?? null) : null,
        status: coded ? 'coded' : 'reported',
        resolvedOn: null,
        interviewId: data.interviewId ?? null,
        sourcePassage: data.sourcePassage ?? '',
        trigger: coding.trigger,
        smallBigThing: data.smallBigThing ?? false,
        contractScope: coding.contractScope,
      })
      .returning({ id: incidents.id, ref: incidents.ref });
    if (!row) throw new Error('insert returned no incident');
    return row;
  });
}

/**
 * Locks the relationship's row until the transaction ends (as lockRelationship does), and only if
 * it belongs to the workspace: a relationship passed in already found is checked at no extra read.
 */
async function lockRelationshipOf(tx: Tx, workspaceId: string, relationshipId: string): Promise<void> {
  const [locked] = await tx
    .select({ id: relationships.id })
    .from(relationships)
    .where(and(eq(relationships.id, relationshipId), eq(relationships.workspaceId, workspaceId)))
    .for('update');
  if (!locked) throw new AppError('not-found', `relationship "${relationshipId}" not found`);
}

/** One more than the highest INC-number of the relationship; survey refs (S-…) do not count. */
async function nextIncidentRef(tx: Tx, relationshipId: string): Promise<string> {
  const [row] = await tx
    .select({
      highest: sql<number>`coalesce(max(substring(${incidents.ref} from ${`^${INCIDENT_REF_PREFIX}([0-9]+)$`})::int), 0)::int`,
    })
    .from(incidents)
    .where(eq(incidents.relationshipId, relationshipId));
  const next = Number(row?.highest ?? 0) + 1;
  return `${INCIDENT_REF_PREFIX}${String(next).padStart(3, '0')}`;
}

async function requireInterviewOf(tx: Tx, relationshipId: string, interviewId: string): Promise<void> {
  const [found] = await tx
    .select({ id: interviews.id })
    .from(interviews)
    .where(and(eq(interviews.id, interviewId), eq(interviews.relationshipId, relationshipId)));
  if (found) return;
  const message = 'no interview of this relationship has this id';
  throw new AppError('invalid-input', `interviewId: ${message}`, [
    { field: 'interviewId', message, text: `interviewId: ${message}` },
  ]);
}
