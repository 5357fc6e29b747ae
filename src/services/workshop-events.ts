import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { workshopEvents } from '../db/schema.ts';
import type { Tx } from './lock-relationship.ts';

// A workshop's events (decision 049): appended in the transaction of the change they announce, with
// a notification PostgreSQL delivers at commit (and never for a rollback). Every app process
// listening on WORKSHOP_CHANNEL reads the events after the last one it sent.

export const WORKSHOP_CHANNEL = 'trustloop_workshop';

export type WorkshopEvent = { id: number; kind: string; payload: unknown; at: string };

const frames = new WeakMap<WorkshopEvent, Uint8Array>();
const encoder = new TextEncoder();

/**
 * The event as one server-sent-events frame, encoded once however many streams it goes to (the hub
 * hands the same event object to every stream of the room). JSON never holds a raw line break, so
 * the data is one line.
 */
export function sseFrame(event: WorkshopEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(
      `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.payload)}\n\n`,
    );
    frames.set(event, frame);
  }
  return frame;
}

export async function appendWorkshopEvent(
  tx: Tx | Db,
  workshopId: string,
  kind: string,
  payload: object,
): Promise<number> {
  const [row] = await tx
    .insert(workshopEvents)
    .values({ workshopId, kind, payload })
    .returning({ id: workshopEvents.id });
  await tx.execute(sql`select pg_notify(${WORKSHOP_CHANNEL}, ${workshopId})`);
  return row!.id;
}

/** The workshop's events after `afterId`, oldest first (at most `limit`). */
export async function readWorkshopEvents(
  db: Db,
  workshopId: string,
  afterId: number,
  limit = 500,
): Promise<WorkshopEvent[]> {
  const rows = await db
    .select()
    .from(workshopEvents)
    .where(and(eq(workshopEvents.workshopId, workshopId), gt(workshopEvents.id, afterId)))
    .orderBy(asc(workshopEvents.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    at: row.createdAt.toISOString(),
  }));
}

/** The id of the workshop's newest event (0 when it has none). */
export async function lastWorkshopEventId(db: Db, workshopId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<string>`coalesce(max(${workshopEvents.id}), 0)::text` })
    .from(workshopEvents)
    .where(eq(workshopEvents.workshopId, workshopId));
  return Number(row?.id ?? 0);
}
