// Validates an instrument.json on its own (an upload), with exactly the rules of a bundle's
// instrument.json: it runs parseBundle on a minimal bundle around the text and keeps only the
// instrument's problems, so there is one set of instrument rules, not two.

import type { Instrument } from '../model.ts';
import type { BundleProblem } from './bundle-problem.ts';
import { BUNDLE_FILES, parseBundle, RESPONSE_COLUMNS } from './parse-bundle.ts';

export type ParseInstrumentResult =
  | { ok: true; instrument: Instrument }
  | { ok: false; problems: BundleProblem[] };

// A valid relationship.json and an empty responses.csv: neither can produce a problem, so every
// problem that comes back belongs to instrument.json.
const SHELL = {
  [BUNDLE_FILES.relationship]: JSON.stringify({
    name: 'instrument check',
    sides: { A: { name: 'A', role: '' }, B: { name: 'B', role: '' } },
    waves: [{ label: 'check', opens: '2000-01-01', closes: '2000-01-01' }],
  }),
  [BUNDLE_FILES.responses]: `${RESPONSE_COLUMNS.join(',')}\n`,
};

export function parseInstrument(text: string): ParseInstrumentResult {
  const parsed = parseBundle({ ...SHELL, [BUNDLE_FILES.instrument]: text });
  if (parsed.ok) return { ok: true, instrument: parsed.bundle.instrument };
  const problems = parsed.problems.filter((p) => p.file === BUNDLE_FILES.instrument);
  if (problems.length !== parsed.problems.length) {
    throw new Error(`bug: the instrument check shell has problems: ${JSON.stringify(parsed.problems)}`);
  }
  return { ok: false, problems };
}
