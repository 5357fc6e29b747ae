import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { incidents } from '../db/schema.ts';
import {
  commentAttributionThreshold,
  type RespondentCounts,
  visibleLevels,
} from '../domain/attribute-comments.ts';
import type { Level, Side } from '../domain/model.ts';
import type { Tx } from './lock-relationship.ts';

// One attribution rule for what participants wrote (docs/anonymity.md): an incident reported in the
// survey names its reporter's side always, and their level only where that level had enough
// submitted responses in that wave and side (5, or k if higher, and not findable by elimination) —
// the rule comments follow (domain/attribute-comments.ts, decision 015). Incidents from interviews
// and workshops are the facilitator's record and keep their level.

/** The wave of the survey response an incident was reported in (null for any other incident). */
export const surveyWaveColumn: SQL<string | null> = sql<
  string | null
>`(select sr.wave_id from responses sr where sr.id = ${incidents.responseId})`;

export type ReporterLevel = {
  /** Null when the rule hides it. */
  reporterLevel: Level | null;
  /** The respondents a level needed, when it is hidden; else null. */
  reporterLevelThreshold: number | null;
};

/** Applies the rule to incident rows that carry the wave of their survey response. */
export async function attributeSurveyReporters<
  T extends { reporterSide: string; reporterLevel: string; surveyWaveId: string | null },
>(
  db: Db | Tx,
  rows: readonly T[],
): Promise<Array<Omit<T, 'reporterLevel' | 'surveyWaveId'> & ReporterLevel>> {
  const waveIds = [...new Set(rows.map((row) => row.surveyWaveId).filter((id): id is string => id !== null))];
  const counts = new Map<string, { threshold: number; respondents: RespondentCounts }>();
  if (waveIds.length > 0) {
    const found = await queryRows<{
      id: string;
      threshold: number;
      side: Side | null;
      level: Level | null;
      n: number | string | null;
    }>(
      db,
      sql`select w.id, w.anonymity_threshold as threshold, r.side, r.level, count(r.id) as n
          from waves w left join responses r on r.wave_id = w.id and r.submitted_at is not null
          where w.id = any(${toPgArrayLiteral(waveIds)}::uuid[])
          group by w.id, w.anonymity_threshold, r.side, r.level`,
    );
    for (const row of found) {
      const entry = counts.get(row.id) ?? {
        threshold: commentAttributionThreshold(Number(row.threshold)),
        respondents: {
          A: { leadership: 0, operational: 0, staff: 0 },
          B: { leadership: 0, operational: 0, staff: 0 },
        },
      };
      if (row.side && row.level) entry.respondents[row.side][row.level] = Number(row.n);
      counts.set(row.id, entry);
    }
  }
  return rows.map(({ surveyWaveId, reporterLevel, ...row }) => {
    const wave = surveyWaveId === null ? undefined : counts.get(surveyWaveId);
    if (!wave) return { ...row, reporterLevel: reporterLevel as Level, reporterLevelThreshold: null };
    const side = row.reporterSide as Side;
    const { named } = visibleLevels(wave.respondents[side], wave.threshold);
    return named.includes(reporterLevel as Level)
      ? { ...row, reporterLevel: reporterLevel as Level, reporterLevelThreshold: null }
      : { ...row, reporterLevel: null, reporterLevelThreshold: wave.threshold };
  });
}
