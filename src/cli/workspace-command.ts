import type { Command } from 'commander';
import { getWorkspace, renameWorkspace } from '../services/rename-workspace.ts';
import { type Output, withCliContext } from './cli-context.ts';

/** `trustloop workspace` shows the workspace's name; `trustloop workspace rename <name>` renames it. */
export function addWorkspaceCommand(program: Command, output: Output): void {
  const workspace = program
    .command('workspace')
    .description('the workspace\'s name, which participants read as "Run by …" on the survey')
    .action(async () => {
      await withCliContext(async ({ database, workspaceId }) => {
        output.out((await getWorkspace(database.db, workspaceId)).name);
      });
    });
  workspace
    .command('rename <name>')
    .description('rename the workspace (what the survey says it is run by)')
    .action(async (name: string) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const renamed = await renameWorkspace(database.db, workspaceId, { name });
        output.out(`The workspace is now called ${renamed.name}.`);
      });
    });
}
