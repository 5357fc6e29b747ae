import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findRelationship } from './find-relationship.ts';
import { findWave, todayIso } from './find-wave.ts';
import { getRelationshipSetup, type SetupWave } from './get-relationship-setup.ts';
import { lockRelationship } from './lock-relationship.ts';

/**
 * draft → open. From now on the wave's anonymity threshold is fixed (it is set once more from the
 * relationship here, under the relationship's lock). A wave whose close date has passed cannot open.
 */
export async function openWave(
  db: Db,
  workspaceId: string,
  relationship: string,
  label: string,
  options: { today?: string } = {},
): Promise<SetupWave> {
  const today = options.today ?? todayIso();
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const wave = await findWave(tx, found.id, label);
    if (wave.status !== 'draft') {
      throw new AppError(
        'conflict',
        `wave "${wave.label}" is ${wave.status === 'open' ? 'already open' : 'closed'}; only a draft wave can be opened`,
      );
    }
    if (wave.closesOn < today) {
      throw new AppError(
        'conflict',
        `wave "${wave.label}" closes on ${wave.closesOn}, which has passed; change its dates or create a new wave`,
      );
    }
    const [row] = await tx
      .select({ threshold: relationships.anonymityThreshold })
      .from(relationships)
      .where(eq(relationships.id, found.id));
    await tx
      .update(waves)
      .set({ status: 'open', anonymityThreshold: row?.threshold ?? found.anonymityThreshold })
      .where(eq(waves.id, wave.id));
    const setup = await getRelationshipSetup(tx, workspaceId, found.id);
    return setup.waves.find((w) => w.id === wave.id)!;
  });
}
