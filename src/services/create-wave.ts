import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instruments, relationships, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type CreateWaveInput, CreateWaveSchema } from '../domain/setup-input.ts';
import { findOrStoreInstrument } from './find-or-store-instrument.ts';
import { findRelationship } from './find-relationship.ts';
import { getRelationshipSetup, type SetupWave } from './get-relationship-setup.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';

/**
 * A new draft wave: a label unique in the relationship, opens ≤ closes, an instrument of the
 * workspace (default: the built-in one, stored on first use), and the relationship's anonymity
 * threshold, copied so that it stays as it was once the wave opens.
 */
export async function createWave(
  db: Db,
  workspaceId: string,
  relationship: string,
  input: CreateWaveInput,
): Promise<SetupWave> {
  const data = parseInput(CreateWaveSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const [taken] = await tx
      .select({ id: waves.id })
      .from(waves)
      .where(and(eq(waves.relationshipId, found.id), eq(waves.label, data.label)));
    if (taken) {
      throw new AppError(
        'invalid-input',
        `label: a wave "${data.label}" already exists in this relationship`,
        [{ field: 'label', message: 'already used in this relationship' }],
      );
    }
    const instrumentId = await resolveInstrument(tx, workspaceId, data.instrument ?? BUILT_IN_INSTRUMENT);
    const [relationshipRow] = await tx
      .select({ threshold: relationships.anonymityThreshold })
      .from(relationships)
      .where(eq(relationships.id, found.id));
    const [position] = await tx
      .select({ next: sql<number>`coalesce(max(${waves.position}) + 1, 0)::int` })
      .from(waves)
      .where(eq(waves.relationshipId, found.id));
    await tx.insert(waves).values({
      relationshipId: found.id,
      label: data.label,
      position: Number(position?.next ?? 0),
      opensOn: data.opens,
      closesOn: data.closes,
      instrumentId,
      anonymityThreshold: relationshipRow?.threshold ?? found.anonymityThreshold,
      status: 'draft',
    });
    const setup = await getRelationshipSetup(tx, workspaceId, found.id);
    return setup.waves.find((w) => w.label === data.label)!;
  });
}

async function resolveInstrument(
  tx: Tx,
  workspaceId: string,
  wanted: { name: string; version: string },
): Promise<string> {
  if (wanted.name === BUILT_IN_INSTRUMENT.name && wanted.version === BUILT_IN_INSTRUMENT.version) {
    return (await findOrStoreInstrument(tx, workspaceId, BUILT_IN_INSTRUMENT)).id;
  }
  const [stored] = await tx
    .select({ id: instruments.id })
    .from(instruments)
    .where(
      and(
        eq(instruments.workspaceId, workspaceId),
        eq(instruments.name, wanted.name),
        eq(instruments.version, wanted.version),
      ),
    );
  if (!stored) {
    throw new AppError(
      'invalid-input',
      `instrument: "${wanted.name}" version ${wanted.version} is not an instrument of this workspace; upload it first or pick one from the list`,
      [{ field: 'instrument', message: 'no such instrument in this workspace' }],
    );
  }
  return stored.id;
}
