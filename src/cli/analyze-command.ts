import type { Command } from 'commander';
import { formatAnalysisReport } from '../domain/format-analysis-report.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { getRelationshipSetup } from '../services/get-relationship-setup.ts';
import { listWorkstreams, workstreamsForJson } from '../services/list-workstreams.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addAnalyzeCommand(program: Command, output: Output): void {
  program
    .command('analyze')
    .description(
      'scores, agreement, reliability, indices, gaps, stages and change for every closed wave (an open wave is analysed once it closes)',
    )
    .argument('<relationship>', 'id, id prefix or name (see `trustloop list`)')
    .option('--json', 'print exactly one JSON document (full precision; suppressed values are null)')
    .action(async (reference: string, options: { json?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const analysis = await getRelationshipAnalysis(database.db, workspaceId, reference);
        if (options.json) {
          const view = await listWorkstreams(database.db, workspaceId, analysis.relationship.id, {
            analysis,
          });
          output.out(JSON.stringify({ ...analysis, workstreams: workstreamsForJson(view) }, null, 2));
          return;
        }
        output.out(formatAnalysisReport(analysis));
        const setup = await getRelationshipSetup(database.db, workspaceId, analysis.relationship.id);
        for (const wave of setup.waves.filter((w) => w.status !== 'closed')) {
          output.out(
            `\nWave "${wave.label}" is ${wave.status === 'open' ? 'still open' : 'not open yet'}: it is analysed once it closes (until then only its response count is shown, on the wave's page).`,
          );
        }
      });
    });
}
