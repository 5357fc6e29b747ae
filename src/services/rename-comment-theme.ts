import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswerThemes, responses } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { normalizeThemeTag, themeKey } from '../domain/attribute-comments.ts';
import { fieldProblem, invalidFields } from '../domain/parse-input.ts';
import { findRelationship } from './find-relationship.ts';
import { findWave } from './find-wave.ts';

/**
 * Renames a theme on every comment of a wave that carries it (matched without regard to case or
 * spacing), or, with `to` null, takes it off all of them: a wrong or misspelt theme is mended in
 * one place. A rename onto a theme already in use merges the two. Returns how many comments changed.
 */
export async function renameCommentTheme(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  from: string,
  to: string | null,
): Promise<{ theme: string | null; comments: number }> {
  const target = to === null ? null : normalizeThemeTag(to);
  if (target && !target.ok) throw invalidFields([fieldProblem('to', target.message)]);
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const wave = await findWave(db, relationship.id, waveLabel);
  const key = themeKey(from);
  return db.transaction(async (tx) => {
    const tagged = await tx
      .select({
        responseId: openAnswerThemes.responseId,
        questionCode: openAnswerThemes.questionCode,
        theme: openAnswerThemes.theme,
      })
      .from(openAnswerThemes)
      .innerJoin(responses, eq(responses.id, openAnswerThemes.responseId))
      .where(and(eq(responses.waveId, wave.id), eq(sql`lower(${openAnswerThemes.theme})`, key)));
    if (tagged.length === 0) {
      throw new AppError(
        'not-found',
        `no comment of wave "${wave.label}" carries the theme "${from.trim()}"`,
      );
    }
    const responseIds = [...new Set(tagged.map((row) => row.responseId))];
    await tx.delete(openAnswerThemes).where(
      and(
        inArray(openAnswerThemes.responseId, responseIds),
        inArray(
          openAnswerThemes.theme,
          tagged.map((row) => row.theme),
        ),
      ),
    );
    if (target?.ok) {
      // A theme the new name merges into keeps its spelling from elsewhere in the wave.
      const [used] = await tx
        .select({ theme: openAnswerThemes.theme })
        .from(openAnswerThemes)
        .innerJoin(responses, eq(responses.id, openAnswerThemes.responseId))
        .where(and(eq(responses.waveId, wave.id), eq(sql`lower(${openAnswerThemes.theme})`, target.key)))
        .limit(1);
      const spelling = used?.theme ?? target.theme;
      await tx
        .insert(openAnswerThemes)
        .values(
          tagged.map((row) => ({
            responseId: row.responseId,
            questionCode: row.questionCode,
            theme: spelling,
          })),
        )
        .onConflictDoNothing();
      return {
        theme: spelling,
        comments: new Set(tagged.map((r) => `${r.responseId}\n${r.questionCode}`)).size,
      };
    }
    return { theme: null, comments: new Set(tagged.map((r) => `${r.responseId}\n${r.questionCode}`)).size };
  });
}
