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
    // Only closed waves are analysed: the answers of a wave still open are not even read.
    loadAnswerSets(
      db,
      relationship.waves.filter(isAnalysedWave).map((wave) => wave.id),
    ),
    loadIncidents(db, relationship.id),
    loadStageGates(db, workspaceId),
  ]);
  return buildAnalysisInput(relationship, relationship.waves, answerSets, incidents, storedGates);
}

type LoadedWave = Omit<AnalysisInput['waves'][number], 'responses'> & { id: string; status: string };

/**
 * Whether a wave's results exist for anyone: only once it has closed (docs/anonymity.md, decision
 * 022). While a wave is open, a figure read before and after one known person submits would give
 * that person's answers away by difference, even in a cell too small to show; so an open wave
 * shows response counts only, everywhere — its scores, comments and survey incidents appear when
 * it closes. A draft wave has no answers.
 */
export function isAnalysedWave(wave: { status: string }): boolean {
  return wave.status === 'closed';
}

/**
 * The analysis' input from what was loaded — the one place that maps the stored rows to it, for
 * loadAnalysisInput and for callers that have read the relationship and its waves already. Waves
 * that are not closed are left out (isAnalysedWave).
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
    waves: waves.filter(isAnalysedWave).map((wave) => ({
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
