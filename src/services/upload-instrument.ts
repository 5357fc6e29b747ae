import type { Db } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import { formatBundleProblem } from '../domain/bundle/bundle-problem.ts';
import { parseInstrument } from '../domain/bundle/parse-instrument.ts';
import { toCanonicalJson } from '../domain/canonical-json.ts';
import { findOrStoreInstrument } from './find-or-store-instrument.ts';
import type { InstrumentSummary } from './list-instruments.ts';

export type UploadedInstrument = { instrument: InstrumentSummary; isNew: boolean };

/**
 * Stores a custom instrument from the text of an instrument.json, checked with the bundle's rules
 * (docs/formats.md): every problem comes back with its JSON path. The same name and version with
 * other content is a 'conflict'; identical content reuses the stored instrument.
 */
export async function uploadInstrument(
  db: Db,
  workspaceId: string,
  text: string,
): Promise<UploadedInstrument> {
  const parsed = parseInstrument(text);
  if (!parsed.ok) {
    const count = parsed.problems.length;
    throw new AppError(
      'invalid-input',
      `instrumentJson: the instrument has ${count} problem${count === 1 ? '' : 's'}; nothing was stored — ${formatBundleProblem(parsed.problems[0]!)}`,
      parsed.problems.map((p) => ({ ...p, field: 'instrumentJson', text: formatBundleProblem(p) })),
    );
  }
  const instrument = parsed.instrument;
  const isBuiltIn =
    instrument.name === BUILT_IN_INSTRUMENT.name && instrument.version === BUILT_IN_INSTRUMENT.version;
  if (isBuiltIn && toCanonicalJson(instrument) !== toCanonicalJson(BUILT_IN_INSTRUMENT)) {
    throw new AppError(
      'conflict',
      `instrument "${instrument.name}" version ${instrument.version} is the built-in instrument; give your changed copy another name or version`,
    );
  }
  const stored = await findOrStoreInstrument(db, workspaceId, instrument);
  return {
    instrument: {
      id: stored.id,
      name: instrument.name,
      version: instrument.version,
      isBuiltIn,
      definition: instrument,
    },
    isNew: stored.isNew,
  };
}
