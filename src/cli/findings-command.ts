import type { Command } from 'commander';
import {
  concernsText,
  describeEvidence,
  FINDING_KIND_LABELS,
  RELEASE_KIND_LABELS,
} from '../domain/describe-evidence.ts';
import { listFindings } from '../services/list-findings.ts';
import { type Output, withCliContext } from './cli-context.ts';

/**
 * `trustloop findings <relationship> [--wave <label>] [--json]`: what the findings page shows —
 * a closed wave's findings with their evidence, the suggestions not yet accepted, the releases.
 */
export function addFindingsCommand(program: Command, output: Output): void {
  program
    .command('findings')
    .description("print a closed wave's findings with their evidence, the open suggestions and the releases")
    .argument('<relationship>', 'relationship id, id prefix or name')
    .option('--wave <label>', 'the wave (default: the latest closed wave)')
    .option('--json', 'print one JSON document')
    .action(async (relationship: string, options: { wave?: string; json?: boolean }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const view = await listFindings(database.db, workspaceId, relationship, {
          wave: options.wave ?? null,
        });
        if (options.json) {
          const { options: _picker, ...rest } = view;
          output.out(JSON.stringify(rest, null, 2));
          return;
        }
        const sides = view.relationship.sides;
        if (!view.wave) {
          output.out(`${view.relationship.name}: no wave has closed yet, so there are no findings.`);
          return;
        }
        const status = view.waves.find((w) => w.label === view.wave)?.status;
        if (status !== 'closed') {
          output.out(
            `${view.relationship.name}, ${view.wave}: the wave is ${status}; findings come once it closes.`,
          );
          return;
        }
        output.out(
          `${view.relationship.name}, ${view.wave}: ${view.findings.length} finding${view.findings.length === 1 ? '' : 's'}`,
        );
        for (const finding of view.findings) {
          output.out('');
          output.out(
            `${finding.ref} (version ${finding.version}) ${FINDING_KIND_LABELS[finding.kind]}, about ${concernsText(finding.concerns, sides)}`,
          );
          output.out(`  ${finding.title}`);
          if (finding.body) output.out(`  ${finding.body}`);
          for (const piece of finding.evidence)
            output.out(`  - ${piece.label}: ${describeEvidence(piece.snapshot)}`);
        }
        const open = view.suggestions.filter((s) => s.acceptedAs === null);
        if (open.length > 0) {
          output.out('');
          output.out('Suggested, not accepted yet:');
          for (const s of open) output.out(`  - ${s.title}. ${s.because}`);
        }
        output.out('');
        if (view.releases.length === 0) output.out('Nothing released from this wave yet.');
        for (const release of view.releases) {
          output.out(
            `${RELEASE_KIND_LABELS[release.kind]}${release.side ? ` to ${sides[release.side].name}` : ' to both sides'} by ${release.releasedBy} on ${release.releasedAt.slice(0, 10)}: ${release.findingRefs.join(', ')}`,
          );
        }
      });
    });
}
