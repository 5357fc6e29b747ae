import { readEnv } from '../src/env.ts';

// What the benchmark scripts read from their command line and environment alike.

/** The PostgreSQL server the benchmarks create their databases on: DATABASE_URL, or the local one. */
export function benchServerUrl(): string {
  return readEnv().DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A command-line option that must be a whole number ≥ 1, e.g. `--rounds`. */
export function wholeNumberOption(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a whole number ≥ 1, got ${value}`);
  return n;
}
