import { createHmac, randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { incidentSecondCodings, incidents, interviews, quotes } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type {
  BundleResponse,
  FullBundle,
  IncidentWorkbenchFields,
  InterviewWorkbenchFields,
  OpenAnswerModeration,
  QuoteRecord,
  SecondCodingRecord,
} from '../domain/bundle/full-bundle.ts';
import { orderThemeTags } from '../domain/bundle/order-theme-tags.ts';
import type { BundleOwner, BundleShareAndAct } from '../domain/bundle/share-and-act-file.ts';
import { toCanonicalJson } from '../domain/canonical-json.ts';
import type { InterviewStatus } from '../domain/interview-input.ts';
import type { ContractScope, IncidentTrigger, Level, ParticipantRecord, Side } from '../domain/model.ts';
import { isAnalysedWave } from './get-relationship-analysis.ts';
import {
  type LoadedWave,
  loadIncidents,
  loadInterviews,
  loadParticipants,
  loadRelationship,
  loadResponses,
} from './load-relationship.ts';
import { loadShareAndAct } from './share-and-act-bundle.ts';
import { unsignWorkshop } from './workshop-bundle.ts';

export type ExportOptions = {
  /**
   * The full backup: participants' names, emails and roles with their own respondent keys, the
   * participants' own words beside the facilitator's redactions, and hidden comments. Default:
   * de-identified (see exportBundle).
   */
  identified?: boolean;
  /** Random bytes for the de-identified export's pseudonyms; tests pass their own. */
  randomKey?: Buffer;
};

/**
 * Reads a relationship back into a bundle that imports to the same analysis and the same
 * workbench: incident coding and interview links, second codings, transcripts, quotes, and the
 * theme tags of the open answers it exports (those of submitted responses, as responses.csv).
 * Only closed waves travel (an open wave's answers exist for no one yet, decision 022); survey
 * incidents follow their wave.
 *
 * By default the bundle is de-identified (decision 023): no file links a name or an email to
 * answers, comments or incidents. Respondent keys become pseudonyms drawn fresh for each export
 * (so two exports cannot be matched person by person), participants keep only side and level,
 * comments are exported as the facilitator redacted them and hidden ones are left out. With
 * `identified` it is the full backup of everything above, redactions and hidden comments included.
 */
export async function exportBundle(
  db: Db,
  workspaceId: string,
  reference: string,
  options: ExportOptions = {},
): Promise<FullBundle> {
  const loaded = await loadRelationship(db, workspaceId, reference);
  const relationship = { ...loaded, waves: loaded.waves.filter(isAnalysedWave) };
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
    moderation,
    participants,
    incidentRows,
    incidentExtras,
    interviewRows,
    interviewExtras,
    quoteRows,
  ] = await Promise.all([
    loadResponses(db, relationship.waves),
    loadOpenAnswerThemes(db, relationship.waves),
    loadOpenAnswerModeration(db, relationship.waves),
    loadParticipants(db, relationship.id),
    loadIncidents(db, relationship.id),
    loadIncidentWorkbench(db, relationship.id),
    loadInterviews(db, relationship.id),
    loadInterviewWorkbench(db, relationship.id),
    loadQuotes(db, relationship.id),
  ]);
  const answered = new Set(responses.map((r) => r.respondent));
  const bundle: FullBundle = {
    relationship: {
      name: relationship.name,
      anonymityThreshold: relationship.anonymityThreshold,
      sides: relationship.sides,
      waves: relationship.waves.map(({ label, opens, closes }) => ({ label, opens, closes })),
    },
    instrument,
    hasCustomInstrument: toCanonicalJson(instrument) !== toCanonicalJson(BUILT_IN_INSTRUMENT),
    responses: responses.map((response) => {
      const key = `${response.wave}\u0000${response.respondent}`;
      const tagged = themes.get(key) ?? {};
      const isAnswered = ([code]: [string, unknown]) => (response.open[code] ?? '').trim() !== '';
      // Only tags and moderation of answers the bundle carries (a blank answer is not one).
      const openThemes = Object.fromEntries(Object.entries(tagged).filter(isAnswered));
      const openModeration = Object.fromEntries(Object.entries(moderation.get(key) ?? {}).filter(isAnswered));
      return { ...response, openThemes, openModeration };
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
    shareAndAct: await loadShareAndAct(
      db,
      relationship.id,
      new Map(relationship.waves.map((w) => [w.id, w.label])),
    ),
  };
  return options.identified ? bundle : deidentify(bundle, options.randomKey ?? randomBytes(32));
}

/**
 * The de-identified bundle: fresh pseudonyms for respondent keys, participants as side and level
 * only, every comment as the facilitator redacted it and no hidden comment. Rows are re-sorted by
 * pseudonym, so not even their order follows the original keys (often names or emails).
 */
export function deidentify(bundle: FullBundle, key: Buffer): FullBundle {
  const pseudonyms = new Map<string, string>();
  const pseudonymOf = (respondent: string): string => {
    let found = pseudonyms.get(respondent);
    if (found === undefined) {
      found = `R-${createHmac('sha256', key).update(respondent).digest('hex').slice(0, 16)}`;
      pseudonyms.set(respondent, found);
    }
    return found;
  };
  const waveOrder = new Map(bundle.relationship.waves.map((w, i) => [w.label, i]));
  const responses = bundle.responses
    .map((response): BundleResponse => {
      const open: Record<string, string> = {};
      const openThemes: Record<string, string[]> = {};
      for (const [code, text] of Object.entries(response.open)) {
        const moderation = response.openModeration[code];
        if (moderation?.hidden) continue;
        open[code] = moderation?.redactedText ?? text;
        const themes = response.openThemes[code];
        if (themes) openThemes[code] = themes;
      }
      return {
        ...response,
        respondent: pseudonymOf(response.respondent),
        open,
        openThemes,
        openModeration: {},
      };
    })
    .sort(
      (a, b) =>
        (waveOrder.get(a.wave) ?? 0) - (waveOrder.get(b.wave) ?? 0) ||
        compareText(a.respondent, b.respondent),
    );
  const participants = bundle.participants
    .map(
      (p): ParticipantRecord => ({
        respondent: pseudonymOf(p.respondent),
        side: p.side,
        level: p.level,
        name: '',
        email: '',
        role: '',
      }),
    )
    .sort((a, b) => compareText(a.respondent, b.respondent));
  return {
    ...bundle,
    responses,
    participants,
    interviews: bundle.interviews.map((i) => ({
      ...i,
      respondent: i.respondent === '' ? '' : pseudonymOf(i.respondent),
    })),
    shareAndAct: deidentifyOwners(bundle.shareAndAct, pseudonymOf),
  };
}

/**
 * Owners by pseudonym; a sponsor owner without an email (accounts stay out of a de-identified
 * bundle); workshop notes without the names their writers chose to sign with.
 */
function deidentifyOwners(
  data: BundleShareAndAct,
  pseudonymOf: (respondent: string) => string,
): BundleShareAndAct {
  const owner = (o: BundleOwner | null): BundleOwner | null => {
    if (o?.kind === 'participant') return { kind: 'participant', respondent: pseudonymOf(o.respondent) };
    if (o?.kind === 'sponsor') return { kind: 'sponsor', name: o.name, email: '' };
    return null;
  };
  return {
    ...data,
    workstreams: data.workstreams.map((w) => ({
      ...w,
      owners: { A: owner(w.owners.A), B: owner(w.owners.B) },
      actions: w.actions.map((a) => ({ ...a, owner: owner(a.owner) })),
    })),
    smallBigThings: data.smallBigThings.map((t) => ({ ...t, owner: owner(t.owner) })),
    workshops: data.workshops.map(unsignWorkshop),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/**
 * The facilitator's redactions and hidden answers of the submitted responses, named as
 * responses.csv names an answer (wave label + respondent key → question code → moderation).
 */
async function loadOpenAnswerModeration(
  db: Db,
  waves: readonly LoadedWave[],
): Promise<Map<string, Record<string, OpenAnswerModeration>>> {
  const byAnswer = new Map<string, Record<string, OpenAnswerModeration>>();
  if (waves.length === 0) return byAnswer;
  const labels = new Map(waves.map((w) => [w.id, w.label]));
  const rows = await queryRows<{
    wave_id: string;
    respondent: string;
    question_code: string;
    redacted_text: string | null;
    hidden: boolean;
  }>(
    db,
    sql`
    select r.wave_id, p.respondent_key as respondent, o.question_code, o.redacted_text,
      o.hidden_at is not null as hidden
    from open_answers o
      join responses r on r.id = o.response_id
      join participants p on p.id = r.participant_id
    where r.wave_id = any(${toPgArrayLiteral(waves.map((w) => w.id))}::uuid[])
      and r.submitted_at is not null
      and (o.redacted_text is not null or o.hidden_at is not null)`,
  );
  for (const row of rows) {
    const key = `${labels.get(row.wave_id) ?? ''}\u0000${row.respondent}`;
    const ofAnswer = byAnswer.get(key) ?? {};
    ofAnswer[row.question_code] = { redactedText: row.redacted_text, hidden: row.hidden };
    byAnswer.set(key, ofAnswer);
  }
  return byAnswer;
}
