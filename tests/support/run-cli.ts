import { runCli } from '../../src/cli/main.ts';

export type CliRun = { code: number; out: string[]; err: string[] };

/** Runs one `trustloop` command line in-process and collects its stdout and stderr lines. */
export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(...line.split('\n')),
    err: (line) => err.push(...line.split('\n')),
  });
  return { code, out, err };
}
