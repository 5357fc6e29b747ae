import { data } from 'react-router';
import { requireWebUser } from '../auth.server.ts';
import { csvDownload } from '../csv-download.server.ts';
import { TREND_TABLE_KEYS, type TrendTableKey } from '../results/build-trend-tables.ts';
import { WAVE_TABLE_KEYS, type WaveTableKey } from '../results/build-wave-tables.ts';
import { loadResultsAnalysis, loadWaveResults, trendTablesOf } from '../results/load-results.server.ts';
import { formatResultsCsv } from '../results/results-csv.ts';
import type { Route } from './+types/results-export';

// CSV download of any table of the results pages: `…/results-export/heatmap?wave=Baseline` for a
// wave's table, `…/results-export/changes` for a trend table. The rows are the screen's rows
// (one builder for both), so suppression is the same.

const isWaveTable = (key: string): key is WaveTableKey =>
  (WAVE_TABLE_KEYS as readonly string[]).includes(key);
const isTrendTable = (key: string): key is TrendTableKey =>
  (TREND_TABLE_KEYS as readonly string[]).includes(key);

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const key = params.table;
  const waveLabel = new URL(request.url).searchParams.get('wave');
  let csv: string;
  let name: string;
  if (isWaveTable(key)) {
    if (!waveLabel) {
      throw data(`The table "${key}" belongs to a wave: add ?wave=<label>, e.g. ?wave=Baseline.`, {
        status: 400,
      });
    }
    const { analysis, tables } = await loadWaveResults(context.db, user.workspaceId, params.id, waveLabel);
    csv = formatResultsCsv(tables[key]);
    name = `${analysis.relationship.name} ${waveLabel} ${key}`;
  } else if (isTrendTable(key)) {
    const loaded = await loadResultsAnalysis(context.db, user.workspaceId, params.id);
    csv = formatResultsCsv(trendTablesOf(loaded)[key]);
    name = `${loaded.analysis.relationship.name} ${key}`;
  } else {
    const known = [...WAVE_TABLE_KEYS, ...TREND_TABLE_KEYS].join(', ');
    throw data(`There is no results table "${key}". Tables: ${known}.`, { status: 404 });
  }
  return csvDownload(name, csv);
}
