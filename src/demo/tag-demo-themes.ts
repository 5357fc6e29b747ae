import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openAnswers, openAnswerThemes, relationships, responses, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';

// The demo's facilitator has coded the comments: plausible theme tags by simple keyword rules, so
// the comments page shows theme counts from the start. Idempotent (a tag already there stays).

const RULES: ReadonlyArray<readonly [theme: string, pattern: RegExp]> = [
  ['Ticket handling', /ticket|queue|log the same|logging/i],
  ['Early warning', /slip|warn|notice|ahead|early|surprise|status report/i],
  ['Blame and penalties', /blame|finger-pointing|penalt|service credit|invoice|procurement|contract at us/i],
  ['Access', /access|vpn|badge|security/i],
  ['Joint routines', /stand-up|service review|change board|ops call|incident bridge|roadmap|planning/i],
  ['Charter and workshop', /charter|workshop/i],
  ['Handovers and people', /handover|shift|offshore|onboarding|turnover|new .*(engineer|manager)|induction/i],
  ['One team', /co-located|one team|incident room|colleague|together|joint win|recognition/i],
  ['Shared data', /dashboard|numbers|root-cause|root cause/i],
];

/** The themes the rules give one comment (none for a comment no rule matches). */
export function demoThemesOf(text: string): string[] {
  return RULES.filter(([, pattern]) => pattern.test(text)).map(([theme]) => theme);
}

/** Tags every submitted comment of the demo relationship that a rule matches. */
export async function tagDemoThemes(db: Db, workspaceId: string, relationshipId: string): Promise<number> {
  const [found] = await db
    .select({ id: relationships.id })
    .from(relationships)
    .where(and(eq(relationships.id, relationshipId), eq(relationships.workspaceId, workspaceId)));
  if (!found) throw new AppError('not-found', `relationship "${relationshipId}" not found`);
  const rows = await db
    .select({
      responseId: openAnswers.responseId,
      questionCode: openAnswers.questionCode,
      text: openAnswers.text,
    })
    .from(openAnswers)
    .innerJoin(responses, eq(responses.id, openAnswers.responseId))
    .innerJoin(waves, eq(waves.id, responses.waveId))
    .where(and(eq(waves.relationshipId, found.id), isNotNull(responses.submittedAt)));
  const tags = rows.flatMap((row) =>
    demoThemesOf(row.text).map((theme) => ({
      responseId: row.responseId,
      questionCode: row.questionCode,
      theme,
    })),
  );
  if (tags.length === 0) return 0;
  const inserted = await db
    .insert(openAnswerThemes)
    .values(tags)
    .onConflictDoNothing()
    .returning({ theme: openAnswerThemes.theme });
  return inserted.length;
}
