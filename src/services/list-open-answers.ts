import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswers, openAnswerThemes, responses } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  type AttributedComments,
  attributeComments,
  commentAttributionThreshold,
  type OpenAnswerInput,
  type RespondentCounts,
} from '../domain/attribute-comments.ts';
import type { Level, Side, SideInfo } from '../domain/model.ts';
import { commentRef } from './find-open-answer.ts';
import { type LoadedWave, loadRelationship } from './load-relationship.ts';

export type OpenAnswersView = {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  waves: Array<{ label: string; status: string }>;
  /** The wave shown: the one asked for, else the latest that is not a draft; null without waves. */
  wave: { label: string; status: string; anonymityThreshold: number; attributionThreshold: number } | null;
  comments: AttributedComments | null;
  /** Responses of the wave with comments that are not submitted yet: not shown, only counted. */
  unsubmittedWithComments: number;
};

/**
 * One wave's open-text answers for the facilitator: only submitted responses (a participant can
 * still change an unsubmitted one), attributed and ordered by the domain's rule, with theme tags
 * and counts, optionally filtered by a theme. Nothing in it names a person, a response or a time.
 */
export async function listOpenAnswers(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  options: { wave?: string | null; theme?: string | null } = {},
): Promise<OpenAnswersView> {
  const relationship = await loadRelationship(db, workspaceId, relationshipRef);
  const wave = pickWave(relationship.waves, options.wave);
  const view = {
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    waves: relationship.waves.map((w) => ({ label: w.label, status: w.status })),
  };
  if (!wave) return { ...view, wave: null, comments: null, unsubmittedWithComments: 0 };

  const submitted = and(eq(responses.waveId, wave.id), isNotNull(responses.submittedAt));
  const [countRows, answerRows, themeRows, [unsubmitted]] = await Promise.all([
    db
      .select({ side: responses.side, level: responses.level, n: count() })
      .from(responses)
      .where(submitted)
      .groupBy(responses.side, responses.level),
    db
      .select({
        responseId: openAnswers.responseId,
        questionCode: openAnswers.questionCode,
        text: openAnswers.text,
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
    db
      .select({ n: count() })
      .from(responses)
      .where(
        and(
          eq(responses.waveId, wave.id),
          isNull(responses.submittedAt),
          // Any open answer of the response, without joining it once per question.
          sql`exists (select 1 from ${openAnswers} where ${openAnswers.responseId} = ${responses.id})`,
        ),
      ),
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
    themes: themesOf.get(`${row.responseId}\n${row.questionCode}`) ?? [],
  }));
  const threshold = commentAttributionThreshold(wave.anonymityThreshold);
  return {
    ...view,
    wave: {
      label: wave.label,
      status: wave.status,
      anonymityThreshold: wave.anonymityThreshold,
      attributionThreshold: threshold,
    },
    comments: attributeComments({
      questions: wave.instrument.open,
      answers,
      respondents,
      threshold,
      theme: options.theme?.trim() || null,
    }),
    unsubmittedWithComments: Number(unsubmitted?.n ?? 0),
  };
}

function pickWave(waves: readonly LoadedWave[], label: string | null | undefined): LoadedWave | null {
  const wanted = label?.trim();
  if (wanted) {
    const found = waves.find((w) => w.label === wanted);
    if (!found) throw new AppError('not-found', `wave "${wanted}" not found in this relationship`);
    return found;
  }
  return waves.findLast((w) => w.status !== 'draft') ?? waves.at(-1) ?? null;
}
