import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sides } from '../db/schema.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import type { Release } from '../domain/share-and-act.ts';
import { loadReleases } from './list-releases.ts';

/**
 * The latest joint release of a wave with the sides' names — what a participant of that wave may
 * read once the wave has closed (issue 9, item 6); undefined before a joint release.
 */
export async function loadJointRelease(
  db: Db,
  relationshipId: string,
  wave: string,
): Promise<{ release: Release; sides: Record<Side, SideInfo> } | undefined> {
  const release = (await loadReleases(db, relationshipId, { wave })).filter((r) => r.kind === 'joint').at(-1);
  if (!release) return undefined;
  const rows = await db.select().from(sides).where(eq(sides.relationshipId, relationshipId));
  const info = (side: Side): SideInfo => {
    const row = rows.find((r) => r.side === side);
    return { name: row?.name ?? side, role: row?.role ?? '' };
  };
  return { release, sides: { A: info('A'), B: info('B') } };
}
