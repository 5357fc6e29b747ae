import type { Command } from 'commander';
import { loadDemo } from '../demo/load-demo.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addDemoCommand(program: Command, output: Output): void {
  program
    .command('demo')
    .description(
      'load the demo relationship: a utilities company and its outsourced IT provider over two years',
    )
    .option('--again', 'load another copy even if the demo is already there')
    .action(async (options: { again?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const demo = await loadDemo(database.db, workspaceId, { again: options.again === true });
        output.out(demo.isNew ? 'Loaded the demo relationship.' : 'The demo relationship is already loaded.');
        output.out(demo.relationshipId);
      });
    });
}
