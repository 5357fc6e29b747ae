import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, sides } from '../db/schema.ts';
import type { Side, SideInfo } from '../domain/model.ts';

export type RelationshipSummary = {
  id: string;
  name: string;
  sides: Record<Side, SideInfo>;
  waves: number;
  latestWave: string | null;
  createdAt: string;
};

export async function listRelationships(db: Db, workspaceId: string): Promise<RelationshipSummary[]> {
  const rows = await db
    .select({
      id: relationships.id,
      name: relationships.name,
      createdAt: relationships.createdAt,
      waves: sql<number>`(select count(*)::int from waves w where w.relationship_id = ${relationships}.id)`,
      latestWave: sql<
        string | null
      >`(select w.label from waves w where w.relationship_id = ${relationships}.id order by w.position desc limit 1)`,
    })
    .from(relationships)
    .where(eq(relationships.workspaceId, workspaceId))
    .orderBy(asc(relationships.name), asc(relationships.id));
  const sideRows = await db
    .select()
    .from(sides)
    .innerJoin(relationships, eq(relationships.id, sides.relationshipId))
    .where(eq(relationships.workspaceId, workspaceId));
  const sidesById = new Map<string, Partial<Record<Side, SideInfo>>>();
  for (const { sides: row } of sideRows) {
    const entry = sidesById.get(row.relationshipId) ?? {};
    entry[row.side as Side] = { name: row.name, role: row.role };
    sidesById.set(row.relationshipId, entry);
  }
  return rows.map((row) => {
    const entry = sidesById.get(row.id);
    return {
      id: row.id,
      name: row.name,
      sides: { A: entry?.A ?? { name: 'A', role: '' }, B: entry?.B ?? { name: 'B', role: '' } },
      waves: Number(row.waves),
      latestWave: row.latestWave,
      createdAt: row.createdAt.toISOString(),
    };
  });
}
