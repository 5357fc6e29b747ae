// Group commit (decision 020): calls that arrive while the database is busy are gathered and sent
// as ONE statement — one round trip, one transaction, one WAL flush — instead of one each. A call
// that finds the database idle is sent at once (after the current turn of the event loop, so the
// calls that arrived in the same turn go with it), so a lone call waits for nothing. Each caller's
// promise settles only after the statement that carried it has returned, that is after its commit.
//
// If a batch fails as a whole, each of its calls is retried on its own, so one call's failure (or a
// deadlock between two batches) is reported to that caller alone and never to its neighbours.

export type GroupCommitOptions<Input, Output> = {
  /** Runs a batch in one statement; returns one output per input, in the same order. */
  run: (inputs: Input[]) => Promise<Output[]>;
  /** The most calls in one batch. */
  maxBatch: number;
  /** The most batches running at once; further calls wait for one to finish and go in the next. */
  maxInFlight: number;
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
  const { run, maxBatch, maxInFlight } = options;
  if (!(maxBatch >= 1 && maxInFlight >= 1))
    throw new Error('group commit: maxBatch and maxInFlight must be ≥ 1');
  const queue: Pending<Input, Output>[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function runAlone(call: Pending<Input, Output>): Promise<void> {
    try {
      settle([call], await run([call.input]));
    } catch (error) {
      call.reject(error);
    }
  }

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
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else await Promise.all(batch.map(runAlone));
    }
  }

  function drain(): void {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight += 1;
      void send(batch).finally(() => {
        inFlight -= 1;
        // What queued meanwhile has waited long enough: the next batch goes now.
        if (queue.length > 0 && !scheduled) drain();
      });
    }
  }

  return {
    submit(input) {
      return new Promise<Output>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!scheduled && inFlight < maxInFlight) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}
