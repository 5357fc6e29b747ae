import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { relationships, sides } from '../db/schema.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import { parseInput } from '../domain/parse-input.ts';

// The facilitator's list of relationships, by name (then id, so equal names keep one order): all
// of them for the CLI and the people page, or one page at a time for the home page and
// GET /api/relationships, which at 2,000 relationships took 658 ms unpaged (bench/RESULTS.md).

export type RelationshipSummary = {
  id: string;
  name: string;
  sides: Record<Side, SideInfo>;
  waves: number;
  latestWave: string | null;
  createdAt: string;
};

/** Rows a page unless the caller asks for another number; the portfolio's page size too. */
export const DEFAULT_RELATIONSHIP_PAGE_SIZE = 100;
export const MAX_RELATIONSHIP_PAGE_SIZE = 500;
export const MAX_RELATIONSHIP_FILTER_LENGTH = 200;

const wholeNumber = z.coerce
  .number({ error: 'expected a whole number' })
  .int({ error: 'expected a whole number' });

/**
 * Which page of the list: `q` (text in the relationship's name or either side's name, any case),
 * `limit` rows starting after `offset` rows. Query-string values are accepted as they come.
 */
export const RelationshipListQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(MAX_RELATIONSHIP_FILTER_LENGTH, `at most ${MAX_RELATIONSHIP_FILTER_LENGTH} characters`)
    .default(''),
  limit: wholeNumber
    .min(1, 'must be at least 1')
    .max(MAX_RELATIONSHIP_PAGE_SIZE, `must be at most ${MAX_RELATIONSHIP_PAGE_SIZE}`)
    .default(DEFAULT_RELATIONSHIP_PAGE_SIZE),
  offset: wholeNumber.min(0, 'must be at least 0').max(2_147_483_647, 'is too large').default(0),
  /** `true` (or `1`): the archived relationships instead of the others (decision 043). */
  archived: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .or(z.boolean())
    .transform((v) => v === true || v === 'true' || v === '1')
    .default(false),
});

export type RelationshipListQueryInput = z.input<typeof RelationshipListQuerySchema>;
export type RelationshipListQuery = z.output<typeof RelationshipListQuerySchema>;

export type RelationshipPageInfo = {
  /** The filter applied ('' for none), and the page asked for. */
  q: string;
  limit: number;
  offset: number;
  /** Relationships in the workspace, and how many of them match `q` (the same without a filter). */
  total: number;
  matching: number;
  /** The offset of the next page, null on the last one. */
  nextOffset: number | null;
};

export type RelationshipPage = { relationships: RelationshipSummary[]; page: RelationshipPageInfo };

/** Whether a relationship is archived, as the lists filter it: archived ones leave every list. */
function archivedIs(archived: boolean): SQL {
  return archived ? isNotNull(relationships.archivedAt) : isNull(relationships.archivedAt);
}

/** Every relationship of the workspace that is not archived (or only the archived ones), unpaged. */
export async function listRelationships(
  db: Db,
  workspaceId: string,
  options: { archived?: boolean } = {},
): Promise<RelationshipSummary[]> {
  const inWorkspace = and(eq(relationships.workspaceId, workspaceId), archivedIs(options.archived ?? false))!;
  const rows = await selectRows(db, inWorkspace);
  // Every side of the workspace in one query: a list of all its ids would be thousands long.
  const sideRows = await db
    .select({ relationshipId: sides.relationshipId, side: sides.side, name: sides.name, role: sides.role })
    .from(sides)
    .innerJoin(relationships, eq(relationships.id, sides.relationshipId))
    .where(inWorkspace);
  return summarise(rows, sideRows);
}

/**
 * One page of the workspace's relationships, in the same order as `listRelationships`, with the
 * counts a pager needs. Wave counts and sides are read for the page's rows only. Bad input is
 * `invalid-input` naming the field (`limit: must be at most 500`).
 */
export async function listRelationshipPage(
  db: Db,
  workspaceId: string,
  input: RelationshipListQueryInput = {},
): Promise<RelationshipPage> {
  const query = parseInput(RelationshipListQuerySchema, input, 'query');
  const inWorkspace = and(eq(relationships.workspaceId, workspaceId), archivedIs(query.archived))!;
  const matching = matchingText(query.q);
  const [counted] = await db
    .select({
      total: count(),
      matching: matching ? sql<number>`count(*) filter (where ${matching})::int` : count(),
    })
    .from(relationships)
    .where(inWorkspace);
  const total = Number(counted?.total ?? 0);
  const matchingCount = Number(counted?.matching ?? 0);
  const rows =
    query.offset < matchingCount
      ? await selectRows(db, (matching && and(inWorkspace, matching)) || inWorkspace, query)
      : [];
  const next = query.offset + query.limit;
  const sideRows =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(sides)
          .where(
            inArray(
              sides.relationshipId,
              rows.map((row) => row.id),
            ),
          );
  return {
    relationships: summarise(rows, sideRows),
    page: {
      q: query.q,
      limit: query.limit,
      offset: query.offset,
      total,
      matching: matchingCount,
      nextOffset: next < matchingCount ? next : null,
    },
  };
}

type Row = { id: string; name: string; createdAt: Date; waves: number; latestWave: string | null };

/**
 * The relationships that pass `where`, in list order, with their wave count and latest wave. A
 * page is chosen in a subquery first, so the per-row wave subqueries run for its rows only.
 */
async function selectRows(db: Db, where: SQL, page?: { limit: number; offset: number }): Promise<Row[]> {
  const order = [asc(relationships.name), asc(relationships.id)];
  const chosen = db
    .select({ id: relationships.id })
    .from(relationships)
    .where(where)
    .orderBy(...order)
    .$dynamic();
  const inPage = page ? inArray(relationships.id, chosen.limit(page.limit).offset(page.offset)) : where;
  return db
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
    .where(inPage)
    .orderBy(...order);
}

type SideRow = { relationshipId: string; side: string; name: string; role: string };

/** The rows with their two sides; a side that is missing shows as its letter. */
function summarise(rows: readonly Row[], sideRows: readonly SideRow[]): RelationshipSummary[] {
  const sidesById = new Map<string, Partial<Record<Side, SideInfo>>>();
  for (const row of sideRows) {
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

/** Relationships whose name or either side's name holds the text, any case; none for ''. */
function matchingText(q: string): SQL | undefined {
  if (q === '') return undefined;
  const pattern = `%${q.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
  return or(
    ilike(relationships.name, pattern),
    sql`exists (select 1 from ${sides} where ${sides.relationshipId} = ${relationships.id} and ${sides.name} ilike ${pattern})`,
  );
}
