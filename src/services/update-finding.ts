import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { findings, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Finding } from '../domain/share-and-act.ts';
import { findingById, prepareFinding, writeEvidence } from './create-finding.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship } from './lock-relationship.ts';

/**
 * Rewrites a finding (its wave stays): a new version, its evidence resolved again as it is now.
 * What was released keeps the version it released (a release holds its own copy), so an edit
 * after a release shows as a newer version waiting for the next release.
 */
export async function updateFinding(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  ref: string,
  raw: unknown,
): Promise<Finding> {
  const { input, relationship, wave, evidence } = await prepareFinding(db, workspaceId, relationshipRef, raw);
  const id = await db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const [row] = await tx
      .select({ id: findings.id, waveId: findings.waveId })
      .from(findings)
      .where(and(eq(findings.relationshipId, relationship.id), eq(findings.ref, ref.trim().toUpperCase())));
    if (!row) throw new AppError('not-found', `finding ${ref} not found in this relationship`);
    if (row.waveId !== wave.id) {
      throw new AppError(
        'invalid-input',
        `wave: finding ${ref} belongs to another wave; write a new finding instead`,
        [
          {
            field: 'wave',
            message: 'a finding stays with its wave',
            text: 'wave: a finding stays with its wave',
          },
        ],
      );
    }
    await tx
      .update(findings)
      .set({
        kind: input.kind,
        concerns: input.concerns,
        title: input.title,
        body: input.body,
        suggestionKey: input.suggestionKey,
        version: sql`${findings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(findings.id, row.id));
    await writeEvidence(tx, row.id, evidence);
    return row.id;
  });
  return findingById(db, relationship, id);
}

/** Deletes a finding; what was released of it stays in its release. */
export async function deleteFinding(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  ref: string,
): Promise<void> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const deleted = await db
    .delete(findings)
    .where(and(eq(findings.relationshipId, relationship.id), eq(findings.ref, ref.trim().toUpperCase())))
    .returning({ id: findings.id });
  if (deleted.length === 0) throw new AppError('not-found', `finding ${ref} not found in this relationship`);
}

/** Puts a wave's findings in this order (every ref of the wave, each once). */
export async function reorderFindings(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  refs: readonly string[],
): Promise<void> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  await db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const rows = await tx
      .select({ id: findings.id, ref: findings.ref })
      .from(findings)
      .innerJoin(waves, eq(waves.id, findings.waveId))
      .where(and(eq(findings.relationshipId, relationship.id), eq(waves.label, waveLabel)));
    const wanted = refs.map((r) => r.trim().toUpperCase());
    const known = new Set(rows.map((r) => r.ref));
    if (
      wanted.length !== known.size ||
      new Set(wanted).size !== wanted.length ||
      !wanted.every((r) => known.has(r))
    ) {
      throw new AppError(
        'invalid-input',
        `order: give every finding of wave "${waveLabel}" once (${[...known].sort().join(', ') || 'none'})`,
      );
    }
    for (const [position, ref] of wanted.entries()) {
      const id = rows.find((r) => r.ref === ref)!.id;
      await tx.update(findings).set({ position }).where(eq(findings.id, id));
    }
  });
}
