import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instruments } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { toCanonicalJson } from '../domain/canonical-json.ts';
import type { Instrument } from '../domain/model.ts';
import type { Tx } from './lock-relationship.ts';

// Instruments are immutable per workspace, name and version: bundle imports, uploads and new waves
// all store or reuse them here.

/** The stored id of this exact instrument, storing it first if the workspace lacks it. */
export async function findOrStoreInstrument(
  db: Db | Tx,
  workspaceId: string,
  instrument: Instrument,
): Promise<{ id: string; isNew: boolean }> {
  const [stored] = await db
    .select({ id: instruments.id, definition: instruments.definition })
    .from(instruments)
    .where(
      and(
        eq(instruments.workspaceId, workspaceId),
        eq(instruments.name, instrument.name),
        eq(instruments.version, instrument.version),
      ),
    );
  if (stored) {
    if (toCanonicalJson(stored.definition) !== toCanonicalJson(instrument)) {
      throw new AppError(
        'conflict',
        `instrument "${instrument.name}" version ${instrument.version} already exists in this workspace with different content; give the changed instrument a new version`,
      );
    }
    return { id: stored.id, isNew: false };
  }
  const [created] = await db
    .insert(instruments)
    .values({ workspaceId, name: instrument.name, version: instrument.version, definition: instrument })
    .returning({ id: instruments.id });
  if (!created) throw new Error('inserting the instrument returned no row');
  return { id: created.id, isNew: true };
}
