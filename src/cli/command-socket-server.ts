import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { type CliContext, type Output, runInServer } from './cli-context.ts';
import { commandSocketPath } from './command-socket-client.ts';

// The server's side of the command socket (decision 048): `trustloop serve` on the embedded store
// runs the command lines other `trustloop` processes send it, on its own open store, so that the
// command line works while the server runs. Only the folder's owner can connect (the socket is
// 0600 in the data folder), as only they can open the data folder itself.

const MAX_REQUEST = 256 * 1024;

const CommandRequest = z.object({
  argv: z.array(z.string().max(10_000)).max(200),
  cwd: z.string().refine(isAbsolute, 'an absolute folder'),
});

export type CommandSocket = { path: string; close(): Promise<void> };

export async function listenForCommands(options: {
  dataFolder: string;
  context: CliContext;
  runCommandLine: (argv: readonly string[], output: Output) => Promise<number>;
  logLevel: string;
}): Promise<CommandSocket> {
  const log = pino({ level: options.logLevel });
  const path = commandSocketPath(options.dataFolder);
  // This process holds the data folder's lock: a socket file left there is a crashed server's.
  rmSync(path, { force: true });
  const open = new Set<Socket>();

  const server = createServer((socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.setEncoding('utf8');
    let buffered = '';
    let started = false;
    const send = (message: object) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      if (started) return;
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0 && buffered.length <= MAX_REQUEST) return;
      started = true;
      const parsed = end < 0 ? null : CommandRequest.safeParse(safeJson(buffered.slice(0, end)));
      if (!parsed?.success) {
        send({ err: 'trustloop: the server could not read the command line it was sent' });
        send({ exit: 2 });
        socket.end();
        return;
      }
      const { argv, cwd } = parsed.data;
      const command = /^[a-z][a-z-]{0,30}$/.test(argv[0] ?? '') ? argv[0] : 'other';
      if (command === 'serve') {
        send({ err: `trustloop: a server is already running on ${options.dataFolder}` });
        send({ exit: 3 });
        socket.end();
        return;
      }
      const startedAt = Date.now();
      const output: Output = { out: (line) => send({ out: line }), err: (line) => send({ err: line }) };
      runInServer(options.context, cwd, () => options.runCommandLine(argv, output))
        .catch((error: unknown) => {
          output.err(
            `trustloop: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
          );
          return 1;
        })
        .then((exit) => {
          // The command's name and exit code only: its arguments may name people.
          log.info({ command, exit, ms: Date.now() - startedAt }, 'command line run by the server');
          send({ exit });
          socket.end();
        });
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      done();
    });
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise((done) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          rmSync(path, { force: true });
          done();
        });
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
