import type { Command } from 'commander';
import { formatAnalysisReport } from '../domain/format-analysis-report.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addAnalyzeCommand(program: Command, output: Output): void {
  program
    .command('analyze')
    .description('scores, agreement, reliability, indices, gaps, stages and change for every wave')
    .argument('<relationship>', 'id, id prefix or name (see `trustloop list`)')
    .option('--json', 'print exactly one JSON document (full precision; suppressed values are null)')
    .action(async (reference: string, options: { json?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const analysis = await getRelationshipAnalysis(database.db, workspaceId, reference);
        output.out(options.json ? JSON.stringify(analysis, null, 2) : formatAnalysisReport(analysis));
      });
    });
}
