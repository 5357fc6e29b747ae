import { Agent, request } from 'node:http';
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
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const body = JSON.stringify({ answers: job.answers });
  const steps: LoadResult['steps'] = { submit: [] };
  try {
    return await runClosedLoop(job.tokens.length, job.concurrency, job.timeLimitMs, async (index) => {
      const token = job.tokens[index]!;
      const base = `${job.origin}/api/survey/${token}`;
      let mark = performance.now();
      const lap = (step: string) => {
        const now = performance.now();
        steps[step]!.push(now - mark);
        mark = now;
      };
      // One submission: the whole response (26 answers) posted to submit, as an integration or
      // the survey's last page sends it (answers given earlier are saved as they are given).
      await send(agent, 'POST', `${base}/submit`, body);
      lap('submit');
    }).then((timing) => ({ ...timing, steps }));
  } finally {
    agent.destroy();
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

function send(agent: Agent, method: string, url: string, body?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : { 'content-length': 0 },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === 200) resolve();
          else
            reject(
              new Error(
                `${method} ${url.replace(/survey\/[^/]+/, 'survey/…')}: ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
              ),
            );
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
