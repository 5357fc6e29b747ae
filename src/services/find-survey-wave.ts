import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findRelationship } from './find-relationship.ts';

export type SurveyWave = {
  relationshipId: string;
  relationshipName: string;
  waveId: string;
  label: string;
  status: string;
  opensOn: string;
  closesOn: string;
};

/** A wave of a relationship of the workspace by its label (exact, else case-insensitive). */
export async function findSurveyWave(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
): Promise<SurveyWave> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const rows = await db
    .select({
      waveId: waves.id,
      label: waves.label,
      status: waves.status,
      opensOn: waves.opensOn,
      closesOn: waves.closesOn,
    })
    .from(waves)
    .where(and(eq(waves.relationshipId, relationship.id)));
  const wanted = waveLabel.trim();
  const wave =
    rows.find((w) => w.label === wanted) ?? rows.find((w) => w.label.toLowerCase() === wanted.toLowerCase());
  if (!wave) {
    const labels = rows.map((w) => `"${w.label}"`).join(', ') || 'none yet';
    throw new AppError(
      'not-found',
      `wave "${wanted}" not found in relationship "${relationship.name}" (its waves: ${labels})`,
    );
  }
  return { relationshipId: relationship.id, relationshipName: relationship.name, ...wave };
}
