import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { relationships, releases } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { SIDES } from '../domain/model.ts';
import { parseInput } from '../domain/parse-input.ts';
import { RELEASE_KINDS, type Release, type ReleasedFinding } from '../domain/share-and-act.ts';
import { type Author, requireClosed } from './create-finding.ts';
import { findRelationship } from './find-relationship.ts';
import { findWave } from './find-wave.ts';
import { loadFindings } from './list-findings.ts';
import { loadReleases } from './list-releases.ts';
import { lockRelationship } from './lock-relationship.ts';

export const ReleaseInputSchema = z
  .strictObject({
    wave: z.string().trim().min(1, 'choose the wave whose findings to release'),
    kind: z.enum(RELEASE_KINDS, { message: 'choose pre-brief or joint' }),
    /** The side a pre-brief goes to; none for the joint release. */
    side: z.enum(SIDES, { message: 'choose side A or B' }).nullable().default(null),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'pre-brief' && value.side === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['side'],
        message: 'a pre-brief goes to one side: choose A or B',
      });
    }
    if (value.kind === 'joint' && value.side !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['side'],
        message: 'the joint release goes to both sides: leave the side out',
      });
    }
  });
export type ReleaseInput = z.input<typeof ReleaseInputSchema>;

/**
 * Releases a closed wave's findings: a pre-brief to one side's sponsors (the findings about that
 * side's trust) or the joint release to both (every finding of the wave). The release keeps a copy
 * of each finding at its current version with its evidence, who released it and when; it is never
 * changed afterwards (an edit makes a new version for a later release). The first joint release
 * also opens the relationship's results to its sponsors. Releasing nothing, or exactly what the
 * last release of the same kind already holds, is refused.
 */
export async function releaseFindings(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  raw: unknown,
  author: Author,
  now: Date = new Date(),
): Promise<Release> {
  const input = parseInput(ReleaseInputSchema, raw, 'release');
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const wave = await findWave(db, relationship.id, input.wave);
  requireClosed(wave);
  const id = await db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const all = await loadFindings(tx, relationship.id, wave.id);
    const chosen = input.kind === 'joint' ? all : all.filter((f) => f.concerns === input.side);
    if (chosen.length === 0) {
      throw new AppError(
        'invalid-input',
        input.kind === 'joint'
          ? `nothing to release: wave "${wave.label}" has no findings yet`
          : `nothing to release: no finding of wave "${wave.label}" is about side ${input.side}'s trust`,
      );
    }
    const content: ReleasedFinding[] = chosen.map(
      ({ id: _id, position: _p, updatedAt: _u, ...finding }) => finding,
    );
    const earlier = (await loadReleases(tx, relationship.id, { wave: wave.label })).filter(
      (r) => r.kind === input.kind && r.side === input.side,
    );
    const last = earlier[earlier.length - 1];
    if (last && sameFindings(last.findings, content)) {
      throw new AppError(
        'conflict',
        `nothing changed since this was released on ${last.releasedAt.slice(0, 10)} by ${last.releasedBy}`,
      );
    }
    const [row] = await tx
      .insert(releases)
      .values({
        relationshipId: relationship.id,
        waveId: wave.id,
        kind: input.kind,
        side: input.side,
        releasedByUserId: author.id,
        releasedBy: author.name,
        releasedAt: now,
        content: { findings: content },
      })
      .returning({ id: releases.id });
    if (input.kind === 'joint') {
      await tx
        .update(relationships)
        .set({ resultsReleasedAt: now })
        .where(and(eq(relationships.id, relationship.id), isNull(relationships.resultsReleasedAt)));
    }
    return row!.id;
  });
  const release = (await loadReleases(db, relationship.id, { wave: wave.label })).find((r) => r.id === id);
  if (!release) throw new AppError('not-found', 'release not found');
  return release;
}

function sameFindings(a: readonly ReleasedFinding[], b: readonly ReleasedFinding[]): boolean {
  const key = (list: readonly ReleasedFinding[]) => list.map((f) => `${f.ref}@${f.version}`).join(',');
  return key(a) === key(b);
}
