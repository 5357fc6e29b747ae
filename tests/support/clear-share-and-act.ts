import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import {
  charterVersions,
  findings,
  relationships,
  releases,
  smallBigThings,
  workshops,
  workstreams,
} from '../../src/db/schema.ts';

/**
 * Takes the demo's findings, releases, workstreams, small big things, charter and workshops away (and closes
 * its results to sponsors again), for tests that start the other half of the method from nothing.
 */
export async function clearShareAndAct(db: Db, relationshipId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(workshops).where(eq(workshops.relationshipId, relationshipId));
    await tx.delete(smallBigThings).where(eq(smallBigThings.relationshipId, relationshipId));
    await tx.delete(workstreams).where(eq(workstreams.relationshipId, relationshipId));
    await tx.delete(releases).where(eq(releases.relationshipId, relationshipId));
    await tx.delete(findings).where(eq(findings.relationshipId, relationshipId));
    await tx.delete(charterVersions).where(eq(charterVersions.relationshipId, relationshipId));
    await tx
      .update(relationships)
      .set({ resultsReleasedAt: null })
      .where(eq(relationships.id, relationshipId));
  });
}
