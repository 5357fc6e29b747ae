import type { Db } from '../db/client.ts';
import type { RelationshipAnalysis } from '../domain/analyze-relationship.ts';
import { AppError } from '../domain/app-error.ts';
import { charterOf } from '../services/charter.ts';
import { todayIso } from '../services/find-wave.ts';
import { getResponseTracking } from '../services/get-response-tracking.ts';
import { loadReleases } from '../services/list-releases.ts';
import { loadWorkstreamStatus } from '../services/load-workstream-status.ts';
import { getWorkspace } from '../services/workspace-settings.ts';
import { loadAnalysis, type ResponseTracking, waveTablesOf } from './load-results-data.ts';
import { buildWaveReport, type WaveReport } from './wave-report.ts';

/**
 * Everything the deck and the report say about one closed wave, loaded once: the analysis and the
 * wave's tables, its latest joint release, the workstreams as sponsors follow them, the charter's
 * latest version and the workspace's name and colour.
 */
export async function loadWaveReport(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  options: { today?: string } = {},
): Promise<WaveReport> {
  const loaded = await loadAnalysis(db, workspaceId, relationshipRef);
  const { analysis } = loaded;
  const wave = analysis.waves.find((w) => w.label === waveLabel);
  const tracking = await getResponseTracking(db, workspaceId, analysis.relationship.id);
  if (!wave) throw noClosedWave(analysis, tracking, waveLabel);
  const today = options.today ?? todayIso();
  const [tables, releases, workstreams, charter, workspace] = await Promise.all([
    waveTablesOf(db, workspaceId, loaded, wave, tracking),
    loadReleases(db, analysis.relationship.id, { wave: wave.label }),
    loadWorkstreamStatus(db, analysis.relationship.id, today),
    charterOf(db, analysis.relationship.id),
    getWorkspace(db, workspaceId),
  ]);
  const release = releases.filter((r) => r.kind === 'joint').at(-1) ?? null;
  const latestCharter = charter.versions[0];
  return buildWaveReport({
    workspace: { name: workspace.name, colour: workspace.colour },
    analysis,
    incidents: loaded.incidents,
    wave: wave.label,
    tables,
    generatedOn: today,
    release,
    workstreams,
    charter: latestCharter ? { version: latestCharter, isSigned: charter.isSigned } : null,
  });
}

/** Why a file cannot be made for this label: the wave is still open (or a draft), or not there. */
export function noClosedWave(
  analysis: RelationshipAnalysis,
  tracking: ResponseTracking,
  waveLabel: string,
): AppError {
  const known = tracking.waves.find((w) => w.label === waveLabel);
  return new AppError(
    'not-found',
    known
      ? `wave "${waveLabel}" of ${analysis.relationship.name} is ${known.status}: a deck or report is made once the wave has closed`
      : `there is no wave "${waveLabel}" in ${analysis.relationship.name}${
          analysis.waves.length > 0 ? ` (closed waves: ${analysis.waves.map((w) => w.label).join(', ')})` : ''
        }`,
  );
}
