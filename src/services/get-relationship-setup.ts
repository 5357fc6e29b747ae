import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instruments, participants, sides, waves } from '../db/schema.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import { findRelationship } from './find-relationship.ts';
import type { Tx } from './lock-relationship.ts';

export type WaveStatus = 'draft' | 'open' | 'closed';

export type SetupWave = {
  id: string;
  label: string;
  /** ISO dates, YYYY-MM-DD. */
  opens: string;
  closes: string;
  status: WaveStatus;
  anonymityThreshold: number;
  instrument: { id: string; name: string; version: string };
};

export type RelationshipSetup = {
  id: string;
  name: string;
  anonymityThreshold: number;
  /** True once any wave has opened: the threshold can no longer change. */
  isThresholdFixed: boolean;
  sides: Record<Side, SideInfo>;
  waves: SetupWave[];
  participantCount: number;
};

/** What a setup screen shows: the relationship, its sides, its waves and how many participants. */
export async function getRelationshipSetup(
  db: Db | Tx,
  workspaceId: string,
  relationship: string,
): Promise<RelationshipSetup> {
  const found = await findRelationship(db as Db, workspaceId, relationship);
  const sideRows = await db.select().from(sides).where(eq(sides.relationshipId, found.id));
  const waveRows = await db
    .select({
      id: waves.id,
      label: waves.label,
      opens: waves.opensOn,
      closes: waves.closesOn,
      status: waves.status,
      anonymityThreshold: waves.anonymityThreshold,
      instrumentId: instruments.id,
      instrumentName: instruments.name,
      instrumentVersion: instruments.version,
    })
    .from(waves)
    .innerJoin(instruments, eq(instruments.id, waves.instrumentId))
    .where(eq(waves.relationshipId, found.id))
    .orderBy(asc(waves.position));
  const [counted] = await db
    .select({ n: count() })
    .from(participants)
    .where(eq(participants.relationshipId, found.id));
  const side = (key: Side): SideInfo => {
    const row = sideRows.find((s) => s.side === key);
    return { name: row?.name ?? key, role: row?.role ?? '' };
  };
  return {
    id: found.id,
    name: found.name,
    anonymityThreshold: found.anonymityThreshold,
    isThresholdFixed: waveRows.some((w) => w.status !== 'draft'),
    sides: { A: side('A'), B: side('B') },
    waves: waveRows.map((w) => ({
      id: w.id,
      label: w.label,
      opens: w.opens,
      closes: w.closes,
      status: w.status as WaveStatus,
      anonymityThreshold: w.anonymityThreshold,
      instrument: { id: w.instrumentId, name: w.instrumentName, version: w.instrumentVersion },
    })),
    participantCount: Number(counted?.n ?? 0),
  };
}
