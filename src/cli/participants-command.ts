import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../domain/app-error.ts';
import { formatParticipantCsvProblem } from '../domain/participants-csv.ts';
import { IMPORT_BATCH, importParticipantsCsv } from '../services/import-participants-csv.ts';
import { previewParticipantsCsv } from '../services/preview-participants-csv.ts';
import { commandPath, type Output, withCliContext } from './cli-context.ts';

export function addParticipantsCommand(program: Command, output: Output): void {
  const participants = program
    .command('participants')
    .description('manage the participants of a relationship');
  participants
    .command('import')
    .description('add participants from a CSV file (columns name, email, side, level and optionally role)')
    .argument('<relationship>', 'relationship id, id prefix (as `trustloop list` prints it) or name')
    .argument('<file.csv>', 'CSV with a header row; columns in any order, header names in any case')
    .addHelpText(
      'after',
      '\nA file with any problem adds nobody: every problem is listed as file:line:column: message, exit code 2.',
    )
    .action(async (relationship: string, file: string) => {
      const csv = readText(file);
      await withCliContext(async ({ database, workspaceId }) => {
        const preview = await previewParticipantsCsv(database.db, workspaceId, relationship, csv);
        if (preview.problems.length > 0) {
          const count = preview.problems.length;
          throw new AppError(
            'invalid-input',
            `${file} has ${count} problem${count === 1 ? '' : 's'}; no participant was added`,
            preview.problems.map((p) => ({ ...p, text: formatParticipantCsvProblem(p, file) })),
          );
        }
        const imported = await importParticipantsCsv(database.db, workspaceId, relationship, csv, {
          // A progress line on stderr for long lists, so stdout keeps only the result.
          onProgress: (done, total) => {
            if (total > IMPORT_BATCH)
              output.err(`imported ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`);
          },
        });
        output.out(
          `Added ${imported.imported} participant${imported.imported === 1 ? '' : 's'}; the relationship now has ${imported.participantCount}.`,
        );
      });
    });
}

function readText(file: string): string {
  try {
    return readFileSync(commandPath(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid-input',
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code})`,
    );
  }
}
