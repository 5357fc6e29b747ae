import { data, redirect } from 'react-router';
import type { Db } from '../../db/client.ts';
import {
  analyzeRelationship,
  type RelationshipAnalysis,
  type WaveAnalysis,
} from '../../domain/analyze-relationship.ts';
import type { IncidentRecord } from '../../domain/model.ts';
import { loadAnalysisInput } from '../../services/get-relationship-analysis.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { listSurveyLinks } from '../../services/list-survey-links.ts';
import { orNotFound } from '../not-found.server.ts';
import { buildTrendTables, type TrendTables } from './build-trend-tables.ts';
import { buildWaveTables, type WaveTables } from './build-wave-tables.ts';

// What the results pages and their CSV downloads load: the relationship's analysis exactly as
// `getRelationshipAnalysis` (and so `trustloop analyze --json`) computes it — the same input
// loader and the same pure analysis — with the incidents it was given, and response tracking.

export type LoadedAnalysis = { analysis: RelationshipAnalysis; incidents: readonly IncidentRecord[] };

export async function loadResultsAnalysis(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<LoadedAnalysis> {
  const input = await orNotFound(loadAnalysisInput(db, workspaceId, reference));
  return { analysis: analyzeRelationship(input), incidents: input.incidents };
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

async function waveTablesOf(
  db: Db,
  workspaceId: string,
  loaded: LoadedAnalysis,
  wave: WaveAnalysis,
  tracking: Awaited<ReturnType<typeof getResponseTracking>>,
): Promise<WaveTables> {
  const { analysis } = loaded;
  const links = await listSurveyLinks(db, workspaceId, analysis.relationship.id, wave.label);
  const waveTracking = tracking.waves.find((w) => w.label === wave.label);
  return buildWaveTables({
    wave,
    sides: analysis.relationship.sides,
    tracking: waveTracking
      ? { cells: waveTracking.cells, hasLinks: links.some((link) => link.status !== 'none') }
      : null,
  });
}

/** Every closed wave's tables and the trend tables, from one analysis: the results workbook. */
export async function loadAllResultsTables(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<{ loaded: LoadedAnalysis; waves: { label: string; tables: WaveTables }[]; trend: TrendTables }> {
  const loaded = await loadResultsAnalysis(db, workspaceId, reference);
  const tracking = await getResponseTracking(db, workspaceId, loaded.analysis.relationship.id);
  const waves = [];
  for (const wave of loaded.analysis.waves) {
    waves.push({ label: wave.label, tables: await waveTablesOf(db, workspaceId, loaded, wave, tracking) });
  }
  return { loaded, waves, trend: trendTablesOf(loaded) };
}

export function trendTablesOf(loaded: LoadedAnalysis): TrendTables {
  return buildTrendTables(loaded.analysis, loaded.incidents);
}
