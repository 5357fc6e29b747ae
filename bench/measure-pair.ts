// Times a candidate beside its baseline in the same process, against the same store: one warm-up of
// each, then `repetitions` rounds that alternate them (candidate first in even rounds, baseline first
// in odd ones), so drift of the machine (another process, a GC, a checkpoint) hits both alike.

/** One run: does its own untimed set-up and returns the milliseconds of the timed part only. */
export type TimedRun = () => Promise<number>;

export type Timing = { median: number; min: number; samples: number[] };

export type PairTiming = { candidate: Timing; baseline: Timing; ratio: number };

export async function measurePair(
  candidate: TimedRun,
  baseline: TimedRun,
  repetitions: number,
): Promise<PairTiming> {
  await candidate();
  await baseline();
  const candidateSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let round = 0; round < repetitions; round++) {
    if (round % 2 === 0) {
      candidateSamples.push(await candidate());
      baselineSamples.push(await baseline());
    } else {
      baselineSamples.push(await baseline());
      candidateSamples.push(await candidate());
    }
  }
  const candidateTiming = summarize(candidateSamples);
  const baselineTiming = summarize(baselineSamples);
  return {
    candidate: candidateTiming,
    baseline: baselineTiming,
    ratio: candidateTiming.median / baselineTiming.median,
  };
}

/** Times repeated runs of one thing (for the breakdown of a measurement), after one warm-up. */
export async function measureOne(run: TimedRun, repetitions: number): Promise<Timing> {
  await run();
  const samples: number[] = [];
  for (let round = 0; round < repetitions; round++) samples.push(await run());
  return summarize(samples);
}

export async function timeIt<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, samples };
}
