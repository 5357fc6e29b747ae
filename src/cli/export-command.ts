import type { Command } from 'commander';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { writeBundleFolder } from '../services/bundle-folder.ts';
import { exportBundle } from '../services/export-bundle.ts';
import { getRelationshipSetup } from '../services/get-relationship-setup.ts';
import { commandPath, type Output, withCliContext } from './cli-context.ts';

export function addExportCommand(program: Command, output: Output): void {
  program
    .command('export')
    .description(
      'write a relationship as a bundle folder that imports back to the same analysis and workbench (coding, second codings, interviews, quotes, comment themes); de-identified unless --identified',
    )
    .argument('<relationship>', 'id, id prefix or name (see `trustloop list`)')
    .argument('<dir>', 'folder to write; must not exist or be empty')
    .option('--force', 'replace the bundle files of a folder that is not empty')
    .option(
      '--identified',
      "the full backup: participants' names and emails with their answers, the original words of redacted comments and hidden comments",
    )
    .action(async (reference: string, folder: string, options: { force?: boolean; identified?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const identified = options.identified === true;
        const bundle = await exportBundle(database.db, workspaceId, reference, { identified });
        const files = serializeBundle(bundle);
        writeBundleFolder(commandPath(folder), files, { overwrite: options.force === true });
        output.out(`Wrote ${Object.keys(files).sort().join(', ')} to ${folder}`);
        const setup = await getRelationshipSetup(database.db, workspaceId, reference);
        for (const wave of setup.waves.filter((w) => w.status !== 'closed')) {
          output.out(
            `Left out wave "${wave.label}" (${wave.status}): a wave's answers are exported once it has closed.`,
          );
        }
        output.out(
          identified
            ? 'This is the identified backup: it links names and emails to answers and holds the original words of redacted and hidden comments. Keep it as you keep the database.'
            : 'De-identified: no names or emails (respondents are fresh pseudonyms), comments as redacted, hidden comments left out. --identified writes the full backup.',
        );
      });
    });
}
