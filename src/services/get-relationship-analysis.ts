import type { Db } from '../db/client.ts';
import { analyzeRelationship, type RelationshipAnalysis } from '../domain/analyze-relationship.ts';
import { loadIncidents, loadRelationship, loadResponses } from './load-relationship.ts';

/** Loads a relationship of the workspace and runs the full analysis on it. */
export async function getRelationshipAnalysis(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<RelationshipAnalysis> {
  const relationship = await loadRelationship(db, workspaceId, reference);
  const [responses, incidentRecords] = await Promise.all([
    loadResponses(db, relationship.waves, { withOpenAnswers: false }),
    loadIncidents(db, relationship.id),
  ]);
  const byWave = new Map<string, typeof responses>();
  for (const response of responses) {
    const list = byWave.get(response.wave);
    if (list) list.push(response);
    else byWave.set(response.wave, [response]);
  }
  return analyzeRelationship({
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    waves: relationship.waves.map((wave) => ({
      label: wave.label,
      opens: wave.opens,
      closes: wave.closes,
      anonymityThreshold: wave.anonymityThreshold,
      instrument: wave.instrument,
      responses: byWave.get(wave.label) ?? [],
    })),
    incidents: incidentRecords,
  });
}
