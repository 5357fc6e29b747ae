// Group commit (decision 020): calls that arrive while the database is busy are gathered and sent
// as ONE statement — one round trip, one transaction, one WAL flush — instead of one each. A call
// that finds the database idle is sent at once (after the current turn of the event loop, so the
// calls that arrived in the same turn go with it), so a lone call waits for nothing. Each caller's
// promise settles only after the statement that carried it has returned, that is after its commit.
//
// If a batch fails as a whole, its calls are retried one by one in the order they arrived, in the
// batch's own slot, so one call's failure (or a deadlock) reaches that caller alone and the retries
// never take more connections than the batch had.
//
// A batch is one statement, so a row waiting for a lock holds up the whole batch. So that such a
// wait cannot hold up everyone else's submissions too, the limit on batches in flight is soft:
// when every batch in flight has run for `stalledAfterMs`, one more may go, up to `maxStalled`.

export type GroupCommitOptions<Input, Output> = {
  /** Runs a batch in one statement; returns one output per input, in the same order. */
  run: (inputs: Input[]) => Promise<Output[]>;
  /** The most calls in one batch. */
  maxBatch: number;
  /** The most batches running at once while they move; further calls wait and go in the next. */
  maxInFlight: number;
  /** The most batches running at once when all of them have run for `stalledAfterMs`. */
  maxStalled: number;
  /** How long a batch runs before it counts as stalled (waiting for a lock, say). */
  stalledAfterMs: number;
  /** The clock, in milliseconds (tests may pass their own). */
  now?: () => number;
};

export type GroupCommit<Input, Output> = {
  submit: (input: Input) => Promise<Output>;
};

type Pending<Input, Output> = {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
};

export function createGroupCommit<Input, Output>(
  options: GroupCommitOptions<Input, Output>,
): GroupCommit<Input, Output> {
  const { run, maxBatch, maxInFlight, maxStalled, stalledAfterMs, now = () => performance.now() } = options;
  if (!(maxBatch >= 1 && maxInFlight >= 1 && maxStalled >= maxInFlight && stalledAfterMs >= 0)) {
    throw new Error('group commit: maxBatch and maxInFlight must be ≥ 1, and maxStalled ≥ maxInFlight');
  }
  const queue: Pending<Input, Output>[] = [];
  // Start times of the batches in flight.
  const running = new Set<{ startedAt: number }>();
  let scheduled = false;
  let stallTimer: ReturnType<typeof setTimeout> | undefined;

  function settle(batch: Pending<Input, Output>[], outputs: Output[]): void {
    if (outputs.length !== batch.length) {
      const error = new Error(`group commit: ${outputs.length} results for ${batch.length} calls`);
      for (const call of batch) call.reject(error);
      return;
    }
    for (const [i, call] of batch.entries()) call.resolve(outputs[i] as Output);
  }

  async function send(batch: Pending<Input, Output>[]): Promise<void> {
    try {
      settle(batch, await run(batch.map((call) => call.input)));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
    }
    for (const call of batch) {
      try {
        settle([call], await run([call.input]));
      } catch (error) {
        call.reject(error);
      }
    }
  }

  // Whether another batch may go now; if not only because the ones in flight are young, when.
  function nextSlot(): { now: true } | { inMs: number } | null {
    if (running.size < maxInFlight) return { now: true };
    if (running.size >= maxStalled) return null;
    const at = now();
    let youngest = Number.NEGATIVE_INFINITY;
    for (const batch of running) youngest = Math.max(youngest, batch.startedAt);
    const stalledIn = youngest + stalledAfterMs - at;
    return stalledIn <= 0 ? { now: true } : { inMs: stalledIn };
  }

  function drain(): void {
    scheduled = false;
    while (queue.length > 0) {
      const slot = nextSlot();
      if (slot === null) return;
      if (!('now' in slot)) {
        if (stallTimer === undefined) {
          stallTimer = setTimeout(() => {
            stallTimer = undefined;
            drain();
          }, Math.ceil(slot.inMs));
        }
        return;
      }
      const batch = queue.splice(0, maxBatch);
      const entry = { startedAt: now() };
      running.add(entry);
      void send(batch).finally(() => {
        running.delete(entry);
        // What queued meanwhile has waited long enough: the next batch goes now.
        if (queue.length > 0 && !scheduled) drain();
      });
    }
  }

  return {
    submit(input) {
      return new Promise<Output>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // With every slot taken, the drain only sets the timer that lets a batch past stalled ones.
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}
