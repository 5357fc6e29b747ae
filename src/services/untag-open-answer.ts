import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswerThemes } from '../db/schema.ts';
import { themeKey } from '../domain/attribute-comments.ts';
import { findOpenAnswer, themesOfAnswer } from './find-open-answer.ts';
import { type CommentThemes, commentThemes } from './tag-open-answer.ts';

/**
 * Takes a theme tag off one comment (named by its ref in a wave), matching it without regard to
 * case or spacing. A theme the comment does not have is already gone: nothing to do.
 */
export async function untagOpenAnswer(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  ref: string,
  theme: string,
): Promise<CommentThemes> {
  const answer = await findOpenAnswer(db, workspaceId, relationshipRef, waveLabel, ref);
  const existing = await themesOfAnswer(db, answer);
  const key = themeKey(theme);
  const removed = existing.filter((t) => themeKey(t) === key);
  if (removed.length > 0) {
    await db
      .delete(openAnswerThemes)
      .where(
        and(
          eq(openAnswerThemes.responseId, answer.responseId),
          eq(openAnswerThemes.questionCode, answer.questionCode),
          inArray(openAnswerThemes.theme, removed),
        ),
      );
  }
  return commentThemes(
    ref,
    existing.filter((t) => themeKey(t) !== key),
  );
}
