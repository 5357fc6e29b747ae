import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { findingEvidence, findings } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type Evidence, type Finding, FindingInputSchema } from '../domain/share-and-act.ts';
import { findRelationship, type RelationshipRow } from './find-relationship.ts';
import { findWave, type WaveRow } from './find-wave.ts';
import { isAnalysedWave } from './get-relationship-analysis.ts';
import { loadFindings } from './list-findings.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';
import { loadEvidenceSources, resolveFindingEvidence } from './resolve-finding-evidence.ts';

/** Refs of findings: F-001, F-002, … per relationship. */
export const FINDING_REF_PREFIX = 'F-';

/** Who writes: the signed-in facilitator. */
export type Author = { id: string | null; name: string };

/** A finding's input checked, its wave closed and its evidence resolved — or a clear refusal. */
export async function prepareFinding(db: Db, workspaceId: string, relationshipRef: string, raw: unknown) {
  const input = parseInput(FindingInputSchema, raw, 'finding');
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const wave = await findWave(db, relationship.id, input.wave);
  requireClosed(wave);
  const sources = await loadEvidenceSources(db, workspaceId, relationship, input.evidence);
  const evidence = resolveFindingEvidence(sources, input.evidence);
  return { input, relationship, wave, evidence };
}

/**
 * Stores a new finding of a closed wave with its evidence (each piece a snapshot of what it showed
 * when picked) and the next F- ref; private to the facilitators until released. A finding accepted
 * from a suggestion remembers it, and the same suggestion is not accepted twice.
 */
export async function createFinding(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  raw: unknown,
  author: Author,
): Promise<Finding> {
  const { input, relationship, wave, evidence } = await prepareFinding(db, workspaceId, relationshipRef, raw);
  const id = await db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    if (input.suggestionKey !== null) {
      const [already] = await tx
        .select({ ref: findings.ref })
        .from(findings)
        .where(and(eq(findings.waveId, wave.id), eq(findings.suggestionKey, input.suggestionKey)));
      if (already) {
        throw new AppError(
          'conflict',
          `this suggestion is already finding ${already.ref}: edit that one instead`,
        );
      }
    }
    const [numbers] = await tx
      .select({
        highest: sql<number>`coalesce(max(substring(${findings.ref} from '^F-([0-9]+)$')::int), 0)::int`,
        position: sql<number>`coalesce(max(${findings.position}) filter (where ${findings.waveId} = ${wave.id}), -1)::int`,
      })
      .from(findings)
      .where(eq(findings.relationshipId, relationship.id));
    const ref = `${FINDING_REF_PREFIX}${String(Number(numbers?.highest ?? 0) + 1).padStart(3, '0')}`;
    const [row] = await tx
      .insert(findings)
      .values({
        relationshipId: relationship.id,
        waveId: wave.id,
        ref,
        kind: input.kind,
        concerns: input.concerns,
        title: input.title,
        body: input.body,
        position: Number(numbers?.position ?? -1) + 1,
        suggestionKey: input.suggestionKey,
        createdByUserId: author.id,
      })
      .returning({ id: findings.id });
    await writeEvidence(tx, row!.id, evidence);
    return row!.id;
  });
  return findingById(db, relationship, id);
}

export async function writeEvidence(tx: Tx, findingId: string, evidence: readonly Evidence[]): Promise<void> {
  await tx.delete(findingEvidence).where(eq(findingEvidence.findingId, findingId));
  if (evidence.length === 0) return;
  await tx.insert(findingEvidence).values(
    evidence.map((piece, position) => ({
      findingId,
      position,
      kind: piece.reference.kind,
      reference: piece.reference,
      snapshot: { snapshot: piece.snapshot, label: piece.label },
    })),
  );
}

export function requireClosed(wave: WaveRow): void {
  if (isAnalysedWave(wave)) return;
  throw new AppError(
    'conflict',
    `wave "${wave.label}" is ${wave.status === 'open' ? 'still open' : 'a draft'}: findings are written from a closed wave's results`,
  );
}

export async function findingById(db: Db, relationship: RelationshipRow, id: string): Promise<Finding> {
  const found = (await loadFindings(db, relationship.id)).find((f) => f.id === id);
  if (!found) throw new AppError('not-found', 'finding not found');
  return found;
}
