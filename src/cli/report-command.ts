import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DOCUMENT_FORMATS, parseDocumentFormat, renderDocument } from '../documents/render-document.ts';
import { AppError } from '../domain/app-error.ts';
import { commandPath, type Output, withCliContext } from './cli-context.ts';

const WHAT = { pptx: 'workshop deck', pdf: 'report', xlsx: 'results workbook' } as const;

/** `trustloop report <relationship> --wave <label> --format pptx|pdf|xlsx -o <file>` (issue 11, item 7). */
export function addReportCommand(program: Command, output: Output): void {
  program
    .command('report')
    .description(
      "write a closed wave's workshop deck (pptx) or report (pdf), or the relationship's results workbook (xlsx): only released findings and only what the anonymity rules show",
    )
    .argument('<relationship>', 'id, id prefix or name (see `trustloop list`)')
    .requiredOption('--wave <label>', 'the closed wave the file is about')
    .option('--format <format>', DOCUMENT_FORMATS.join(', '), 'pdf')
    .option('-o, --output <file>', 'the file to write (default: a name made from the relationship and wave)')
    .option('--force', 'replace the file if it exists')
    .action(
      async (
        reference: string,
        options: { wave: string; format: string; output?: string; force?: boolean },
      ) => {
        const format = parseDocumentFormat(options.format);
        await withCliContext(async ({ database, workspaceId }) => {
          const document = await renderDocument(database.db, workspaceId, reference, options.wave, format);
          const target = options.output ?? document.fileName;
          const path = commandPath(target);
          if (existsSync(path) && options.force !== true) {
            throw new AppError(
              'conflict',
              `${target} exists: choose another file with -o, or replace it with --force`,
            );
          }
          writeFileSync(path, document.body);
          output.out(
            `Wrote the ${WHAT[format]} to ${target} (${Math.ceil(document.body.length / 1024)} KiB).`,
          );
          for (const notice of document.notices) output.out(notice);
        });
      },
    );
}
