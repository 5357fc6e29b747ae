import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswers, openAnswerThemes, responses } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  type AttributedComments,
  attributeComments,
  type CommentAudience,
  commentAttributionThreshold,
  type OpenAnswerInput,
  type RespondentCounts,
} from '../domain/attribute-comments.ts';
import type { Level, Side, SideInfo } from '../domain/model.ts';
import { commentRef } from './find-open-answer.ts';
import { isAnalysedWave } from './get-relationship-analysis.ts';
import { type LoadedWave, loadRelationship } from './load-relationship.ts';

export type OpenAnswersView = {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  waves: Array<{ label: string; status: string }>;
  /** The wave shown: the one asked for, else the latest closed one, else the latest; null without waves. */
  wave: { label: string; status: string; anonymityThreshold: number; attributionThreshold: number } | null;
  /** Null without a wave, and while the wave is not closed (isAnalysedWave: counts only). */
  comments: AttributedComments | null;
  /** Submitted responses so far: the one figure of a wave that is still open. */
  submittedResponses: number;
};

/**
 * One wave's open-text answers: only submitted responses of a closed wave (while a wave is open a
 * comment read before and after one known person submits would be theirs: decision 022),
 * attributed and ordered by the domain's rule, with theme tags and counts, optionally filtered by
 * a theme. For the `facilitator` audience (the default) with redactions beside the originals and
 * hidden comments marked; for `shared`, what anyone else may read. Nothing in it names a person, a
 * response or a time.
 */
export async function listOpenAnswers(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  options: { wave?: string | null; theme?: string | null; audience?: CommentAudience } = {},
): Promise<OpenAnswersView> {
  const relationship = await loadRelationship(db, workspaceId, relationshipRef);
  const wave = pickWave(relationship.waves, options.wave);
  const view = {
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    waves: relationship.waves.map((w) => ({ label: w.label, status: w.status })),
  };
  if (!wave) return { ...view, wave: null, comments: null, submittedResponses: 0 };
  const threshold = commentAttributionThreshold(wave.anonymityThreshold);
  const waveView = {
    label: wave.label,
    status: wave.status,
    anonymityThreshold: wave.anonymityThreshold,
    attributionThreshold: threshold,
  };

  const submitted = and(eq(responses.waveId, wave.id), isNotNull(responses.submittedAt));
  const countRows = await db
    .select({ side: responses.side, level: responses.level, n: count() })
    .from(responses)
    .where(submitted)
    .groupBy(responses.side, responses.level);
  const submittedResponses = countRows.reduce((sum, row) => sum + Number(row.n), 0);
  // An open wave's comments are not even read.
  if (!isAnalysedWave(wave)) return { ...view, wave: waveView, comments: null, submittedResponses };

  const [answerRows, themeRows] = await Promise.all([
    db
      .select({
        responseId: openAnswers.responseId,
        questionCode: openAnswers.questionCode,
        text: openAnswers.text,
        redactedText: openAnswers.redactedText,
        hiddenAt: openAnswers.hiddenAt,
        side: responses.side,
        level: responses.level,
      })
      .from(openAnswers)
      .innerJoin(responses, eq(responses.id, openAnswers.responseId))
      .where(submitted),
    db
      .select({
        responseId: openAnswerThemes.responseId,
        questionCode: openAnswerThemes.questionCode,
        theme: openAnswerThemes.theme,
      })
      .from(openAnswerThemes)
      .innerJoin(responses, eq(responses.id, openAnswerThemes.responseId))
      .where(submitted),
  ]);

  const respondents: RespondentCounts = {
    A: { leadership: 0, operational: 0, staff: 0 },
    B: { leadership: 0, operational: 0, staff: 0 },
  };
  for (const row of countRows) respondents[row.side as Side][row.level as Level] = Number(row.n);
  const themesOf = new Map<string, string[]>();
  for (const row of themeRows) {
    const key = `${row.responseId}\n${row.questionCode}`;
    themesOf.set(key, [...(themesOf.get(key) ?? []), row.theme]);
  }
  const answers: OpenAnswerInput[] = answerRows.map((row) => ({
    orderKey: commentRef(wave.id, row.responseId, row.questionCode),
    questionCode: row.questionCode,
    side: row.side as Side,
    level: row.level as Level,
    text: row.text,
    redactedText: row.redactedText,
    hidden: row.hiddenAt !== null,
    themes: themesOf.get(`${row.responseId}\n${row.questionCode}`) ?? [],
  }));
  return {
    ...view,
    wave: waveView,
    submittedResponses,
    comments: attributeComments({
      questions: wave.instrument.open,
      answers,
      respondents,
      threshold,
      theme: options.theme?.trim() || null,
      audience: options.audience ?? 'facilitator',
    }),
  };
}

function pickWave(waves: readonly LoadedWave[], label: string | null | undefined): LoadedWave | null {
  const wanted = label?.trim();
  if (wanted) {
    const found = waves.find((w) => w.label === wanted);
    if (!found) throw new AppError('not-found', `wave "${wanted}" not found in this relationship`);
    return found;
  }
  // The latest wave with comments to read; else the open one (its counts), else the last draft.
  return (
    waves.findLast(isAnalysedWave) ?? waves.findLast((w) => w.status !== 'draft') ?? waves.at(-1) ?? null
  );
}
