import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { charterSignoffs, charterVersions, relationships, sponsorGrants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Side } from '../domain/model.ts';
import { parseInput } from '../domain/parse-input.ts';
import {
  CharterInputSchema,
  type CharterVersion,
  type CharterView,
  isFullySigned,
} from '../domain/share-and-act.ts';
import { isUuid } from '../domain/uuid.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';

// The relationship's charter (issue 9, item 4): vision, shared principles and behaviours, each
// side's commitments and the governance cadence. Every save is a new version; one sponsor of each
// side signs a version in their own session; a change after sign-off is a new version to sign.

export type { CharterView };

/** Saves the charter as a new version (refused when nothing changed). */
export async function saveCharter(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  raw: unknown,
  author: { name: string },
): Promise<CharterVersion> {
  const input = parseInput(CharterInputSchema, raw, 'charter');
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  await db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const [latest] = await loadVersions(tx, relationship.id, 1);
    const next = {
      vision: input.vision,
      principles: input.principles,
      behaviours: input.behaviours,
      commitments: input.commitments,
      governance: input.governance,
    };
    if (latest && sameContent(latest, next)) {
      throw new AppError('conflict', `nothing changed since version ${latest.version}`);
    }
    await tx.insert(charterVersions).values({
      relationshipId: relationship.id,
      version: (latest?.version ?? 0) + 1,
      vision: next.vision,
      principles: next.principles,
      behaviours: next.behaviours,
      commitmentsA: next.commitments.A,
      commitmentsB: next.commitments.B,
      governance: next.governance,
      createdBy: author.name,
    });
  });
  return (await getCharter(db, workspaceId, relationship.id)).versions[0]!;
}

/** The charter's versions with who signed which, newest first. */
export async function getCharter(db: Db, workspaceId: string, relationshipRef: string): Promise<CharterView> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  return charterOf(db, relationship.id);
}

export async function charterOf(db: Db | Tx, relationshipId: string): Promise<CharterView> {
  const versions = await loadVersions(db, relationshipId);
  return { versions, isSigned: versions[0] ? isFullySigned(versions[0]) : false };
}

/**
 * A sponsor signs a version for their side, in their own session: only the newest version (an
 * older one has been replaced), once per side. Without a grant for the relationship it does not
 * exist for them.
 */
export async function signCharter(
  db: Db,
  sponsor: { id: string; name: string; email: string; workspaceId: string },
  relationshipId: string,
  version: number,
  now: Date = new Date(),
): Promise<CharterView> {
  const notFound = new AppError('not-found', 'no such relationship among the ones you sponsor');
  if (!isUuid(relationshipId)) throw notFound;
  return db.transaction(async (tx) => {
    const [grant] = await tx
      .select({ side: sponsorGrants.side, relationshipId: sponsorGrants.relationshipId })
      .from(sponsorGrants)
      .innerJoin(relationships, eq(relationships.id, sponsorGrants.relationshipId))
      .where(
        and(
          eq(sponsorGrants.userId, sponsor.id),
          eq(sponsorGrants.relationshipId, relationshipId.toLowerCase()),
          eq(relationships.workspaceId, sponsor.workspaceId),
        ),
      );
    if (!grant) throw notFound;
    await lockRelationship(tx, grant.relationshipId);
    const [latest] = await loadVersions(tx, grant.relationshipId, 1);
    if (!latest) throw new AppError('not-found', 'there is no charter to sign yet');
    if (version !== latest.version) {
      throw new AppError(
        'conflict',
        `version ${version} has been replaced by version ${latest.version}: read the new version and sign that one`,
      );
    }
    const side = grant.side as Side;
    const already = latest.signOffs.find((s) => s.side === side);
    if (already) {
      throw new AppError(
        'conflict',
        `${already.signedBy} already signed version ${latest.version} for your side`,
      );
    }
    const [row] = await tx
      .select({ id: charterVersions.id })
      .from(charterVersions)
      .where(
        and(
          eq(charterVersions.relationshipId, grant.relationshipId),
          eq(charterVersions.version, latest.version),
        ),
      );
    await tx.insert(charterSignoffs).values({
      charterVersionId: row!.id,
      side,
      userId: sponsor.id,
      signedBy: sponsor.name || sponsor.email,
      signedAt: now,
    });
    return charterOf(tx, grant.relationshipId);
  });
}

async function loadVersions(db: Db | Tx, relationshipId: string, limit?: number): Promise<CharterVersion[]> {
  const query = db
    .select()
    .from(charterVersions)
    .where(eq(charterVersions.relationshipId, relationshipId))
    .orderBy(desc(charterVersions.version));
  const rows = limit === undefined ? await query : await query.limit(limit);
  const signoffs =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(charterSignoffs)
          .where(
            inArray(
              charterSignoffs.charterVersionId,
              rows.map((r) => r.id),
            ),
          );
  return rows.map((row) => ({
    version: row.version,
    vision: row.vision,
    principles: row.principles,
    behaviours: row.behaviours,
    commitments: { A: row.commitmentsA, B: row.commitmentsB },
    governance: row.governance,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    signOffs: signoffs
      .filter((s) => s.charterVersionId === row.id)
      .sort((a, b) => a.side.localeCompare(b.side))
      .map((s) => ({ side: s.side as Side, signedBy: s.signedBy, signedAt: s.signedAt.toISOString() })),
  }));
}

function sameContent(
  a: Pick<CharterVersion, 'vision' | 'principles' | 'behaviours' | 'commitments' | 'governance'>,
  b: Pick<CharterVersion, 'vision' | 'principles' | 'behaviours' | 'commitments' | 'governance'>,
): boolean {
  const key = (c: typeof a) =>
    JSON.stringify([c.vision, c.principles, c.behaviours, c.commitments.A, c.commitments.B, c.governance]);
  return key(a) === key(b);
}
