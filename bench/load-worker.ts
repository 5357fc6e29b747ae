import { type ChildProcess, fork } from 'node:child_process';
import type { LoadJob, LoadResult } from './survey-load-worker.ts';

// The load generator of the survey benchmarks as a child process (bench/survey-load-worker.ts), so
// the clients' own work does not share the server's event loop: one job at a time over IPC.

export type LoadWorker = { run(job: LoadJob): Promise<LoadResult>; close(): Promise<void> };

export function startLoadWorker(): LoadWorker {
  // tsx puts its loader into execArgv, which fork() passes on.
  const child: ChildProcess = fork(new URL('./survey-load-worker.ts', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the load worker exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (message: { result?: LoadResult; error?: string }) => {
          child.off('exit', onExit);
          if (message.result) resolve(message.result);
          else reject(new Error(`load worker: ${message.error}`));
        });
        child.send({ job });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || !child.connected) return resolve();
        child.once('exit', () => resolve());
        child.send({ exit: true });
      }),
  };
}
