import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { incidents, interviews, relationships, sides, waves } from '../db/schema.ts';
import type { Bundle, Level, Side } from '../domain/model.ts';
import { SIDES } from '../domain/model.ts';
import { findOrStoreInstrument } from './find-or-store-instrument.ts';

export type ImportedRelationship = {
  relationshipId: string;
  counts: { participants: number; waves: number; responses: number; incidents: number; interviews: number };
};

/**
 * Stores a validated bundle as a new relationship of the workspace, all or nothing: every row is
 * written in one transaction, so a failure leaves the database as it was.
 */
export async function importBundle(
  db: Db,
  workspaceId: string,
  bundle: Bundle,
): Promise<ImportedRelationship> {
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
    const responseCount = await insertResponses(tx, bundle, waveIds, participantIds);

    if (bundle.incidents.length > 0) {
      await tx.insert(incidents).values(
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
        })),
      );
    }
    if (bundle.interviews.length > 0) {
      await tx.insert(interviews).values(
        bundle.interviews.map((interview) => ({
          relationshipId,
          ref: interview.ref,
          participantId: interview.respondent ? (participantIds.get(interview.respondent) ?? null) : null,
          side: interview.side,
          level: interview.level,
          heldOn: interview.heldOn,
          interviewer: interview.interviewer,
          notes: interview.notes,
        })),
      );
    }

    return {
      relationshipId,
      counts: {
        participants: participantIds.size,
        waves: info.waves.length,
        responses: responseCount,
        incidents: bundle.incidents.length,
        interviews: bundle.interviews.length,
      },
    };
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Participants come from participants.csv and from every respondent of responses.csv. */
async function insertParticipants(
  tx: Tx,
  relationshipId: string,
  bundle: Bundle,
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

async function insertResponses(
  tx: Tx,
  bundle: Bundle,
  waveIds: ReadonlyMap<string, string>,
  participantIds: ReadonlyMap<string, string>,
): Promise<number> {
  const responseColumns = {
    id: [] as string[],
    wave: [] as string[],
    participant: [] as string[],
    side: [] as string[],
    level: [] as string[],
    answers: [] as string[],
  };
  const openColumns = { response: [] as string[], code: [] as string[], text: [] as string[] };
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
    }
  }
  if (responseColumns.id.length === 0) return 0;
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
      insert into open_answers (response_id, question_code, text)
      select * from unnest(
        ${toPgArrayLiteral(openColumns.response)}::uuid[], ${toPgArrayLiteral(openColumns.code)}::text[],
        ${toPgArrayLiteral(openColumns.text)}::text[]
      )`);
  }
  return responseColumns.id.length;
}
