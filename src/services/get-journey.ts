import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { smallBigThings } from '../db/schema.ts';
import { buildJourney, type Journey } from '../domain/journey.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import { charterOf } from './charter.ts';
import { todayIso } from './find-wave.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { loadReleases } from './list-releases.ts';
import { loadWorkstreamStatus } from './load-workstream-status.ts';

export type JourneyView = Journey & {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
};

/** The stage at every closed wave and what was done between the waves, on one time line. */
export async function getJourney(db: Db, workspaceId: string, relationshipRef: string): Promise<JourneyView> {
  const analysis = await getRelationshipAnalysis(db, workspaceId, relationshipRef);
  const id = analysis.relationship.id;
  const [releases, charter, workstreams, things] = await Promise.all([
    loadReleases(db, id),
    charterOf(db, id),
    loadWorkstreamStatus(db, id, todayIso()),
    db
      .select({ fixedOn: smallBigThings.fixedOn })
      .from(smallBigThings)
      .where(eq(smallBigThings.relationshipId, id)),
  ]);
  const journey = buildJourney(analysis, {
    releases: releases.map((r) => ({
      releasedAt: r.releasedAt,
      kind: r.kind,
      side: r.side,
      findings: r.findings.length,
    })),
    charter: charter.versions,
    workstreams,
    fixed: things.flatMap((t) => (t.fixedOn ? [t.fixedOn] : [])),
  });
  return { ...journey, relationship: analysis.relationship };
}
