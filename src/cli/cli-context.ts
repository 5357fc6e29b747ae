import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open-configured-database.ts';
import { readEnv } from '../env.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';

export type CliContext = { database: Database; workspaceId: string };

/** Opens the configured store for one command and always closes it, whatever the command does. */
export async function withCliContext<T>(run: (context: CliContext) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(readEnv());
  try {
    const workspace = await ensureDefaultWorkspace(database.db);
    return await run({ database, workspaceId: workspace.id });
  } finally {
    await database.close();
  }
}

/** Everything meant for the user goes through here, so tests can capture it. */
export type Output = { out(line: string): void; err(line: string): void };

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
