import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { releases, waves } from '../db/schema.ts';
import type { Side } from '../domain/model.ts';
import type { Release, ReleasedFinding, ReleaseKind } from '../domain/share-and-act.ts';
import { findRelationship, type RelationshipRow } from './find-relationship.ts';
import type { Tx } from './lock-relationship.ts';

/** A release as lists show it: who, when, to whom, how many findings. */
export type ReleaseSummary = Omit<Release, 'findings'> & { findingCount: number; findingRefs: string[] };

/**
 * The releases of a relationship, oldest first, each with what it released exactly as it was
 * (never changed afterwards). `forSide` keeps what a sponsor of that side may read: the joint
 * releases and the pre-briefs to their own side, never the other side's pre-brief.
 */
export async function loadReleases(
  db: Db | Tx,
  relationshipId: string,
  options: {
    wave?: string;
    forSide?: Side;
    /** The relationship's wave labels by id, when the caller has read them: waves is not read again. */
    waveLabels?: ReadonlyMap<string, string>;
  } = {},
): Promise<Release[]> {
  const conditions = [eq(releases.relationshipId, relationshipId)];
  if (options.forSide !== undefined) {
    const visible = or(isNull(releases.side), eq(releases.side, options.forSide));
    if (visible) conditions.push(visible);
  }
  const columns = {
    id: releases.id,
    waveId: releases.waveId,
    kind: releases.kind,
    side: releases.side,
    releasedBy: releases.releasedBy,
    releasedAt: releases.releasedAt,
    content: releases.content,
  };
  const order = [asc(releases.releasedAt), asc(releases.id)] as const;
  const rows = options.waveLabels
    ? (
        await db
          .select(columns)
          .from(releases)
          .where(and(...conditions))
          .orderBy(...order)
      ).map((row) => ({
        ...row,
        wave: options.waveLabels?.get(row.waveId) ?? '',
      }))
    : await db
        .select({ ...columns, wave: waves.label })
        .from(releases)
        .innerJoin(waves, eq(waves.id, releases.waveId))
        .where(and(...conditions))
        .orderBy(...order);
  return rows
    .filter((row) => options.wave === undefined || row.wave === options.wave)
    .map((row) => ({
      id: row.id,
      wave: row.wave,
      kind: row.kind as ReleaseKind,
      side: (row.side as Side | null) ?? null,
      releasedBy: row.releasedBy,
      releasedAt: row.releasedAt.toISOString(),
      findings: (row.content as { findings: ReleasedFinding[] }).findings,
    }));
}

/** The facilitator's list of releases (of one wave, or all), without their content. */
export async function listReleases(
  db: Db,
  workspaceId: string,
  relationship: string | RelationshipRow,
  options: { wave?: string } = {},
): Promise<ReleaseSummary[]> {
  const found =
    typeof relationship === 'string' ? await findRelationship(db, workspaceId, relationship) : relationship;
  return (await loadReleases(db, found.id, options)).map(summarise);
}

export function summarise(release: Release): ReleaseSummary {
  const { findings, ...rest } = release;
  return { ...rest, findingCount: findings.length, findingRefs: findings.map((f) => f.ref) };
}
