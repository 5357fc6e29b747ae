import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import pg from 'pg';

// The load generator of `npm run bench:survey`, run as a child process (forked by
// bench/survey-submissions.ts) so that the clients' own work — HTTP, JSON, timing — does not share
// the server's event loop. The parent sends one job at a time over IPC and gets the latencies back.
// Both kinds of job run the same closed loop: C virtual clients, each starting its next operation
// as soon as its last one finished, until `count` operations are done.

export type LoadJob =
  | {
      kind: 'submissions';
      /** The app's origin on loopback, e.g. http://127.0.0.1:40123. */
      origin: string;
      /** One link token per submission, each used once. */
      tokens: string[];
      concurrency: number;
      /** The 26 answers of the built-in instrument, sent with the submission. */
      answers: Record<string, number>;
      /** Give up after this many milliseconds (the run is bounded in time as well as count). */
      timeLimitMs: number;
      /**
       * `raw`: one keep-alive socket per virtual client, the request written as bytes and the reply
       * parsed just enough to check its status and read all of it — the HTTP counterpart of what
       * `pg` does for the baseline. `node-http`: Node's http.request with a keep-alive Agent.
       */
      client: 'raw' | 'node-http';
    }
  | {
      kind: 'inserts';
      databaseUrl: string;
      count: number;
      concurrency: number;
      answers: Record<string, number>;
      timeLimitMs: number;
    };

export type LoadResult = {
  /** Milliseconds from the first operation started to the last finished. */
  elapsedMs: number;
  /** One per operation: the whole operation's latency in milliseconds. */
  latencies: number[];
  /** Per step of an operation (submissions: the submit request), in milliseconds. */
  steps: Record<string, number[]>;
  /** CPU time (user + system) this load process spent on the job, in milliseconds. */
  cpuMs: number;
};

type Message = { job: LoadJob } | { exit: true };

const baselineClients: pg.Client[] = [];

process.on('message', (message: Message) => {
  if ('exit' in message) {
    Promise.all(baselineClients.map((client) => client.end())).finally(() => process.disconnect?.());
    return;
  }
  runJob(message.job).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.stack : String(error) }),
  );
});

async function runJob(job: LoadJob): Promise<LoadResult> {
  const cpu = process.cpuUsage();
  const result = await (job.kind === 'submissions' ? runSubmissions(job) : runInserts(job));
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

async function runSubmissions(
  job: Extract<LoadJob, { kind: 'submissions' }>,
): Promise<Omit<LoadResult, 'cpuMs'>> {
  const body = JSON.stringify({ answers: job.answers });
  const steps: LoadResult['steps'] = { submit: [] };
  const clients = Math.min(job.concurrency, job.tokens.length);
  // Connections are opened before the clock starts, as the baseline's are.
  const transport =
    job.client === 'raw' ? await RawTransport.open(job.origin, clients) : new NodeHttpTransport(clients);
  try {
    return await runClosedLoop(job.tokens.length, job.concurrency, job.timeLimitMs, async (index) => {
      const token = job.tokens[index]!;
      const started = performance.now();
      // One submission: the whole response (26 answers) posted to submit, as an integration or
      // the survey's last page sends it (answers given earlier are saved as they are given).
      await transport.post(job.origin, `/api/survey/${token}/submit`, body);
      steps.submit!.push(performance.now() - started);
    }).then((timing) => ({ ...timing, steps }));
  } finally {
    transport.close();
  }
}

async function runInserts(job: Extract<LoadJob, { kind: 'inserts' }>): Promise<Omit<LoadResult, 'cpuMs'>> {
  // One connection per virtual client, opened before the clock starts and kept for later jobs (so
  // the server processes behind them live on and their CPU time can be read between jobs).
  while (baselineClients.length < job.concurrency) {
    const client = new pg.Client({ connectionString: job.databaseUrl });
    await client.connect();
    baselineClients.push(client);
  }
  const free = baselineClients.slice(0, job.concurrency);
  const answers = JSON.stringify(job.answers);
  const timing = await runClosedLoop(job.count, job.concurrency, job.timeLimitMs, async () => {
    const client = free.pop();
    if (!client) throw new Error('more operations in flight than clients');
    try {
      await client.query('begin');
      await client.query(
        `insert into bench_survey_inserts (wave_id, participant_id, side, level, answers, started_at, submitted_at)
           values (gen_random_uuid(), gen_random_uuid(), 'A', 'staff', $1::jsonb, now(), now())`,
        [answers],
      );
      await client.query('commit');
    } finally {
      free.push(client);
    }
  });
  return { ...timing, steps: {} };
}

async function runClosedLoop(
  count: number,
  concurrency: number,
  timeLimitMs: number,
  operation: (index: number) => Promise<void>,
): Promise<{ elapsedMs: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + timeLimitMs;
  const client = async () => {
    while (next < count) {
      if (performance.now() > deadline) throw new Error(`time limit of ${timeLimitMs} ms reached`);
      const index = next++;
      const begin = performance.now();
      await operation(index);
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
  return { elapsedMs: performance.now() - started, latencies };
}

type Transport = { post(origin: string, path: string, body: string): Promise<void>; close(): void };

// What a browser or fetch() sends: replies may come compressed, so the server's choice shows.
const ACCEPT_ENCODING = 'gzip, deflate';

class NodeHttpTransport implements Transport {
  readonly #agent: Agent;
  constructor(sockets: number) {
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }
  post(origin: string, path: string, body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${origin}${path}`,
        {
          method: 'POST',
          agent: this.#agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'accept-encoding': ACCEPT_ENCODING,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode === 200) resolve();
            else
              reject(
                failure(path, res.statusCode ?? 0, res.headers['content-encoding'], Buffer.concat(chunks)),
              );
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  close(): void {
    this.#agent.destroy();
  }
}

/** Keep-alive HTTP/1.1 over plain sockets: one request in flight per socket, sockets taken in turn. */
class RawTransport implements Transport {
  readonly #free: RawConnection[];
  readonly #all: RawConnection[];
  readonly #host: string;
  private constructor(connections: RawConnection[], host: string) {
    this.#all = connections;
    this.#free = [...connections];
    this.#host = host;
  }
  static async open(origin: string, count: number): Promise<RawTransport> {
    const { hostname, port, host } = new URL(origin);
    const connections = await Promise.all(
      Array.from({ length: count }, () => RawConnection.open(hostname, Number(port))),
    );
    return new RawTransport(connections, host);
  }
  async post(_origin: string, path: string, body: string): Promise<void> {
    const connection = this.#free.pop();
    if (!connection) throw new Error('more requests in flight than connections');
    try {
      const head =
        `POST ${path} HTTP/1.1\r\nHost: ${this.#host}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nAccept-Encoding: ${ACCEPT_ENCODING}\r\n\r\n`;
      const reply = await connection.exchange(head + body);
      if (reply.status !== 200) throw failure(path, reply.status, reply.encoding, reply.body);
    } finally {
      this.#free.push(connection);
    }
  }
  close(): void {
    for (const connection of this.#all) connection.close();
  }
}

type RawReply = { status: number; encoding: string | undefined; body: Buffer };

class RawConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve(reply: RawReply): void; reject(error: Error): void } | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#deliver();
    });
    const fail = (error: Error) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  static open(host: string, port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  exchange(request: string): Promise<RawReply> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(request);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  /** Hands over a reply once all of it arrived: its length is known, or it is chunked. */
  #deliver(): void {
    if (!this.#waiting) return;
    const buffer = this.#buffer;
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const head = buffer.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const encoding = /\r\ncontent-encoding: *([^\r]+)/i.exec(head)?.[1];
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    let body: Buffer;
    let end: number;
    if (length !== undefined) {
      end = headEnd + 4 + Number(length);
      if (buffer.length < end) return;
      body = buffer.subarray(headEnd + 4, end);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const chunks: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = buffer.indexOf('\r\n', at);
        if (lineEnd === -1) return;
        const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
        if (buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          end = lineEnd + 4;
          break;
        }
        chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(chunks);
    } else {
      this.#waiting.reject(new Error(`a reply without a length: ${head}`));
      return;
    }
    this.#buffer = buffer.subarray(end);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting.resolve({ status, encoding, body });
  }
}

function failure(path: string, status: number, encoding: string | undefined, body: Buffer): Error {
  const text = encoding === 'gzip' ? gunzipSync(body) : encoding === 'deflate' ? inflateSync(body) : body;
  return new Error(
    `POST ${path.replace(/survey\/[^/]+/, 'survey/…')}: ${status} ${text.toString('utf8').slice(0, 300)}`,
  );
}
