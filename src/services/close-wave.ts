import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findRelationship } from './find-relationship.ts';
import { findWave, todayIso } from './find-wave.ts';
import { getRelationshipSetup, type SetupWave } from './get-relationship-setup.ts';

/**
 * open → closed: no more answers are taken, and personal links of the wave stop working. A wave
 * closed before its close date takes the day it was closed as its close date, so every page, link
 * and report says the day it really closed.
 */
export async function closeWave(
  db: Db,
  workspaceId: string,
  relationship: string,
  label: string,
  today: string = todayIso(),
): Promise<SetupWave> {
  const found = await findRelationship(db, workspaceId, relationship);
  const wave = await findWave(db, found.id, label);
  if (wave.status !== 'open') {
    throw new AppError(
      'conflict',
      wave.status === 'draft'
        ? `wave "${wave.label}" has not opened yet; open it before closing it`
        : `wave "${wave.label}" is already closed`,
    );
  }
  // The status condition makes a concurrent close a no-op rather than a second transition.
  const updated = await db
    .update(waves)
    // Never before it opened (a wave opened ahead of its dates and closed at once).
    .set({
      status: 'closed',
      closesOn: sql`greatest(${waves.opensOn}, least(${waves.closesOn}, ${today}::date))`,
    })
    .where(and(eq(waves.id, wave.id), eq(waves.status, 'open')))
    .returning({ id: waves.id });
  if (updated.length === 0) throw new AppError('conflict', `wave "${wave.label}" is already closed`);
  const setup = await getRelationshipSetup(db, workspaceId, found.id);
  return setup.waves.find((w) => w.id === wave.id)!;
}
