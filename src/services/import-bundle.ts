import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import {
  incidentSecondCodings,
  incidents,
  interviews,
  quotes,
  relationships,
  sides,
  waves,
} from '../db/schema.ts';
import { type BundleInput, completeBundle, type FullBundle } from '../domain/bundle/full-bundle.ts';
import type { Level, Side } from '../domain/model.ts';
import { SIDES } from '../domain/model.ts';
import { findOrStoreInstrument } from './find-or-store-instrument.ts';
import { writeShareAndAct } from './share-and-act-bundle.ts';

export type ImportedRelationship = {
  relationshipId: string;
  counts: {
    participants: number;
    waves: number;
    responses: number;
    incidents: number;
    interviews: number;
    secondCodings: number;
    quotes: number;
    themeTags: number;
  };
};

/**
 * Stores a validated bundle as a new relationship of the workspace, all or nothing: every row is
 * written in one transaction, so a failure leaves the database as it was. What the bundle leaves
 * out of the workbench's data takes its defaults (completeBundle).
 */
export async function importBundle(
  db: Db,
  workspaceId: string,
  input: BundleInput,
): Promise<ImportedRelationship> {
  const bundle = completeBundle(input);
  return db.transaction(async (tx) => {
    const { id: instrumentId } = await findOrStoreInstrument(tx, workspaceId, bundle.instrument);
    const info = bundle.relationship;

    const [relationship] = await tx
      .insert(relationships)
      .values({ workspaceId, name: info.name, anonymityThreshold: info.anonymityThreshold })
      .returning({ id: relationships.id });
    if (!relationship) throw new Error('inserting the relationship returned no row');
    const relationshipId = relationship.id;

    await tx.insert(sides).values(
      SIDES.map((side) => ({
        relationshipId,
        side,
        name: info.sides[side].name,
        role: info.sides[side].role,
      })),
    );

    const waveIds = new Map<string, string>();
    for (const [position, wave] of info.waves.entries()) {
      const id = randomUUID();
      waveIds.set(wave.label, id);
      await tx.insert(waves).values({
        id,
        relationshipId,
        label: wave.label,
        position,
        opensOn: wave.opens,
        closesOn: wave.closes,
        instrumentId,
        anonymityThreshold: info.anonymityThreshold,
        status: 'closed',
      });
    }

    const participantIds = await insertParticipants(tx, relationshipId, bundle);
    const { responseCount, themeCount } = await insertResponses(tx, bundle, waveIds, participantIds);

    // Interviews first: incidents and quotes refer to them.
    const interviewIds = new Map<string, string>();
    if (bundle.interviews.length > 0) {
      const rows = await tx
        .insert(interviews)
        .values(
          bundle.interviews.map((interview) => ({
            relationshipId,
            ref: interview.ref,
            participantId: interview.respondent ? (participantIds.get(interview.respondent) ?? null) : null,
            side: interview.side,
            level: interview.level,
            heldOn: interview.heldOn,
            interviewer: interview.interviewer,
            notes: interview.notes,
            transcript: interview.transcript,
            status: interview.status,
          })),
        )
        .returning({ id: interviews.id, ref: interviews.ref });
      for (const row of rows) interviewIds.set(row.ref, row.id);
    }
    const interviewIdOf = (ref: string, what: string): string | null => {
      if (ref === '') return null;
      const id = interviewIds.get(ref);
      if (!id)
        throw new Error(`bundle not validated: ${what} names interview ${ref}, which it does not hold`);
      return id;
    };

    const incidentIds = new Map<string, string>();
    if (bundle.incidents.length > 0) {
      const rows = await tx
        .insert(incidents)
        .values(
          bundle.incidents.map((incident) => ({
            relationshipId,
            ref: incident.ref,
            occurredOn: incident.occurredOn,
            title: incident.title,
            narrative: incident.narrative,
            reporterSide: incident.reporterSide,
            reporterLevel: incident.reporterLevel,
            sidesInvolved: incident.sidesInvolved,
            levelsInvolved: incident.levelsInvolved,
            direction: incident.direction,
            strength: incident.strength,
            dimensions: incident.dimensions,
            themes: incident.themes,
            source: incident.source,
            codedBy: incident.codedBy,
            status: incident.status,
            resolvedOn: incident.resolvedOn,
            trigger: incident.trigger,
            smallBigThing: incident.smallBigThing,
            contractScope: incident.contractScope,
            interviewId: interviewIdOf(incident.interviewRef, `incident ${incident.ref}`),
            sourcePassage: incident.sourcePassage,
          })),
        )
        .returning({ id: incidents.id, ref: incidents.ref });
      for (const row of rows) incidentIds.set(row.ref, row.id);
    }
    // The second coder is named, not linked to an account: accounts do not travel in a bundle.
    const secondCoded = bundle.incidents.filter((incident) => incident.secondCoding !== null);
    if (secondCoded.length > 0) {
      await tx.insert(incidentSecondCodings).values(
        secondCoded.map(({ ref, secondCoding }) => {
          const coding = secondCoding!;
          return {
            incidentId: incidentIds.get(ref)!,
            coderUserId: null,
            codedBy: coding.codedBy,
            direction: coding.direction,
            strength: coding.strength,
            dimensions: coding.dimensions,
            themes: coding.themes,
            trigger: coding.trigger,
            smallBigThing: coding.smallBigThing,
            contractScope: coding.contractScope,
          };
        }),
      );
    }

    // Quotes are listed in the order they were taken (created_at): the file's order.
    if (bundle.quotes.length > 0) {
      await tx.insert(quotes).values(
        bundle.quotes.map((quote, i) => ({
          relationshipId,
          interviewId: interviewIdOf(quote.interviewRef, 'a quote'),
          text: quote.text,
          side: quote.side,
          level: quote.level,
          createdAt: sql`now() + ${i}::int * interval '1 millisecond'`,
        })),
      );
    }

    await writeShareAndAct(tx, relationshipId, bundle.shareAndAct, {
      workspaceId,
      waves: waveIds,
      incidents: incidentIds,
      participants: participantIds,
    });

    return {
      relationshipId,
      counts: {
        participants: participantIds.size,
        waves: info.waves.length,
        responses: responseCount,
        incidents: bundle.incidents.length,
        interviews: bundle.interviews.length,
        secondCodings: secondCoded.length,
        quotes: bundle.quotes.length,
        themeTags: themeCount,
      },
    };
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Participants come from participants.csv and from every respondent of responses.csv. */
async function insertParticipants(
  tx: Tx,
  relationshipId: string,
  bundle: FullBundle,
): Promise<Map<string, string>> {
  const rows = new Map<string, { side: Side; level: Level; name: string; email: string; role: string }>();
  for (const participant of bundle.participants) {
    rows.set(participant.respondent, {
      side: participant.side,
      level: participant.level,
      name: participant.name,
      email: participant.email,
      role: participant.role,
    });
  }
  for (const response of bundle.responses) {
    if (!rows.has(response.respondent)) {
      rows.set(response.respondent, {
        side: response.side,
        level: response.level,
        name: '',
        email: '',
        role: '',
      });
    }
  }
  const ids = new Map<string, string>();
  const columns = { id: [] as string[], key: [] as string[], side: [] as string[], level: [] as string[] };
  const text = { name: [] as string[], email: [] as string[], role: [] as string[] };
  for (const [key, row] of rows) {
    const id = randomUUID();
    ids.set(key, id);
    columns.id.push(id);
    columns.key.push(key);
    columns.side.push(row.side);
    columns.level.push(row.level);
    text.name.push(row.name);
    text.email.push(row.email);
    text.role.push(row.role);
  }
  if (ids.size === 0) return ids;
  await tx.execute(sql`
    insert into participants (id, relationship_id, respondent_key, side, level, name, email, role)
    select id, ${relationshipId}::uuid, key, side, level, name, email, role
    from unnest(
      ${toPgArrayLiteral(columns.id)}::uuid[], ${toPgArrayLiteral(columns.key)}::text[],
      ${toPgArrayLiteral(columns.side)}::text[], ${toPgArrayLiteral(columns.level)}::text[],
      ${toPgArrayLiteral(text.name)}::text[], ${toPgArrayLiteral(text.email)}::text[],
      ${toPgArrayLiteral(text.role)}::text[]
    ) as t(id, key, side, level, name, email, role)`);
  return ids;
}

/** Responses, their open answers and the theme tags on those. */
async function insertResponses(
  tx: Tx,
  bundle: FullBundle,
  waveIds: ReadonlyMap<string, string>,
  participantIds: ReadonlyMap<string, string>,
): Promise<{ responseCount: number; themeCount: number }> {
  const responseColumns = {
    id: [] as string[],
    wave: [] as string[],
    participant: [] as string[],
    side: [] as string[],
    level: [] as string[],
    answers: [] as string[],
  };
  const openColumns = {
    response: [] as string[],
    code: [] as string[],
    text: [] as string[],
    redacted: [] as Array<string | null>,
    hidden: [] as boolean[],
  };
  const themeColumns = { response: [] as string[], code: [] as string[], theme: [] as string[] };
  for (const response of bundle.responses) {
    const id = randomUUID();
    const waveId = waveIds.get(response.wave);
    const participantId = participantIds.get(response.respondent);
    if (!waveId || !participantId)
      throw new Error(`bundle not validated: ${response.respondent}/${response.wave}`);
    responseColumns.id.push(id);
    responseColumns.wave.push(waveId);
    responseColumns.participant.push(participantId);
    responseColumns.side.push(response.side);
    responseColumns.level.push(response.level);
    responseColumns.answers.push(JSON.stringify(response.answers));
    for (const [code, text] of Object.entries(response.open)) {
      openColumns.response.push(id);
      openColumns.code.push(code);
      openColumns.text.push(text);
      openColumns.redacted.push(response.openModeration[code]?.redactedText ?? null);
      openColumns.hidden.push(response.openModeration[code]?.hidden ?? false);
    }
    for (const [code, themes] of Object.entries(response.openThemes)) {
      for (const theme of themes) {
        themeColumns.response.push(id);
        themeColumns.code.push(code);
        themeColumns.theme.push(theme);
      }
    }
  }
  if (responseColumns.id.length === 0) return { responseCount: 0, themeCount: 0 };
  // Imported answers count as submitted when their wave closed.
  await tx.execute(sql`
    insert into responses (id, wave_id, participant_id, side, level, answers, submitted_at)
    select t.id, t.wave_id, t.participant_id, t.side, t.level, t.answers, w.closes_on::timestamptz
    from unnest(
      ${toPgArrayLiteral(responseColumns.id)}::uuid[], ${toPgArrayLiteral(responseColumns.wave)}::uuid[],
      ${toPgArrayLiteral(responseColumns.participant)}::uuid[], ${toPgArrayLiteral(responseColumns.side)}::text[],
      ${toPgArrayLiteral(responseColumns.level)}::text[], ${toPgArrayLiteral(responseColumns.answers)}::jsonb[]
    ) as t(id, wave_id, participant_id, side, level, answers)
    join waves w on w.id = t.wave_id`);
  if (openColumns.response.length > 0) {
    await tx.execute(sql`
      insert into open_answers (response_id, question_code, text, redacted_text, hidden_at)
      select t.response_id, t.question_code, t.text, t.redacted_text,
        case when t.hidden then w.closes_on::timestamptz end
      from unnest(
        ${toPgArrayLiteral(openColumns.response)}::uuid[], ${toPgArrayLiteral(openColumns.code)}::text[],
        ${toPgArrayLiteral(openColumns.text)}::text[], ${toPgArrayLiteral(openColumns.redacted)}::text[],
        ${toPgArrayLiteral(openColumns.hidden.map(String))}::boolean[]
      ) as t(response_id, question_code, text, redacted_text, hidden)
      join responses r on r.id = t.response_id
      join waves w on w.id = r.wave_id`);
  }
  // A tag on an answer the bundle does not hold fails the answer's foreign key: nothing is kept.
  if (themeColumns.response.length > 0) {
    await tx.execute(sql`
      insert into open_answer_themes (response_id, question_code, theme)
      select * from unnest(
        ${toPgArrayLiteral(themeColumns.response)}::uuid[], ${toPgArrayLiteral(themeColumns.code)}::text[],
        ${toPgArrayLiteral(themeColumns.theme)}::text[]
      )`);
  }
  return { responseCount: responseColumns.id.length, themeCount: themeColumns.response.length };
}
