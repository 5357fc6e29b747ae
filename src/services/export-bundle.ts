import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { incidentSecondCodings, incidents, interviews, quotes } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type {
  FullBundle,
  IncidentWorkbenchFields,
  InterviewWorkbenchFields,
  QuoteRecord,
  SecondCodingRecord,
} from '../domain/bundle/full-bundle.ts';
import { orderThemeTags } from '../domain/bundle/order-theme-tags.ts';
import { toCanonicalJson } from '../domain/canonical-json.ts';
import type { InterviewStatus } from '../domain/interview-input.ts';
import type { ContractScope, IncidentTrigger, Level, Side } from '../domain/model.ts';
import {
  type LoadedWave,
  loadIncidents,
  loadInterviews,
  loadParticipants,
  loadRelationship,
  loadResponses,
} from './load-relationship.ts';

/**
 * Reads a relationship back into a bundle that imports to the same analysis and the same
 * workbench: incident coding and interview links, second codings, transcripts, quotes, and the
 * theme tags of the open answers it exports (those of submitted responses, as responses.csv).
 */
export async function exportBundle(db: Db, workspaceId: string, reference: string): Promise<FullBundle> {
  const relationship = await loadRelationship(db, workspaceId, reference);
  const instrumentIds = new Set(relationship.waves.map((wave) => wave.instrumentId));
  if (instrumentIds.size > 1) {
    throw new AppError(
      'conflict',
      `relationship "${relationship.name}" uses ${instrumentIds.size} instrument versions across its waves; a bundle holds one instrument`,
    );
  }
  const instrument = relationship.waves[0]?.instrument ?? BUILT_IN_INSTRUMENT;
  const [
    responses,
    themes,
    participants,
    incidentRows,
    incidentExtras,
    interviewRows,
    interviewExtras,
    quoteRows,
  ] = await Promise.all([
    loadResponses(db, relationship.waves),
    loadOpenAnswerThemes(db, relationship.waves),
    loadParticipants(db, relationship.id),
    loadIncidents(db, relationship.id),
    loadIncidentWorkbench(db, relationship.id),
    loadInterviews(db, relationship.id),
    loadInterviewWorkbench(db, relationship.id),
    loadQuotes(db, relationship.id),
  ]);
  const answered = new Set(responses.map((r) => r.respondent));
  return {
    relationship: {
      name: relationship.name,
      anonymityThreshold: relationship.anonymityThreshold,
      sides: relationship.sides,
      waves: relationship.waves.map(({ label, opens, closes }) => ({ label, opens, closes })),
    },
    instrument,
    hasCustomInstrument: toCanonicalJson(instrument) !== toCanonicalJson(BUILT_IN_INSTRUMENT),
    responses: responses.map((response) => {
      const tagged = themes.get(`${response.wave}\u0000${response.respondent}`) ?? {};
      // Only tags of answers the bundle carries (a blank answer is not one).
      const openThemes = Object.fromEntries(
        Object.entries(tagged).filter(([code]) => (response.open[code] ?? '').trim() !== ''),
      );
      return { ...response, openThemes };
    }),
    // A participant known only by the key of their responses needs no row of their own.
    participants: participants.filter((p) => p.name || p.email || p.role || !answered.has(p.respondent)),
    incidents: incidentRows.map((incident) => {
      const extra = incidentExtras.get(incident.ref);
      if (!extra) throw new Error(`incident ${incident.ref} was read without its workbench fields`);
      return { ...incident, ...extra };
    }),
    interviews: interviewRows.map((interview) => {
      const extra = interviewExtras.get(interview.ref);
      if (!extra) throw new Error(`interview ${interview.ref} was read without its workbench fields`);
      return { ...interview, ...extra };
    }),
    quotes: quoteRows,
  };
}

/** Per incident ref: the coding beyond the analysis's fields, its interview, its second coding. */
async function loadIncidentWorkbench(
  db: Db,
  relationshipId: string,
): Promise<Map<string, IncidentWorkbenchFields>> {
  const rows = await db
    .select({
      ref: incidents.ref,
      trigger: incidents.trigger,
      smallBigThing: incidents.smallBigThing,
      contractScope: incidents.contractScope,
      interviewRef: interviews.ref,
      sourcePassage: incidents.sourcePassage,
      second: incidentSecondCodings,
    })
    .from(incidents)
    .leftJoin(interviews, eq(interviews.id, incidents.interviewId))
    .leftJoin(incidentSecondCodings, eq(incidentSecondCodings.incidentId, incidents.id))
    .where(eq(incidents.relationshipId, relationshipId));
  return new Map(
    rows.map((row) => [
      row.ref,
      {
        trigger: row.trigger as IncidentTrigger | '',
        smallBigThing: row.smallBigThing,
        contractScope: row.contractScope as ContractScope | null,
        // An interview deleted since leaves the incident unlinked (on delete set null).
        interviewRef: row.interviewRef ?? '',
        sourcePassage: row.sourcePassage,
        secondCoding: row.second
          ? ({
              // Who coded, by the name they gave; the account itself does not travel.
              codedBy: row.second.codedBy,
              direction: row.second.direction as SecondCodingRecord['direction'],
              strength: row.second.strength as SecondCodingRecord['strength'],
              dimensions: row.second.dimensions,
              themes: row.second.themes,
              trigger: row.second.trigger as IncidentTrigger | '',
              smallBigThing: row.second.smallBigThing,
              contractScope: row.second.contractScope as ContractScope | null,
            } satisfies SecondCodingRecord)
          : null,
      },
    ]),
  );
}

async function loadInterviewWorkbench(
  db: Db,
  relationshipId: string,
): Promise<Map<string, InterviewWorkbenchFields>> {
  const rows = await db
    .select({ ref: interviews.ref, transcript: interviews.transcript, status: interviews.status })
    .from(interviews)
    .where(eq(interviews.relationshipId, relationshipId));
  return new Map(
    rows.map((row) => [row.ref, { transcript: row.transcript, status: row.status as InterviewStatus }]),
  );
}

/** The relationship's quotes in the order they were taken. */
async function loadQuotes(db: Db, relationshipId: string): Promise<QuoteRecord[]> {
  const rows = await db
    .select({ interviewRef: interviews.ref, side: quotes.side, level: quotes.level, text: quotes.text })
    .from(quotes)
    .leftJoin(interviews, eq(interviews.id, quotes.interviewId))
    .where(eq(quotes.relationshipId, relationshipId))
    .orderBy(asc(quotes.createdAt), asc(quotes.id));
  return rows.map((row) => ({
    interviewRef: row.interviewRef ?? '',
    side: row.side as Side,
    level: row.level as Level,
    text: row.text,
  }));
}

/**
 * Theme tags of the submitted responses' open answers, named as responses.csv names an answer
 * (wave label + respondent key → question code → themes), each answer's themes sorted by their
 * key so that an export does not depend on the order they were stored in.
 */
async function loadOpenAnswerThemes(
  db: Db,
  waves: readonly LoadedWave[],
): Promise<Map<string, Record<string, string[]>>> {
  const byAnswer = new Map<string, Record<string, string[]>>();
  if (waves.length === 0) return byAnswer;
  const labels = new Map(waves.map((w) => [w.id, w.label]));
  const rows = await queryRows<{ wave_id: string; respondent: string; question_code: string; theme: string }>(
    db,
    sql`
    select r.wave_id, p.respondent_key as respondent, t.question_code, t.theme
    from open_answer_themes t
      join responses r on r.id = t.response_id
      join participants p on p.id = r.participant_id
    where r.wave_id = any(${toPgArrayLiteral(waves.map((w) => w.id))}::uuid[])
      and r.submitted_at is not null`,
  );
  for (const row of rows) {
    const key = `${labels.get(row.wave_id) ?? ''}\u0000${row.respondent}`;
    const ofAnswer = byAnswer.get(key) ?? {};
    ofAnswer[row.question_code] = [...(ofAnswer[row.question_code] ?? []), row.theme];
    byAnswer.set(key, ofAnswer);
  }
  for (const ofAnswer of byAnswer.values()) {
    for (const [code, themes] of Object.entries(ofAnswer)) ofAnswer[code] = orderThemeTags(themes);
  }
  return byAnswer;
}
