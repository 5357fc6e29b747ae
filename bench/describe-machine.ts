import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

// What a result was measured on, so numbers from different runs are compared knowingly.

export type Machine = {
  /** `date -u` as printed. */
  date: string;
  /** The UTC day, YYYY-MM-DD: with the CPU it keys a run's section in RESULTS.md. */
  day: string;
  cpuCount: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  pglite: string;
  commit: string;
};

export function describeMachine(): Machine {
  const now = new Date();
  return {
    date: run('date', ['-u']) ?? now.toUTCString(),
    day: now.toISOString().slice(0, 10),
    cpuCount: Number(run('nproc', []) ?? availableParallelism()),
    cpuModel: readCpuModel(),
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    pglite: readPackageVersion('@electric-sql/pglite'),
    commit: describeCommit(),
  };
}

function readCpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

function readPackageVersion(name: string): string {
  const path = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: string };
  return parsed.version ?? 'unknown';
}

function describeCommit(): string {
  const commit = run('git', ['rev-parse', '--short', 'HEAD']);
  if (!commit) return 'unknown';
  const status = run('git', ['status', '--porcelain', '--untracked-files=no']);
  return status ? `${commit} + uncommitted changes` : commit;
}

function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The heading of a benchmark's own section of RESULTS.md: what, then the key (UTC day, machine). */
export function sectionHeading(what: string, machine: Machine): string {
  return `## ${what}, ${machine.day} · ${machine.cpuModel} × ${machine.cpuCount}`;
}

/** The Date, Machine, Software and Code lines a RESULTS.md section starts with. */
export function machineLines(
  machine: Machine,
  software: string,
  code = `commit ${machine.commit}`,
): string[] {
  return [
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpuCount} CPUs (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGiB.toFixed(1)} GiB memory`,
    `- Software: ${software}`,
    `- Code: ${code}`,
  ];
}
