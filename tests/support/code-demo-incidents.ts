import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { incidentSecondCodings, incidents } from '../../src/db/schema.ts';
import { codeDemoIncidentsOf } from '../../src/demo/demo-coding.ts';
import type { IncidentRecord } from '../../src/domain/model.ts';
import { findRelationship } from '../../src/services/find-relationship.ts';

export { DEMO_SECOND_CODER } from '../../src/demo/demo-coding.ts';

// The demo's coding (demo-coding.ts) written onto a stored demo relationship. The demo bundle
// carries the same coding, so loadDemo needs none of this; it stays for a demo relationship whose
// coding was changed (tests put it back) and is idempotent: running it again changes nothing.

export async function codeDemoIncidents(db: Db, workspaceId: string, relationshipId: string): Promise<void> {
  // The relationship must be the workspace's: the demo is loaded into one workspace only.
  const { id } = await findRelationship(db, workspaceId, relationshipId);
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: incidents.id,
        ref: incidents.ref,
        occurredOn: incidents.occurredOn,
        direction: incidents.direction,
        strength: incidents.strength,
        dimensions: incidents.dimensions,
        themes: incidents.themes,
      })
      .from(incidents)
      .where(eq(incidents.relationshipId, id))
      .orderBy(asc(incidents.occurredOn), asc(incidents.ref));
    const codings = codeDemoIncidentsOf(
      rows.map((row) => ({
        ...row,
        direction: row.direction as IncidentRecord['direction'],
        strength: row.strength as IncidentRecord['strength'],
      })),
    );
    for (const row of rows) {
      const { first, second } = codings.get(row.ref)!;
      await tx
        .update(incidents)
        .set({ ...first, updatedAt: sql`now()` })
        .where(eq(incidents.id, row.id));
      if (!second) continue;
      // An existing second coding gets the demo's coding back, under the name it has.
      const { codedBy: _, ...coding } = second;
      await tx
        .insert(incidentSecondCodings)
        .values({ incidentId: row.id, coderUserId: null, ...second })
        .onConflictDoUpdate({ target: incidentSecondCodings.incidentId, set: coding });
    }
  });
}
