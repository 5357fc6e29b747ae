import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { formatParticipantCsvProblem } from '../domain/participants-csv.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship } from './lock-relationship.ts';
import { createRespondentKey } from './participant-rules.ts';
import { previewForRelationship } from './preview-participants-csv.ts';

export type ImportedParticipants = { imported: number; participantCount: number };

/** Participants written per statement: 6 array parameters each, whatever the size. */
export const IMPORT_BATCH = 5000;

/**
 * Adds every row of a participants CSV, all or nothing: a file with any problem is refused whole
 * (AppError 'invalid-input', the problems as details) and nothing is written. The check runs again
 * inside the transaction, so an email added meanwhile cannot slip in twice.
 */
export async function importParticipantsCsv(
  db: Db,
  workspaceId: string,
  relationship: string,
  csv: string,
  options: { onProgress?: (imported: number, total: number) => void } = {},
): Promise<ImportedParticipants> {
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const preview = await previewForRelationship(tx, found.id, csv);
    if (preview.problems.length > 0) {
      const count = preview.problems.length;
      throw new AppError(
        'invalid-input',
        `csv: the file has ${count} problem${count === 1 ? '' : 's'}; no participant was added`,
        preview.problems.map((p) => ({ ...p, text: formatParticipantCsvProblem(p) })),
      );
    }
    const drafts = preview.rows.flatMap((r) => (r.participant ? [r.participant] : []));
    if (drafts.length === 0) {
      throw new AppError('invalid-input', 'csv: the file has a header but no participants');
    }
    // In batches of whole columns (INSERT … SELECT FROM unnest, decision 004): a list of 100,000
    // people stays one transaction, far under PostgreSQL's 65,535 parameters per statement.
    for (let start = 0; start < drafts.length; start += IMPORT_BATCH) {
      const batch = drafts.slice(start, start + IMPORT_BATCH);
      const column = (pick: (d: (typeof batch)[number]) => string) => toPgArrayLiteral(batch.map(pick));
      await tx.execute(sql`
        insert into participants (relationship_id, respondent_key, side, level, name, email, role)
        select ${found.id}::uuid, k, s, l, n, e, r
        from unnest(${toPgArrayLiteral(batch.map(() => createRespondentKey()))}::text[],
          ${column((d) => d.side)}::text[], ${column((d) => d.level)}::text[], ${column((d) => d.name)}::text[],
          ${column((d) => d.email)}::text[], ${column((d) => d.role)}::text[]) as t(k, s, l, n, e, r)`);
      options.onProgress?.(start + batch.length, drafts.length);
    }
    const [total] = await tx
      .select({ n: count() })
      .from(participants)
      .where(eq(participants.relationshipId, found.id));
    return { imported: drafts.length, participantCount: Number(total?.n ?? 0) };
  });
}
