import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswerThemes, responses } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { normalizeThemeTag, themeKey } from '../domain/attribute-comments.ts';
import { findOpenAnswer, themesOfAnswer } from './find-open-answer.ts';

export type CommentThemes = { ref: string; themes: string[] };

/**
 * Puts a theme tag on one comment (named by its ref in a wave). A theme the comment already has,
 * in any case or spacing, is not added twice; one used elsewhere in the wave keeps the spelling it
 * has there. Refused with a field error: a blank theme or one
 * over 40 characters.
 */
export async function tagOpenAnswer(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  ref: string,
  theme: string,
): Promise<CommentThemes> {
  const tag = normalizeThemeTag(theme);
  if (!tag.ok)
    throw new AppError('invalid-input', `theme: ${tag.message}`, [{ field: 'theme', message: tag.message }]);
  const answer = await findOpenAnswer(db, workspaceId, relationshipRef, waveLabel, ref);
  const existing = await themesOfAnswer(db, answer);
  if (!existing.some((t) => themeKey(t) === tag.key)) {
    // A theme already used in the wave keeps its spelling: typing it in capitals must not
    // rename it everywhere.
    const [used] = await db
      .select({ theme: openAnswerThemes.theme })
      .from(openAnswerThemes)
      .innerJoin(responses, eq(responses.id, openAnswerThemes.responseId))
      .where(and(eq(responses.waveId, answer.waveId), eq(sql`lower(${openAnswerThemes.theme})`, tag.key)))
      .orderBy(asc(openAnswerThemes.createdAt), asc(openAnswerThemes.theme))
      .limit(1);
    const spelling = used?.theme ?? tag.theme;
    await db
      .insert(openAnswerThemes)
      .values({ responseId: answer.responseId, questionCode: answer.questionCode, theme: spelling })
      .onConflictDoNothing();
    existing.push(spelling);
  }
  return commentThemes(ref, existing);
}

/** The comment's ref as written canonically, with its themes in order (regardless of case). */
export function commentThemes(ref: string, themes: string[]): CommentThemes {
  return {
    ref: ref.trim().toLowerCase(),
    themes: themes.sort((a, b) => themeKey(a).localeCompare(themeKey(b))),
  };
}
