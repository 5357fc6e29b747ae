import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  incidents,
  instruments,
  openAnswers,
  participants,
  relationships,
  responses,
  sides,
  waves,
  workspaces,
} from '../db/schema.ts';
import type { Instrument, ItemKind, Level, Scale, Side } from '../domain/model.ts';
import { otherSide } from '../domain/model.ts';
import { renderItemText } from '../domain/word-for-side.ts';
import { requireOpenSurveyAccess, type SurveyAccess } from './resolve-survey-access.ts';

// Everything a survey page needs, for the link's participant only: no other participant, no other
// response, nothing of the other side but its name.

export type SurveyItemView = { code: string; kind: ItemKind; text: string };

export type SurveyView = {
  /** Who runs the survey: the facilitator's workspace. */
  runBy: string;
  relationship: { name: string };
  own: { side: Side; name: string; level: Level };
  other: { side: Side; name: string };
  /** `anonymityThreshold`: k, the fewest people a shown result may stand for (fixed once open). */
  wave: { label: string; closesOn: string; anonymityThreshold: number };
  instrument: { name: string; version: string; scale: Scale };
  /** In the instrument's order: each dimension's trust items, then its meta item(s). */
  dimensions: Array<{ key: string; label: string; items: SurveyItemView[] }>;
  open: Array<{ code: string; text: string }>;
  answers: Record<string, number>;
  openAnswers: Record<string, string>;
  progress: { answered: number; total: number };
  /** Item codes without an answer, in page order (for the review step). */
  unanswered: string[];
  startedAt: Date | null;
  submittedAt: Date | null;
  submitted: boolean;
  /** The moments this participant described in this survey, for their own review (never anyone else's). */
  incidents: Array<{ ref: string; title: string; occurredOn: string; direction: 'builds' | 'dilutes' }>;
};

/** Read-only: a page may call this as often as it likes (a GET); nothing is written. */
export async function getSurvey(db: Db, access: SurveyAccess | null): Promise<SurveyView> {
  const open = requireOpenSurveyAccess(access);
  const [context] = await db
    .select({
      runBy: workspaces.name,
      relationshipName: relationships.name,
      side: participants.side,
      level: participants.level,
      closesOn: waves.closesOn,
      label: waves.label,
      anonymityThreshold: waves.anonymityThreshold,
      instrument: instruments.definition,
    })
    .from(waves)
    .innerJoin(relationships, eq(relationships.id, waves.relationshipId))
    .innerJoin(workspaces, eq(workspaces.id, relationships.workspaceId))
    .innerJoin(instruments, eq(instruments.id, waves.instrumentId))
    .innerJoin(participants, eq(participants.id, open.participantId))
    .where(eq(waves.id, open.waveId));
  if (!context) throw new Error('a survey link without its wave or participant');
  const [response] = await db
    .select({
      id: responses.id,
      side: responses.side,
      level: responses.level,
      answers: responses.answers,
      startedAt: responses.startedAt,
      submittedAt: responses.submittedAt,
    })
    .from(responses)
    .where(and(eq(responses.waveId, open.waveId), eq(responses.participantId, open.participantId)));
  const openRows = response
    ? await db
        .select({ code: openAnswers.questionCode, text: openAnswers.text })
        .from(openAnswers)
        .where(eq(openAnswers.responseId, response.id))
    : [];
  const ownIncidents = response
    ? await db
        .select({
          ref: incidents.ref,
          title: incidents.title,
          occurredOn: incidents.occurredOn,
          direction: incidents.direction,
        })
        .from(incidents)
        .where(eq(incidents.responseId, response.id))
        .orderBy(asc(incidents.ref))
    : [];
  const sideRows = await db.select().from(sides).where(eq(sides.relationshipId, open.relationshipId));

  const ownSide = (response?.side ?? context.side) as Side;
  const level = (response?.level ?? context.level) as Level;
  const nameOf = (side: Side) => sideRows.find((s) => s.side === side)?.name ?? `Side ${side}`;
  const names = { own: nameOf(ownSide), other: nameOf(otherSide(ownSide)) };
  const instrument = context.instrument;
  const render = (text: string) => renderItemText(text, names);

  const dimensions = instrument.dimensions.map((dimension) => ({
    key: dimension.key,
    label: dimension.label,
    items: [
      ...instrument.items.filter((i) => i.dimension === dimension.key && i.kind === 'trust'),
      ...instrument.items.filter((i) => i.dimension === dimension.key && i.kind === 'meta'),
    ].map((item) => ({ code: item.code, kind: item.kind, text: render(item.text) })),
  }));
  const stored = parseJson(response?.answers ?? {});
  const itemCodes = new Set(instrument.items.map((i) => i.code));
  const answers = Object.fromEntries(Object.entries(stored).filter(([code]) => itemCodes.has(code)));
  const pageOrder = dimensions.flatMap((d) => d.items.map((i) => i.code));
  return {
    runBy: context.runBy,
    relationship: { name: context.relationshipName },
    own: { side: ownSide, name: names.own, level },
    other: { side: otherSide(ownSide), name: names.other },
    wave: {
      label: context.label,
      closesOn: context.closesOn,
      anonymityThreshold: context.anonymityThreshold,
    },
    instrument: { name: instrument.name, version: instrument.version, scale: instrument.scale },
    dimensions,
    open: instrument.open.map((q) => ({ code: q.code, text: render(q.text) })),
    answers,
    openAnswers: Object.fromEntries(openRows.map((r) => [r.code, r.text])),
    progress: { answered: Object.keys(answers).length, total: instrument.items.length },
    unanswered: pageOrder.filter((code) => !(code in answers)),
    startedAt: response?.startedAt ?? null,
    submittedAt: response?.submittedAt ?? null,
    submitted: Boolean(response?.submittedAt),
    incidents: ownIncidents.map((i) => ({ ...i, direction: i.direction as 'builds' | 'dilutes' })),
  };
}

/** The instrument a wave is answered on. */
// A wave's instrument never changes once the wave can be answered, so every save and submission
// of that wave can share one parsed copy instead of reading it again.
const instrumentsByWave = new Map<string, Instrument>();
const INSTRUMENT_CACHE_LIMIT = 500;

export async function loadSurveyInstrument(db: Pick<Db, 'select'>, waveId: string): Promise<Instrument> {
  const cached = instrumentsByWave.get(waveId);
  if (cached) return cached;
  const instrument = await readSurveyInstrument(db, waveId);
  if (instrumentsByWave.size >= INSTRUMENT_CACHE_LIMIT) instrumentsByWave.clear();
  instrumentsByWave.set(waveId, instrument);
  return instrument;
}

async function readSurveyInstrument(db: Pick<Db, 'select'>, waveId: string): Promise<Instrument> {
  const [row] = await db
    .select({ definition: instruments.definition })
    .from(waves)
    .innerJoin(instruments, eq(instruments.id, waves.instrumentId))
    .where(eq(waves.id, waveId));
  if (!row) throw new Error(`wave ${waveId} has no instrument`);
  return parseJson(row.definition);
}

function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
