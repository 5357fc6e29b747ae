import type { Command } from 'commander';
import { createRelationship } from '../services/create-relationship.ts';
import { type Output, withCliContext } from './cli-context.ts';

/**
 * `trustloop relationship create <name> --side-a <organisation> --side-b <organisation>`: a
 * relationship from the command line alone (then `trustloop participants import`, `wave create`,
 * `wave open`, `links`). Prints the new relationship's id last, as `import` does.
 */
export function addRelationshipCommand(program: Command, output: Output): void {
  const relationship = program
    .command('relationship')
    .description('create a relationship between two organisations');
  relationship
    .command('create')
    .description('create a relationship: its name, the two organisations and the anonymity threshold')
    .argument('<name>', 'the relationship\'s name, e.g. "Northwind and Contoso"')
    .requiredOption('--side-a <organisation>', 'the organisation of side A')
    .requiredOption('--side-b <organisation>', 'the organisation of side B')
    .option('--role-a <role>', "side A's role, e.g. customer", '')
    .option('--role-b <role>', "side B's role, e.g. supplier", '')
    .option('--threshold <k>', 'anonymity threshold: the smallest group shown (3–10)')
    .action(
      async (
        name: string,
        options: { sideA: string; sideB: string; roleA: string; roleB: string; threshold?: string },
      ) => {
        await withCliContext(async ({ database, workspaceId }) => {
          const created = await createRelationship(database.db, workspaceId, {
            name,
            sides: {
              A: { name: options.sideA, role: options.roleA },
              B: { name: options.sideB, role: options.roleB },
            },
            ...(options.threshold === undefined ? {} : { anonymityThreshold: Number(options.threshold) }),
          });
          output.out(
            `Created "${created.name}" (${created.sides.A.name} / ${created.sides.B.name}, anonymity threshold ${created.anonymityThreshold}).`,
          );
          output.out(created.id);
        });
      },
    );
}
