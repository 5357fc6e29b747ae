import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The survey and Lighthouse benchmarks write their own sections into bench/RESULTS.md, keyed like
// `npm run bench`'s (heading = what, UTC day, machine): a rerun replaces its section — up to the
// next `## ` heading — and leaves every other section, including hand-written findings, alone.

const RESULTS_PATH = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/** Writes `section` (starting with `heading`) into bench/RESULTS.md; returns the file's path. */
export function recordSection(heading: string, section: string): string {
  const text = readFileSync(RESULTS_PATH, 'utf8');
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  let updated: string;
  if (start === -1) {
    updated = `${text.trimEnd()}\n\n${section.trimEnd()}\n`;
  } else {
    let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n');
    const after = lines.slice(end).join('\n');
    updated = `${before}\n${section.trimEnd()}\n${after ? `\n${after}` : ''}`;
  }
  writeFileSync(RESULTS_PATH, updated);
  return RESULTS_PATH;
}

/** Nearest-rank percentile (p in 0–100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
