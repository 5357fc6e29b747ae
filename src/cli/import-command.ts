import type { Command } from 'commander';
import { importBundle } from '../services/import-bundle.ts';
import { readValidBundle } from '../services/import-bundle-folder.ts';
import { commandPath, type Output, withCliContext } from './cli-context.ts';

export function addImportCommand(program: Command, output: Output): void {
  program
    .command('import')
    .description('import a relationship bundle folder; prints the new relationship id on the last line')
    .argument(
      '<bundle-dir>',
      'folder with relationship.json, responses.csv and the optional files (docs/formats.md)',
    )
    .addHelpText(
      'after',
      '\nA bad bundle is refused whole: every problem is listed as file:line:column, exit code 2.',
    )
    .action(async (folder: string) => {
      // Validate first: a bad bundle is refused before the database is even opened.
      const bundle = readValidBundle(commandPath(folder));
      await withCliContext(async ({ database, workspaceId }) => {
        const imported = await importBundle(database.db, workspaceId, bundle);
        const c = imported.counts;
        output.out(
          `Imported ${c.participants} participants, ${c.waves} waves, ${c.responses} responses, ${c.incidents} incidents (${c.secondCodings} coded twice), ${c.interviews} interviews, ${c.quotes} quotes, ${c.themeTags} theme tags on comments.`,
        );
        output.out(imported.relationshipId);
      });
    });
}
