import type { Command } from 'commander';
import { closeWave } from '../services/close-wave.ts';
import { openWave } from '../services/open-wave.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addWaveCommand(program: Command, output: Output): void {
  const wave = program.command('wave').description('open and close the waves of a relationship');
  wave
    .command('open')
    .description('open a draft wave: participants can answer, and its anonymity threshold is fixed')
    .argument('<relationship>', 'relationship id, id prefix or name')
    .argument('<label>', 'the wave label, e.g. "Pulse 1"')
    .action(async (relationship: string, label: string) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const opened = await openWave(database.db, workspaceId, relationship, label);
        output.out(
          `Opened wave "${opened.label}" (${opened.opens} to ${opened.closes}, anonymity threshold ${opened.anonymityThreshold}).`,
        );
      });
    });
  wave
    .command('close')
    .description('close an open wave: no more answers are taken')
    .argument('<relationship>', 'relationship id, id prefix or name')
    .argument('<label>', 'the wave label')
    .action(async (relationship: string, label: string) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const closed = await closeWave(database.db, workspaceId, relationship, label);
        output.out(`Closed wave "${closed.label}".`);
      });
    });
}
