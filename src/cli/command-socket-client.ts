import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../domain/app-error.ts';

// The command line's side of the command socket (decision 048): while `trustloop serve` holds the
// embedded store of a data folder, it listens on a Unix socket for command lines and runs them on
// its own store. The protocol is one JSON line each way in, JSON lines back:
//   → {"argv": [...], "cwd": "/where/it/was/typed"}
//   ← {"out": "a line"} | {"err": "a line"} | {"exit": 0}

type Output = { out(line: string): void; err(line: string): void };

/** Where the server of a data folder listens (a short path: Unix sockets allow about 100 bytes). */
export function commandSocketPath(dataFolder: string): string {
  const folder = resolve(dataFolder);
  const inFolder = join(folder, 'trustloop.sock');
  if (Buffer.byteLength(inFolder) <= 100) return inFolder;
  const digest = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  return join(tmpdir(), `trustloop-${digest}.sock`);
}

/** The socket of a server running on this data folder, or null when none answers. */
export async function servingSocketOf(dataFolder: string): Promise<string | null> {
  const path = commandSocketPath(dataFolder);
  if (!existsSync(path)) return null;
  return new Promise((done) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      done(path);
    });
    // A socket file left by a server that is gone (ECONNREFUSED) is no server.
    probe.once('error', () => done(null));
  });
}

/** Sends a command line to the running server, shows what it prints, and returns its exit code. */
export function askRunningServer(path: string, argv: readonly string[], output: Output): Promise<number> {
  return new Promise((done, fail) => {
    const socket = connect(path);
    let buffered = '';
    let exit: number | null = null;
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      socket.end(`${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
    });
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end = buffered.indexOf('\n');
      while (end >= 0) {
        const message = JSON.parse(buffered.slice(0, end)) as { out?: string; err?: string; exit?: number };
        buffered = buffered.slice(end + 1);
        if (typeof message.out === 'string') output.out(message.out);
        if (typeof message.err === 'string') output.err(message.err);
        if (typeof message.exit === 'number') exit = message.exit;
        end = buffered.indexOf('\n');
      }
    });
    socket.once('error', (error) =>
      fail(
        new AppError('conflict', `the running trustloop server did not take the command (${error.message})`),
      ),
    );
    socket.once('close', () => {
      if (exit === null) {
        fail(new AppError('conflict', 'the running trustloop server stopped before the command finished'));
      } else done(exit);
    });
  });
}
