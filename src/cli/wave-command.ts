import type { Command } from 'commander';
import { closeWave } from '../services/close-wave.ts';
import { createWave } from '../services/create-wave.ts';
import { openWave } from '../services/open-wave.ts';
import { parseReminderDays, setReminderDays } from '../services/survey-mail.ts';
import { type Output, withCliContext } from './cli-context.ts';

export function addWaveCommand(program: Command, output: Output): void {
  const wave = program.command('wave').description('create, open and close the waves of a relationship');
  wave
    .command('create')
    .description('create a draft wave of the built-in instrument: a label and its open and close dates')
    .argument('<relationship>', 'relationship id, id prefix or name')
    .argument('<label>', 'the wave label, e.g. "Baseline"')
    .requiredOption('--opens <date>', 'the first day answers are taken, YYYY-MM-DD')
    .requiredOption('--closes <date>', 'the last day answers are taken, YYYY-MM-DD')
    .action(async (relationship: string, label: string, options: { opens: string; closes: string }) => {
      await withCliContext(async ({ database, workspaceId }) => {
        const created = await createWave(database.db, workspaceId, relationship, {
          label,
          opens: options.opens,
          closes: options.closes,
        });
        output.out(
          `Created wave "${created.label}" (${created.opens} to ${created.closes}), a draft: open it with \`trustloop wave open\`.`,
        );
      });
    });
  wave
    .command('open')
    .description('open a draft wave: participants can answer, and its anonymity threshold is fixed')
    .argument('<relationship>', 'relationship id, id prefix or name')
    .argument('<label>', 'the wave label, e.g. "Pulse 1"')
    .option(
      '--remind-after <days>',
      'remind those who have not submitted this many days after opening, e.g. 3,7 (also the most reminders anyone gets)',
    )
    .action(async (relationship: string, label: string, options: { remindAfter?: string }) => {
      const days = options.remindAfter === undefined ? undefined : parseReminderDays(options.remindAfter);
      await withCliContext(async ({ database, workspaceId }) => {
        const opened = await openWave(database.db, workspaceId, relationship, label);
        output.out(
          `Opened wave "${opened.label}" (${opened.opens} to ${opened.closes}, anonymity threshold ${opened.anonymityThreshold}).`,
        );
        if (days !== undefined) {
          const set = await setReminderDays(database.db, workspaceId, relationship, label, days);
          output.out(
            set.length === 0
              ? 'No reminders.'
              : `Reminders go ${set.join(' and ')} days after opening to those who have not submitted (at most ${set.length} each).`,
          );
        }
      });
    });
  wave
    .command('reminders')
    .description(
      'set the days after opening on which those who have not submitted are reminded ("" for none)',
    )
    .argument('<relationship>', 'relationship id, id prefix or name')
    .argument('<label>', 'the wave label')
    .argument('<days>', 'e.g. 3,7')
    .action(async (relationship: string, label: string, text: string) => {
      const days = parseReminderDays(text);
      await withCliContext(async ({ database, workspaceId }) => {
        const set = await setReminderDays(database.db, workspaceId, relationship, label, days);
        output.out(
          set.length === 0
            ? `Wave "${label}" sends no reminders.`
            : `Wave "${label}" reminds those who have not submitted ${set.join(' and ')} days after opening.`,
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
