import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { openAnswers, openAnswerThemes, responses, waves } from '../../src/db/schema.ts';
import { demoThemesOf } from '../../src/demo/demo-themes.ts';
import { findRelationship } from '../../src/services/find-relationship.ts';

// The demo's theme tags (demo-themes.ts) put on a stored demo relationship. The demo bundle carries
// the same tags, so loadDemo needs none of this. Idempotent (a tag already there stays).

/** Tags every submitted comment of the demo relationship that a rule matches. */
export async function tagDemoThemes(db: Db, workspaceId: string, relationshipId: string): Promise<number> {
  // The relationship must be the workspace's: the demo is loaded into one workspace only.
  const found = await findRelationship(db, workspaceId, relationshipId);
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
