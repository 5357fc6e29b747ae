// Before anything imports React (src/http/production-rendering.ts).
import '../http/production-rendering.ts';
import { Command, CommanderError } from 'commander';
import { APP_ERROR_CODES, isAppError } from '../domain/app-error.ts';
import { addAnalyzeCommand } from './analyze-command.ts';
import { type Output, processOutput, RanInServer, rememberCommandLine } from './cli-context.ts';
import { addDemoCommand } from './demo-command.ts';
import { addExportCommand } from './export-command.ts';
import { addFindingsCommand } from './findings-command.ts';
import { addImportCommand } from './import-command.ts';
import { addLinksCommand } from './links-command.ts';
import { addListCommand } from './list-command.ts';
import { addMailCommands } from './mail-commands.ts';
import { addParticipantsCommand } from './participants-command.ts';
import { addRelationshipCommand } from './relationship-command.ts';
import { addReportCommand } from './report-command.ts';
import { addServeCommand } from './serve-command.ts';
import { addWaveCommand } from './wave-command.ts';
import { addWorkspaceCommand } from './workspace-command.ts';
import { addWorkstreamsCommands } from './workstreams-command.ts';

export function createProgram(output: Output = processOutput): Command {
  const program = new Command('trustloop')
    .description('Trustloop: diagnose, share, act on and re-measure trust between two organisations')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.out(text.trimEnd()),
      writeErr: (text) => output.err(text.trimEnd()),
    });
  addImportCommand(program, output);
  addExportCommand(program, output);
  addListCommand(program, output);
  addAnalyzeCommand(program, output);
  addReportCommand(program, output);
  addMailCommands(program, output);
  addDemoCommand(program, output);
  addServeCommand(program, output, runCli);
  addLinksCommand(program, output);
  addParticipantsCommand(program, output);
  addRelationshipCommand(program, output);
  addWaveCommand(program, output);
  addFindingsCommand(program, output);
  addWorkstreamsCommands(program, output);
  addWorkspaceCommand(program, output);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs one command line and returns the exit code; the one place errors become messages. */
export async function runCli(argv: readonly string[], output: Output = processOutput): Promise<number> {
  try {
    await rememberCommandLine(argv, output, () =>
      createProgram(output).parseAsync([...argv], { from: 'user' }),
    );
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof RanInServer) return error.exitCode;
    if (isAppError(error)) {
      // Where to look is the command line's own advice; the pages and the API say only what is wrong.
      const hint = /^relationship ".*" not found$/.test(error.message) ? ' (see `trustloop list`)' : '';
      output.err(`trustloop: ${error.message}${hint}`);
      for (const detail of error.details) {
        const text = (detail as { text?: unknown }).text;
        output.err(`  ${typeof text === 'string' ? text : JSON.stringify(detail)}`);
      }
      return APP_ERROR_CODES[error.code].exit;
    }
    output.err(
      `trustloop: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli/main.ts')) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      // serve keeps the process alive through its listener; every other command ends here.
      if (code !== 0) process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`trustloop: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
