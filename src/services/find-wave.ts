import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Tx } from './lock-relationship.ts';

export type WaveRow = { id: string; label: string; status: string; opensOn: string; closesOn: string };

/** A wave of a relationship (already found in the workspace) by its label, or 'not-found'. */
export async function findWave(db: Db | Tx, relationshipId: string, label: string): Promise<WaveRow> {
  const [wave] = await db
    .select({
      id: waves.id,
      label: waves.label,
      status: waves.status,
      opensOn: waves.opensOn,
      closesOn: waves.closesOn,
    })
    .from(waves)
    .where(and(eq(waves.relationshipId, relationshipId), eq(waves.label, label.trim())));
  if (!wave) throw new AppError('not-found', `wave "${label}" not found in this relationship`);
  return wave;
}

/** Today's date (UTC) as YYYY-MM-DD, the default clock of the wave services. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
