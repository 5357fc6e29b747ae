import type { Command } from 'commander';
import { getWorkspace, updateWorkspace } from '../services/workspace-settings.ts';
import { type Output, withCliContext } from './cli-context.ts';

/** `trustloop workspace` shows the workspace's name; `trustloop workspace rename <name>` renames it. */
export function addWorkspaceCommand(program: Command, output: Output): void {
  const workspace = program
    .command('workspace')
    .description('the workspace\'s name, which participants read as "Run by …" on the survey')
    .action(async () => {
      await withCliContext(async ({ database, workspaceId }) => {
        const { name, colour } = await getWorkspace(database.db, workspaceId);
        output.out(name);
        output.out(`Decks and reports in ${colour}`);
      });
    });
  workspace
    .command('rename <name>')
    .description('rename the workspace (what the survey says it is run by)')
    .action(async (name: string) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const renamed = await updateWorkspace(database.db, workspaceId, { name });
        output.out(`The workspace is now called ${renamed.name}.`);
      });
    });
  workspace
    .command('colour <hex>')
    .description("the colour of the workspace's decks and reports, as #rrggbb")
    .action(async (colour: string) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const changed = await updateWorkspace(database.db, workspaceId, { colour });
        output.out(`Decks and reports of ${changed.name} now use ${changed.colour}.`);
      });
    });
}
