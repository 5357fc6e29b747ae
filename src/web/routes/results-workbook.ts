import { todayIso } from '../../services/find-wave.ts';
import { requireWebUser } from '../auth.server.ts';
import { csvFileName } from '../csv-download.server.ts';
import { loadAllResultsTables } from '../results/load-results.server.ts';
import type { Route } from './+types/results-workbook';

// The results workbook download (issue 11, item 3): every closed wave's tables and the trend
// tables of a relationship as one .xlsx, private to the facilitators like the CSV downloads.

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const { loaded, waves, trend } = await loadAllResultsTables(context.db, user.workspaceId, params.id);
  const name = loaded.analysis.relationship.name;
  // exceljs loads with the first workbook asked for, as for `trustloop report` (render-document.ts).
  const { buildResultsWorkbook } = await import('../results/results-workbook.ts');
  const body = await buildResultsWorkbook({
    relationship: name,
    generatedOn: todayIso(),
    waves,
    trend: waves.length > 0 ? trend : null,
  });
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${csvFileName(`${name} results`)}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  });
}
