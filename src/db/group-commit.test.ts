import fc from 'fast-check';
import { expect, test, vi } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

// A batch runner the test controls: each batch waits until the test lets it finish.
function controlledRunner<Output>(compute: (input: number) => Output) {
  const batches: { inputs: number[]; finish: () => void; fail: (error: unknown) => void }[] = [];
  let running = 0;
  let mostRunning = 0;
  const run = (inputs: number[]) =>
    new Promise<Output[]>((resolve, reject) => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      const done = () => {
        running -= 1;
      };
      batches.push({
        inputs,
        finish: () => {
          done();
          resolve(inputs.map(compute));
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
    });
  return { run, batches, mostRunning: () => mostRunning };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a lone call is sent alone, and its promise settles only when its batch has returned', async () => {
  const runner = controlledRunner((n) => n * 2);
  const group = createGroupCommit({
    run: runner.run,
    maxBatch: 8,
    maxInFlight: 2,
    maxStalled: 2,
    stalledAfterMs: 0,
  });
  let settled = false;
  const result = group.submit(21).then((value) => {
    settled = true;
    return value;
  });
  await turn();
  expect(runner.batches.map((b) => b.inputs)).toEqual([[21]]);
  await turn();
  expect(settled).toBe(false);
  runner.batches[0]!.finish();
  await expect(result).resolves.toBe(42);
});

test('calls of one turn go together; calls arriving while every slot is busy wait and go in the next batch', async () => {
  const runner = controlledRunner((n) => n + 100);
  const group = createGroupCommit({
    run: runner.run,
    maxBatch: 3,
    maxInFlight: 1,
    maxStalled: 1,
    stalledAfterMs: 0,
  });
  const first = [1, 2].map((n) => group.submit(n));
  await turn();
  expect(runner.batches.map((b) => b.inputs)).toEqual([[1, 2]]);
  const waiting = [3, 4, 5, 6, 7].map((n) => group.submit(n));
  await turn();
  expect(runner.batches).toHaveLength(1); // the one slot is busy
  runner.batches[0]!.finish();
  await expect(Promise.all(first)).resolves.toEqual([101, 102]);
  expect(runner.batches.map((b) => b.inputs)).toEqual([
    [1, 2],
    [3, 4, 5],
  ]); // at most maxBatch
  runner.batches[1]!.finish();
  await turn();
  expect(runner.batches.map((b) => b.inputs)).toEqual([
    [1, 2],
    [3, 4, 5],
    [6, 7],
  ]);
  runner.batches[2]!.finish();
  await expect(Promise.all(waiting)).resolves.toEqual([103, 104, 105, 106, 107]);
});

test('a failed batch is retried call by call, so only the failing call sees its error', async () => {
  const failing = new Error('value out of range for 13');
  const batchesSeen: number[][] = [];
  const group = createGroupCommit<number, number>({
    run: async (inputs) => {
      batchesSeen.push(inputs);
      if (inputs.includes(13)) throw failing;
      return inputs.map((n) => -n);
    },
    maxBatch: 10,
    maxInFlight: 1,
    maxStalled: 1,
    stalledAfterMs: 0,
  });
  const results = await Promise.allSettled([12, 13, 14].map((n) => group.submit(n)));
  expect(results).toEqual([
    { status: 'fulfilled', value: -12 },
    { status: 'rejected', reason: failing },
    { status: 'fulfilled', value: -14 },
  ]);
  expect(batchesSeen).toEqual([[12, 13, 14], [12], [13], [14]]);
});

test('a batch that returns the wrong number of results fails every call in it rather than mismatch them', async () => {
  const group = createGroupCommit<number, number>({
    run: async (inputs) => inputs.slice(1),
    maxBatch: 10,
    maxInFlight: 1,
    maxStalled: 1,
    stalledAfterMs: 0,
  });
  const results = await Promise.allSettled([1, 2].map((n) => group.submit(n)));
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/1 results for 2 calls/);
});

test('options out of range are refused', () => {
  const run = async (inputs: number[]) => inputs;
  const limits = { maxBatch: 1, maxInFlight: 1, maxStalled: 1, stalledAfterMs: 0 };
  expect(() => createGroupCommit({ run, ...limits, maxBatch: 0 })).toThrow(/≥ 1/);
  expect(() => createGroupCommit({ run, ...limits, maxInFlight: 0 })).toThrow(/≥ 1/);
  expect(() => createGroupCommit({ run, ...limits, maxInFlight: 2 })).toThrow(/maxStalled ≥ maxInFlight/);
});

test('the retries of a failed batch go one after another, in arrival order, in its own slot', async () => {
  let running = 0;
  let mostRunning = 0;
  const seen: number[][] = [];
  const group = createGroupCommit<number, number>({
    run: async (inputs) => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      seen.push(inputs);
      await turn();
      running -= 1;
      if (inputs.length > 1) throw new Error('deadlock detected');
      return inputs;
    },
    maxBatch: 64,
    maxInFlight: 1,
    maxStalled: 1,
    stalledAfterMs: 0,
  });
  const results = await Promise.all([1, 2, 3, 4].map((n) => group.submit(n)));
  expect(results).toEqual([1, 2, 3, 4]);
  expect(seen).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  expect(mostRunning).toBe(1);
});

test('when every batch in flight has stalled, one more may go, up to maxStalled', async () => {
  let clock = 0;
  const runner = controlledRunner((n) => n);
  const group = createGroupCommit({
    run: runner.run,
    maxBatch: 10,
    maxInFlight: 1,
    maxStalled: 2,
    stalledAfterMs: 20,
    now: () => clock,
  });
  const first = group.submit(1);
  await turn();
  const second = group.submit(2);
  await turn();
  await new Promise((resolve) => setTimeout(resolve, 40));
  // The clock has not moved: the batch in flight is not stalled, so 2 waits.
  expect(runner.batches.map((b) => b.inputs)).toEqual([[1]]);
  clock = 25;
  await vi.waitFor(() => expect(runner.batches.map((b) => b.inputs)).toEqual([[1], [2]]));
  // Two in flight, both stalled by now: the hard limit holds, 3 waits for one of them.
  clock = 100;
  const third = group.submit(3);
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(runner.batches).toHaveLength(2);
  runner.batches[0]!.finish();
  await expect(first).resolves.toBe(1);
  await vi.waitFor(() => expect(runner.batches.map((b) => b.inputs)).toEqual([[1], [2], [3]]));
  runner.batches[1]!.finish();
  runner.batches[2]!.finish();
  await expect(Promise.all([second, third])).resolves.toEqual([2, 3]);
});

test('property: whatever the arrivals and finishing order, every call gets its own result, within the limits', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }), // calls per turn
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), // which running batch finishes next
      async (arrivals, maxBatch, maxInFlight, finishOrder) => {
        const runner = controlledRunner((n) => `result ${n}`);
        const group = createGroupCommit({
          run: runner.run,
          maxBatch,
          maxInFlight,
          maxStalled: maxInFlight,
          stalledAfterMs: 0,
        });
        const calls: Promise<string>[] = [];
        let next = 0;
        let finished = 0;
        const finishOne = (pick: number) => {
          const open = runner.batches.slice(finished);
          if (open.length === 0) return;
          // Batches finish in any order: swap the picked one to the front of the unfinished.
          const index = finished + (pick % open.length);
          const [batch] = runner.batches.splice(index, 1);
          runner.batches.splice(finished, 0, batch!);
          finished += 1;
          batch!.finish();
        };
        for (const [turnIndex, count] of arrivals.entries()) {
          for (let i = 0; i < count; i++) calls.push(group.submit(next++));
          await turn();
          finishOne(finishOrder[turnIndex % finishOrder.length]!);
          await turn();
        }
        while (finished < runner.batches.length) {
          finishOne(0);
          await turn();
          await turn();
        }
        const results = await Promise.all(calls);
        expect(results).toEqual(calls.map((_, i) => `result ${i}`));
        expect(runner.batches.flatMap((b) => b.inputs).sort((a, b) => a - b)).toEqual(calls.map((_, i) => i));
        for (const batch of runner.batches) expect(batch.inputs.length).toBeLessThanOrEqual(maxBatch);
        expect(runner.mostRunning()).toBeLessThanOrEqual(maxInFlight);
      },
    ),
    { numRuns: 150 },
  );
});
