import { createHmac } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswers, openAnswerThemes, responses } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findRelationship } from './find-relationship.ts';
import { findWave } from './find-wave.ts';
import { isAnalysedWave } from './get-relationship-analysis.ts';

// A comment is named outside the server only by its ref: a keyed hash (HMAC-SHA-256, keyed per
// wave) of its response id and question code. The ref is also the comment's place in the shuffled
// order (decision 015): it follows neither submission order nor anyone's identity, differs between
// questions and waves, and never changes, so the page does not jump while the facilitator tags.

/** The ref of one open answer of a wave: 24 hex digits (96 bits). */
export function commentRef(waveId: string, responseId: string, questionCode: string): string {
  return createHmac('sha256', `trustloop-comments:${waveId}`)
    .update(`${responseId}\n${questionCode}`)
    .digest('hex')
    .slice(0, 24);
}

export type FoundOpenAnswer = { waveId: string; responseId: string; questionCode: string };

/**
 * The submitted open answer a ref names in a closed wave of the workspace's relationship, or
 * 'not-found' (also while the wave is open: its comments exist for no one yet).
 */
export async function findOpenAnswer(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  ref: string,
): Promise<FoundOpenAnswer> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const wave = await findWave(db, relationship.id, waveLabel);
  if (!isAnalysedWave(wave)) {
    throw new AppError(
      'not-found',
      `wave "${wave.label}" is still open: its comments can be read, tagged and redacted once it closes`,
    );
  }
  const rows = await db
    .select({ responseId: openAnswers.responseId, questionCode: openAnswers.questionCode })
    .from(openAnswers)
    .innerJoin(responses, eq(responses.id, openAnswers.responseId))
    .where(and(eq(responses.waveId, wave.id), isNotNull(responses.submittedAt)));
  const wanted = ref.trim().toLowerCase();
  const found = rows.find((row) => commentRef(wave.id, row.responseId, row.questionCode) === wanted);
  if (!found) throw new AppError('not-found', `comment "${ref}" not found in wave "${wave.label}"`);
  return { waveId: wave.id, ...found };
}

/** The theme tags of one open answer, as stored. */
export async function themesOfAnswer(
  db: Db,
  answer: { responseId: string; questionCode: string },
): Promise<string[]> {
  const rows = await db
    .select({ theme: openAnswerThemes.theme })
    .from(openAnswerThemes)
    .where(
      and(
        eq(openAnswerThemes.responseId, answer.responseId),
        eq(openAnswerThemes.questionCode, answer.questionCode),
      ),
    );
  return rows.map((row) => row.theme);
}
