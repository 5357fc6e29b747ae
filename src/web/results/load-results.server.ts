import { data, redirect } from 'react-router';
import type { Db } from '../../db/client.ts';
import {
  type LoadedAnalysis,
  loadAllResultsTables as loadAllTables,
  loadAnalysis,
  waveTablesOf,
} from '../../documents/load-results-data.ts';
import type { WaveAnalysis } from '../../domain/analyze-relationship.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { orNotFound } from '../not-found.server.ts';
import type { WaveTables } from './build-wave-tables.ts';

// The results pages' loaders: the analysis and tables of documents/load-results-data.ts (the same
// the command line's files use), with a 404 page for a relationship or wave that is not there.

export { type LoadedAnalysis, trendTablesOf } from '../../documents/load-results-data.ts';

export async function loadResultsAnalysis(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<LoadedAnalysis> {
  return orNotFound(loadAnalysis(db, workspaceId, reference));
}

export type LoadedWave = LoadedAnalysis & { wave: WaveAnalysis; tables: WaveTables };

/** One wave's analysis and tables; a 404 page when the relationship has no such wave. */
export async function loadWaveResults(
  db: Db,
  workspaceId: string,
  reference: string,
  label: string,
): Promise<LoadedWave> {
  const loaded = await loadResultsAnalysis(db, workspaceId, reference);
  const { analysis } = loaded;
  const wave = analysis.waves.find((w) => w.label === label);
  const tracking = await getResponseTracking(db, workspaceId, analysis.relationship.id);
  if (!wave) {
    // Only closed waves are analysed (decision 022): a wave still open (or a draft) has its response
    // count on the results overview and nothing else yet.
    if (tracking.waves.some((w) => w.label === label)) {
      throw redirect(`/relationships/${analysis.relationship.id}/results?wave=${encodeURIComponent(label)}`);
    }
    throw data(`There is no wave "${label}" in ${analysis.relationship.name}.`, { status: 404 });
  }
  const tables = await waveTablesOf(db, workspaceId, loaded, wave, tracking);
  return { ...loaded, wave, tables };
}

/** Every closed wave's tables and the trend tables, from one analysis: the results workbook. */
export function loadAllResultsTables(db: Db, workspaceId: string, reference: string) {
  return orNotFound(loadAllTables(db, workspaceId, reference));
}
