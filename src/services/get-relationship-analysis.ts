import type { Db } from '../db/client.ts';
import {
  type AnalysisInput,
  analyzeRelationship,
  type RelationshipAnalysis,
} from '../domain/analyze-relationship.ts';
import { StageGatesSchema } from '../domain/stage.ts';
import { loadAnswerSets, loadIncidents, loadRelationship, loadStageGates } from './load-relationship.ts';

/** Everything the analysis of one relationship of the workspace needs, loaded in three queries. */
export async function loadAnalysisInput(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<AnalysisInput> {
  const relationship = await loadRelationship(db, workspaceId, reference);
  const [answerSets, incidents, storedGates] = await Promise.all([
    loadAnswerSets(
      db,
      relationship.waves.map((wave) => wave.id),
    ),
    loadIncidents(db, relationship.id),
    loadStageGates(db, workspaceId),
  ]);
  return buildAnalysisInput(relationship, relationship.waves, answerSets, incidents, storedGates);
}

type LoadedWave = Omit<AnalysisInput['waves'][number], 'responses'> & { id: string };

/**
 * The analysis' input from what was loaded — the one place that maps the stored rows to it, for
 * loadAnalysisInput and for callers that have read the relationship and its waves already.
 */
export function buildAnalysisInput(
  relationship: AnalysisInput['relationship'],
  waves: readonly LoadedWave[],
  answerSets: ReadonlyMap<string, AnalysisInput['waves'][number]['responses']>,
  incidents: AnalysisInput['incidents'],
  storedGates: unknown,
): AnalysisInput {
  return {
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    waves: waves.map((wave) => ({
      label: wave.label,
      opens: wave.opens,
      closes: wave.closes,
      anonymityThreshold: wave.anonymityThreshold,
      instrument: wave.instrument,
      responses: answerSets.get(wave.id) ?? [],
    })),
    incidents,
    // A workspace may store its own gates; null means PRODUCT.md's defaults.
    gates: storedGates === null ? undefined : StageGatesSchema.parse(storedGates),
  };
}

/** Loads a relationship of the workspace and runs the full analysis on it. */
export async function getRelationshipAnalysis(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<RelationshipAnalysis> {
  return analyzeRelationship(await loadAnalysisInput(db, workspaceId, reference));
}
