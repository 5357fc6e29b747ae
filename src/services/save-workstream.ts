import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  findings,
  incidents,
  sides,
  workstreamFindings,
  workstreamIncidents,
  workstreams,
} from '../db/schema.ts';
import { OVERALL } from '../domain/analyze-relationship.ts';
import { AppError } from '../domain/app-error.ts';
import type { Side } from '../domain/model.ts';
import { type FieldProblem, fieldProblem, invalidFields, parseInput } from '../domain/parse-input.ts';
import { WORKSTREAM_STATUSES, WorkstreamInputSchema } from '../domain/share-and-act.ts';
import { findRelationship } from './find-relationship.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';
import { ownerColumns, resolveOwner } from './resolve-owner.ts';
import { isSharedIncident } from './shared-incidents.ts';

/** Refs of workstreams: WS-1, WS-2, … per relationship. */
export const WORKSTREAM_REF_PREFIX = 'WS-';

/**
 * Starts a workstream, co-owned by one person of each side (a participant or a sponsor), with its
 * target dimensions, linked findings and incidents. Every problem is named by its field, and
 * nothing is saved unless all is right.
 */
export async function createWorkstream(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  raw: unknown,
): Promise<{ ref: string }> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const values = await checkWorkstream(tx, relationship.id, raw);
    const [numbers] = await tx
      .select({
        highest: sql<number>`coalesce(max(substring(${workstreams.ref} from '^WS-([0-9]+)$')::int), 0)::int`,
      })
      .from(workstreams)
      .where(eq(workstreams.relationshipId, relationship.id));
    const ref = `${WORKSTREAM_REF_PREFIX}${Number(numbers?.highest ?? 0) + 1}`;
    const [row] = await tx
      .insert(workstreams)
      .values({ relationshipId: relationship.id, ref, ...values.columns })
      .returning({ id: workstreams.id });
    await writeLinks(tx, row!.id, values.findingIds, values.incidentIds);
    return { ref };
  });
}

/** Rewrites a workstream's fields and links; `status` closes or reopens it. */
export async function updateWorkstream(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  ref: string,
  raw: unknown,
): Promise<{ ref: string }> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const { status, ...rest } = (raw ?? {}) as Record<string, unknown>;
  if (status !== undefined && !WORKSTREAM_STATUSES.includes(status as never)) {
    throw invalidFields([fieldProblem('status', `choose ${WORKSTREAM_STATUSES.join(' or ')}`)]);
  }
  return db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const found = await findWorkstreamRow(tx, relationship.id, ref);
    const values = await checkWorkstream(tx, relationship.id, rest);
    await tx
      .update(workstreams)
      .set({ ...values.columns, ...(status ? { status: status as string } : {}), updatedAt: new Date() })
      .where(eq(workstreams.id, found.id));
    await writeLinks(tx, found.id, values.findingIds, values.incidentIds);
    return { ref: found.ref };
  });
}

export async function findWorkstreamRow(
  db: Db | Tx,
  relationshipId: string,
  ref: string,
): Promise<{ id: string; ref: string; startedOn: string; title: string }> {
  const [row] = await db
    .select({
      id: workstreams.id,
      ref: workstreams.ref,
      startedOn: workstreams.startedOn,
      title: workstreams.title,
    })
    .from(workstreams)
    .where(
      and(eq(workstreams.relationshipId, relationshipId), eq(workstreams.ref, ref.trim().toUpperCase())),
    );
  if (!row) throw new AppError('not-found', `workstream ${ref} not found in this relationship`);
  return row;
}

/** The sides' organisation names, for messages. */
export async function sideNamesOf(db: Db | Tx, relationshipId: string): Promise<Record<Side, string>> {
  const rows = await db
    .select({ side: sides.side, name: sides.name })
    .from(sides)
    .where(eq(sides.relationshipId, relationshipId));
  const name = (side: Side) => rows.find((r) => r.side === side)?.name ?? `side ${side}`;
  return { A: name('A'), B: name('B') };
}

async function checkWorkstream(tx: Tx, relationshipId: string, raw: unknown) {
  const input = parseInput(WorkstreamInputSchema, raw, 'workstream');
  const names = await sideNamesOf(tx, relationshipId);
  const problems: FieldProblem[] = [];
  const owners: Partial<Record<Side, Awaited<ReturnType<typeof resolveOwner>>>> = {};
  for (const side of ['A', 'B'] as const) {
    try {
      owners[side] = await resolveOwner(
        tx,
        relationshipId,
        input.owners[side],
        `owners.${side}`,
        names,
        side,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(...(error.details as FieldProblem[]));
    }
  }
  const dimensions = new Set([
    ...(await loadIncidentDimensions(tx, relationshipId)).map((d) => d.key),
    OVERALL,
  ]);
  input.targetDimensions.forEach((key, index) => {
    if (!dimensions.has(key)) {
      problems.push(
        fieldProblem(
          `targetDimensions.${index}`,
          `"${key}" is not a dimension of this relationship (expected ${[...dimensions].join(', ')})`,
        ),
      );
    }
  });
  const findingRefs = input.findings.map((r) => r.toUpperCase());
  const incidentRefs = input.incidents.map((r) => r.toUpperCase());
  const [findingRows, incidentRows] = await Promise.all([
    findingRefs.length === 0
      ? []
      : tx
          .select({ id: findings.id, ref: findings.ref })
          .from(findings)
          .where(and(eq(findings.relationshipId, relationshipId), inArray(findings.ref, findingRefs))),
    incidentRefs.length === 0
      ? []
      : tx
          .select({ id: incidents.id, ref: incidents.ref })
          .from(incidents)
          .where(
            and(
              eq(incidents.relationshipId, relationshipId),
              inArray(incidents.ref, incidentRefs),
              isSharedIncident(),
            ),
          ),
  ]);
  findingRefs.forEach((ref, index) => {
    if (!findingRows.some((r) => r.ref === ref))
      problems.push(fieldProblem(`findings.${index}`, `no finding ${ref} in this relationship`));
  });
  incidentRefs.forEach((ref, index) => {
    if (!incidentRows.some((r) => r.ref === ref))
      problems.push(fieldProblem(`incidents.${index}`, `no incident ${ref} in this relationship`));
  });
  if (problems.length > 0) throw invalidFields(problems);
  const a = ownerColumns(owners.A ?? null);
  const b = ownerColumns(owners.B ?? null);
  return {
    columns: {
      title: input.title,
      type: input.type,
      description: input.description,
      ownerAParticipantId: a.participantId,
      ownerAUserId: a.userId,
      ownerBParticipantId: b.participantId,
      ownerBUserId: b.userId,
      targetDimensions: [...new Set(input.targetDimensions)],
      startedOn: input.startedOn,
    },
    findingIds: [...new Set(findingRows.map((r) => r.id))],
    incidentIds: [...new Set(incidentRows.map((r) => r.id))],
  };
}

async function writeLinks(
  tx: Tx,
  workstreamId: string,
  findingIds: string[],
  incidentIds: string[],
): Promise<void> {
  await tx.delete(workstreamFindings).where(eq(workstreamFindings.workstreamId, workstreamId));
  await tx.delete(workstreamIncidents).where(eq(workstreamIncidents.workstreamId, workstreamId));
  if (findingIds.length > 0) {
    await tx.insert(workstreamFindings).values(findingIds.map((findingId) => ({ workstreamId, findingId })));
  }
  if (incidentIds.length > 0) {
    await tx
      .insert(workstreamIncidents)
      .values(incidentIds.map((incidentId) => ({ workstreamId, incidentId })));
  }
}
