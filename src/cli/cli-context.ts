import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open-configured-database.ts';
import { readEnv } from '../env.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { askRunningServer, servingSocketOf } from './command-socket-client.ts';

export type CliContext = { database: Database; workspaceId: string };

/** A command line being run, so that a running server can be asked to run it instead. */
const commandLine = new AsyncLocalStorage<{ argv: readonly string[]; output: Output }>();
/** A command run inside the server that holds the embedded store (decision 048). */
const inServer = new AsyncLocalStorage<{ context: CliContext; cwd: string }>();

/** Runs a command line, remembering it for `withCliContext`. */
export function rememberCommandLine<T>(argv: readonly string[], output: Output, run: () => Promise<T>) {
  return commandLine.run({ argv, output }, run);
}

/** Runs a command line inside the server, on the server's store, with the asking process's folder. */
export function runInServer<T>(context: CliContext, cwd: string, run: () => Promise<T>): Promise<T> {
  return inServer.run({ context, cwd }, run);
}

/** Thrown when the running server ran the command: the command's exit code, its output already shown. */
export class RanInServer extends Error {
  constructor(readonly exitCode: number) {
    super(`the running server ran the command (exit code ${exitCode})`);
  }
}

/**
 * Opens the configured store for one command and always closes it, whatever the command does.
 * When `trustloop serve` holds the embedded store, the whole command line is run by that server
 * instead (PGlite allows one process per data folder).
 */
export async function withCliContext<T>(run: (context: CliContext) => Promise<T>): Promise<T> {
  const hosted = inServer.getStore();
  if (hosted) return run(hosted.context);
  const env = readEnv();
  const line = commandLine.getStore();
  if (!env.DATABASE_URL && line) {
    const socket = await servingSocketOf(env.TRUSTLOOP_DATA);
    if (socket) throw new RanInServer(await askRunningServer(socket, line.argv, line.output));
  }
  const database = await openConfiguredDatabase(env);
  try {
    const workspace = await ensureDefaultWorkspace(database.db);
    return await run({ database, workspaceId: workspace.id });
  } finally {
    await database.close();
  }
}

/** A file or folder named on the command line, from the folder the command was typed in. */
export function commandPath(path: string): string {
  return resolve(inServer.getStore()?.cwd ?? process.cwd(), path);
}

/** Everything meant for the user goes through here, so tests can capture it. */
export type Output = { out(line: string): void; err(line: string): void };

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
