import type { Command } from 'commander';
import { OVERALL } from '../domain/analyze-relationship.ts';
import { SIDES } from '../domain/model.ts';
import { charterOf } from '../services/charter.ts';
import { findRelationship } from '../services/find-relationship.ts';
import { listWorkstreams } from '../services/list-workstreams.ts';
import { type Output, withCliContext } from './cli-context.ts';

const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(2)}`;

/**
 * `trustloop workstreams <relationship> [--json]` and `trustloop charter <relationship> [--json]`:
 * what the workstreams and charter pages show.
 */
export function addWorkstreamsCommands(program: Command, output: Output): void {
  program
    .command('workstreams')
    .description(
      'print the workstreams with owners, actions, status and what moved, and the small big things',
    )
    .argument('<relationship>', 'relationship id, id prefix or name')
    .option('--json', 'print one JSON document')
    .action(async (relationship: string, options: { json?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const view = await listWorkstreams(database.db, workspaceId, relationship);
        if (options.json) {
          const { owners: _owners, ...rest } = view;
          output.out(JSON.stringify(rest, null, 2));
          return;
        }
        const sides = view.relationship.sides;
        const label = (key: string) =>
          key === OVERALL ? 'overall trust' : (view.dimensions.find((d) => d.key === key)?.label ?? key);
        output.out(
          `${view.relationship.name}: ${view.workstreams.length} workstream${view.workstreams.length === 1 ? '' : 's'}`,
        );
        for (const w of view.workstreams) {
          output.out('');
          output.out(
            `${w.key} ${w.title} (${w.type}, ${w.status}${w.rag ? `, ${w.rag}` : ''}; started ${w.started})`,
          );
          output.out(
            `  owners: ${SIDES.map((s) => `${sides[s].name}: ${w.owners[s]?.name ?? 'nobody'}`).join('; ')}`,
          );
          output.out(`  moves: ${w.targetDimensions.map(label).join(', ')}`);
          for (const row of w.impact) {
            const change =
              row.diff === null || row.ciLow === null || row.ciHigh === null
                ? 'hidden (too few responses)'
                : `${signed(row.diff)} (95% CI ${row.ciLow.toFixed(2)} to ${row.ciHigh.toFixed(2)})${row.beyondChance ? ' beyond chance' : ''}`;
            output.out(
              `  ${row.from} → ${row.wave}, ${sides[row.side].name} on ${label(row.dimension)}: ${change}`,
            );
          }
          output.out(
            `  incidents since the start: ${w.incidentBalance.builds} building, ${w.incidentBalance.dilutes} diluting`,
          );
          for (const a of w.actions) {
            output.out(
              `  - ${a.what} (${a.owner?.name ?? 'nobody'}, due ${a.dueOn}: ${a.status}${a.doneOn ? ` on ${a.doneOn}` : ''})`,
            );
          }
        }
        if (view.smallBigThings.length > 0) {
          const fixed = view.smallBigThings.filter((t) => t.fixedOn !== null).length;
          output.out('');
          output.out(`Small big things: ${fixed} of ${view.smallBigThings.length} fixed`);
          for (const t of view.smallBigThings)
            output.out(`  - ${t.text} (raised ${t.raisedOn}${t.fixedOn ? `, fixed ${t.fixedOn}` : ''})`);
        }
      });
    });

  program
    .command('charter')
    .description("print the charter's newest version and who signed which version")
    .argument('<relationship>', 'relationship id, id prefix or name')
    .option('--json', 'print one JSON document')
    .action(async (relationship: string, options: { json?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const found = await findRelationship(database.db, workspaceId, relationship);
        const charter = await charterOf(database.db, found.id);
        if (options.json) {
          output.out(JSON.stringify(charter, null, 2));
          return;
        }
        const [current] = charter.versions;
        if (!current) {
          output.out(`${found.name}: no charter yet.`);
          return;
        }
        output.out(
          `${found.name}: charter version ${current.version}${charter.isSigned ? ', signed by both sides' : ', waiting for sign-off'}`,
        );
        output.out('');
        output.out(current.vision);
        const section = (title: string, lines: readonly string[]) => {
          output.out('');
          output.out(`${title}:`);
          for (const line of lines) output.out(`  - ${line}`);
          if (lines.length === 0) output.out('  (none)');
        };
        section('Principles', current.principles);
        section('Behaviours', current.behaviours);
        section('Side A commits to', current.commitments.A);
        section('Side B commits to', current.commitments.B);
        section('How we meet', current.governance);
        output.out('');
        for (const version of charter.versions) {
          const who = version.signOffs
            .map((s) => `${s.side} by ${s.signedBy} on ${s.signedAt.slice(0, 10)}`)
            .join('; ');
          output.out(`Version ${version.version}: ${who || 'not signed'}`);
        }
      });
    });
}
