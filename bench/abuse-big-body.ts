import { connect } from 'node:net';

// The attacker of `npm run bench:abuse`, as a child process (forked by bench/abuse-load.ts) so its
// writing does not share the server's event loop: it sends bodies of `bytes` bytes to `path`,
// `parallel` at a time and each followed by the next until told to stop, each as fast as the socket takes it, from one reused 1 MiB
// buffer (nothing of the size is ever held). `length` declares the size (Content-Length);
// `chunked` does not (Transfer-Encoding: chunked), so the server can only count as it reads.

export type BigBodyJob = {
  port: number;
  path: string;
  bytes: number;
  mode: 'length' | 'chunked';
  /** Bodies in flight at once, each on its own connection. */
  parallel: number;
};

/** One body sent: the status line the server answered, when, and how much was written before it closed. */
export type BigBodyAttempt = { status: number; msToAnswer: number; mbWritten: number; msOpen: number };

const CHUNK = Buffer.alloc(1024 * 1024, 0x20);
const CHUNKED_FRAME = Buffer.concat([
  Buffer.from(`${CHUNK.length.toString(16)}\r\n`, 'latin1'),
  CHUNK,
  Buffer.from('\r\n', 'latin1'),
]);

let stopping = false;

process.on('message', (message: { start?: BigBodyJob; stop?: true; exit?: true }) => {
  if (message.start) {
    stopping = false;
    runUntilStopped(message.start).then(
      (attempts) => process.send?.({ attempts }),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.stack : String(error) }),
    );
  }
  if (message.stop) stopping = true;
  if (message.exit) process.disconnect?.();
});

async function runUntilStopped(job: BigBodyJob): Promise<BigBodyAttempt[]> {
  const attempts: BigBodyAttempt[] = [];
  const loop = async () => {
    while (!stopping) attempts.push(await sendOne(job));
  };
  await Promise.all(Array.from({ length: job.parallel }, loop));
  return attempts;
}

function sendOne(job: BigBodyJob): Promise<BigBodyAttempt> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host: '127.0.0.1', port: job.port });
    let written = 0;
    let answeredAt = Number.NaN;
    let head = '';
    const frame = job.mode === 'chunked' ? CHUNKED_FRAME : CHUNK;
    const pump = () => {
      while (Number.isNaN(answeredAt) && !socket.destroyed && written < job.bytes) {
        written += CHUNK.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (written >= job.bytes && !socket.destroyed && job.mode === 'chunked') socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      const length = job.mode === 'length' ? `Content-Length: ${job.bytes}` : 'Transfer-Encoding: chunked';
      socket.write(
        `POST ${job.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${length}\r\n\r\n`,
      );
      pump();
    });
    socket.on('data', (data) => {
      if (Number.isNaN(answeredAt)) answeredAt = performance.now();
      head += data.toString('latin1', 0, Math.min(data.length, 64));
    });
    socket.on('error', () => {}); // the server closes while we write: EPIPE or ECONNRESET
    socket.on('close', () =>
      resolve({
        status: Number(head.slice(9, 12)) || 0,
        msToAnswer: answeredAt - started,
        mbWritten: written / (1024 * 1024),
        msOpen: performance.now() - started,
      }),
    );
  });
}
