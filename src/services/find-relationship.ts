import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { isUuid } from '../domain/uuid.ts';

export type RelationshipRow = { id: string; name: string; anonymityThreshold: number };

/**
 * Finds a relationship of the workspace by its id, a prefix of its id (as `list` prints it), its
 * name, or a part of its name (case-insensitive) when only one relationship matches. Anything else
 * is `not-found`, never another workspace's relationship.
 */
export async function findRelationship(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<RelationshipRow> {
  const wanted = reference.trim();
  if (wanted === '') throw new AppError('invalid-input', 'relationship: give an id or a name');
  const columns = {
    id: relationships.id,
    name: relationships.name,
    anonymityThreshold: relationships.anonymityThreshold,
  };
  const inWorkspace = eq(relationships.workspaceId, workspaceId);
  if (isUuid(wanted)) {
    const [byId] = await db
      .select(columns)
      .from(relationships)
      .where(and(inWorkspace, eq(relationships.id, wanted.toLowerCase())));
    if (byId) return byId;
    throw notFound(wanted);
  }
  const matches = await db
    .select(columns)
    .from(relationships)
    .where(
      and(
        inWorkspace,
        or(
          sql`${relationships.id}::text like ${`${escapeLike(wanted.toLowerCase())}%`}`,
          ilike(relationships.name, `%${escapeLike(wanted)}%`),
        ),
      ),
    )
    .limit(20);
  const exact = matches.filter((m) => m.name.toLowerCase() === wanted.toLowerCase());
  const candidates = exact.length > 0 ? exact : matches;
  const [first, second] = candidates;
  if (!first) throw notFound(wanted);
  if (second) {
    const names = candidates.map((c) => `${c.id.slice(0, 8)} ${c.name}`).join('; ');
    throw new AppError(
      'invalid-input',
      `relationship "${wanted}" matches more than one: ${names}; give its id`,
    );
  }
  return first;
}

function notFound(wanted: string): AppError {
  return new AppError('not-found', `relationship "${wanted}" not found`);
}

function escapeLike(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
}
