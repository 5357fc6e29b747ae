import type { Command } from 'commander';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { writeBundleFolder } from '../services/bundle-folder.ts';
import { exportBundle } from '../services/export-bundle.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addExportCommand(program: Command, output: Output): void {
  program
    .command('export')
    .description(
      'write a relationship as a bundle folder that imports back to the same analysis and workbench (coding, second codings, interviews, quotes, comment themes)',
    )
    .argument('<relationship>', 'id, id prefix or name (see `trustloop list`)')
    .argument('<dir>', 'folder to write; must not exist or be empty')
    .option('--force', 'replace the bundle files of a folder that is not empty')
    .action(async (reference: string, folder: string, options: { force?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const files = serializeBundle(await exportBundle(database.db, workspaceId, reference));
        writeBundleFolder(folder, files, { overwrite: options.force === true });
        output.out(`Wrote ${Object.keys(files).sort().join(', ')} to ${folder}`);
      });
    });
}
