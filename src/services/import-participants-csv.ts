import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { formatParticipantCsvProblem } from '../domain/participants-csv.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship } from './lock-relationship.ts';
import { createRespondentKey } from './participant-rules.ts';
import { previewForRelationship } from './preview-participants-csv.ts';

export type ImportedParticipants = { imported: number; participantCount: number };

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
    await tx
      .insert(participants)
      .values(drafts.map((d) => ({ ...d, relationshipId: found.id, respondentKey: createRespondentKey() })));
    const [total] = await tx
      .select({ n: count() })
      .from(participants)
      .where(eq(participants.relationshipId, found.id));
    return { imported: drafts.length, participantCount: Number(total?.n ?? 0) };
  });
}
