import type { Command } from 'commander';
import { listRelationships } from '../services/list-relationships.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addListCommand(program: Command, output: Output): void {
  program
    .command('list')
    .description('list the relationships')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const relationships = await listRelationships(database.db, workspaceId);
        if (options.json) {
          output.out(JSON.stringify({ relationships }, null, 2));
          return;
        }
        if (relationships.length === 0) {
          output.out('No relationships yet: run `trustloop demo` or `trustloop import <bundle-dir>`.');
          return;
        }
        for (const r of relationships) {
          output.out(
            `${r.id.slice(0, 8)}  ${r.name}  (${r.sides.A.name} / ${r.sides.B.name}; ${r.waves} wave${r.waves === 1 ? '' : 's'}${r.latestWave ? `, latest ${r.latestWave}` : ''})`,
          );
        }
      });
    });
}
