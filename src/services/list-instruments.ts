import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instruments } from '../db/schema.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type { Instrument } from '../domain/model.ts';

export type InstrumentSummary = {
  /** Null for the built-in instrument until a wave or import first stores it in the workspace. */
  id: string | null;
  name: string;
  version: string;
  isBuiltIn: boolean;
  definition: Instrument;
};

/** The instruments a wave can use: the built-in one first, then the workspace's own by name and version. */
export async function listInstruments(db: Db, workspaceId: string): Promise<InstrumentSummary[]> {
  const rows = await db
    .select({
      id: instruments.id,
      name: instruments.name,
      version: instruments.version,
      definition: instruments.definition,
    })
    .from(instruments)
    .where(eq(instruments.workspaceId, workspaceId))
    .orderBy(asc(instruments.name), asc(instruments.version));
  const isBuiltIn = (r: { name: string; version: string }) =>
    r.name === BUILT_IN_INSTRUMENT.name && r.version === BUILT_IN_INSTRUMENT.version;
  const storedBuiltIn = rows.find(isBuiltIn);
  return [
    {
      id: storedBuiltIn?.id ?? null,
      ...pick(BUILT_IN_INSTRUMENT),
      isBuiltIn: true,
      definition: BUILT_IN_INSTRUMENT,
    },
    ...rows.filter((r) => !isBuiltIn(r)).map((r) => ({ ...r, isBuiltIn: false })),
  ];
}

function pick(instrument: Instrument): { name: string; version: string } {
  return { name: instrument.name, version: instrument.version };
}
