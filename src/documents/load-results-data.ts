import type { Db } from '../db/client.ts';
import {
  analyzeRelationship,
  type RelationshipAnalysis,
  type WaveAnalysis,
} from '../domain/analyze-relationship.ts';
import type { IncidentRecord } from '../domain/model.ts';
import { loadAnalysisInput } from '../services/get-relationship-analysis.ts';
import { getResponseTracking } from '../services/get-response-tracking.ts';
import { listSurveyLinks } from '../services/list-survey-links.ts';
import { buildTrendTables, type TrendTables } from '../web/results/build-trend-tables.ts';
import { buildWaveTables, type WaveTables } from '../web/results/build-wave-tables.ts';

// What the results pages, their downloads and the documents (workbook, deck, report) load: the
// relationship's analysis exactly as `getRelationshipAnalysis` (and so `trustloop analyze --json`)
// computes it — the same input loader and the same pure analysis — with the incidents it was
// given, and each wave's tables with its response tracking. No web framework here: the command
// line writes the same files.

export type LoadedAnalysis = { analysis: RelationshipAnalysis; incidents: readonly IncidentRecord[] };
export type ResponseTracking = Awaited<ReturnType<typeof getResponseTracking>>;

export async function loadAnalysis(db: Db, workspaceId: string, reference: string): Promise<LoadedAnalysis> {
  const input = await loadAnalysisInput(db, workspaceId, reference);
  return { analysis: analyzeRelationship(input), incidents: input.incidents };
}

export async function waveTablesOf(
  db: Db,
  workspaceId: string,
  loaded: LoadedAnalysis,
  wave: WaveAnalysis,
  tracking: ResponseTracking,
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
): Promise<{
  loaded: LoadedAnalysis;
  tracking: ResponseTracking;
  waves: { label: string; tables: WaveTables }[];
  trend: TrendTables;
}> {
  const loaded = await loadAnalysis(db, workspaceId, reference);
  const tracking = await getResponseTracking(db, workspaceId, loaded.analysis.relationship.id);
  const waves = [];
  for (const wave of loaded.analysis.waves) {
    waves.push({ label: wave.label, tables: await waveTablesOf(db, workspaceId, loaded, wave, tracking) });
  }
  return { loaded, tracking, waves, trend: trendTablesOf(loaded) };
}

export function trendTablesOf(loaded: LoadedAnalysis): TrendTables {
  return buildTrendTables(loaded.analysis, loaded.incidents);
}
