import type { Database, Db } from '../db/client.ts';
import { readWorkshopEvents, WORKSHOP_CHANNEL, type WorkshopEvent } from './workshop-events.ts';

// One per app process (decision 049): streams subscribe to a workshop; a NOTIFY on
// WORKSHOP_CHANNEL (from this process or any other) makes the hub read that workshop's new events
// once and hand them to every stream of it. A poll every few seconds catches anything a lost
// notification connection missed. Each stream keeps its own last id, so an event reaches it once,
// in order, whether it came from its catch-up read or from the hub.

export type WorkshopStream = {
  /** Called with events in id order, never an id at or below the stream's last one. */
  send(event: WorkshopEvent): void;
  /** The hub is closing (the process shuts down): end the stream. */
  end?(): void;
};

type Room = {
  cursor: number;
  streams: Map<WorkshopStream, { lastId: number }>;
  reading: Promise<void> | null;
  again: boolean;
};

export type WorkshopHub = {
  /**
   * Streams the workshop's events after `afterId` (a Last-Event-ID, or the id a view was read at)
   * to `stream`, then every new one, until the returned function is called.
   */
  subscribe(workshopId: string, afterId: number, stream: WorkshopStream): Promise<() => void>;
  /** Streams open, for the benchmark and health. */
  size(): number;
  close(): Promise<void>;
};

export async function startWorkshopHub(
  database: Pick<Database, 'db' | 'listen'>,
  options: { pollMs?: number } = {},
): Promise<WorkshopHub> {
  const db: Db = database.db;
  const rooms = new Map<string, Room>();

  const deliver = (room: Room, events: WorkshopEvent[]) => {
    for (const event of events) {
      room.cursor = Math.max(room.cursor, event.id);
      for (const [stream, state] of room.streams) {
        if (event.id <= state.lastId) continue;
        state.lastId = event.id;
        stream.send(event);
      }
    }
  };

  // One read at a time per room; a notice during a read asks for one more read after it.
  const refresh = (workshopId: string): Promise<void> => {
    const room = rooms.get(workshopId);
    if (!room) return Promise.resolve();
    if (room.reading) {
      room.again = true;
      return room.reading;
    }
    room.reading = (async () => {
      try {
        do {
          room.again = false;
          for (;;) {
            const events = await readWorkshopEvents(db, workshopId, room.cursor);
            deliver(room, events);
            if (events.length < 500) break;
          }
        } while (room.again);
      } catch {
        // The store is unreachable for a moment: the poll tries again.
      } finally {
        room.reading = null;
      }
    })();
    return room.reading;
  };

  const stopListening = await database.listen(
    WORKSHOP_CHANNEL,
    (workshopId) => void refresh(workshopId),
    () => {
      for (const workshopId of rooms.keys()) void refresh(workshopId);
    },
  );
  const poll = setInterval(() => {
    for (const workshopId of rooms.keys()) void refresh(workshopId);
  }, options.pollMs ?? 3000);
  poll.unref();

  return {
    async subscribe(workshopId, afterId, stream) {
      // Catch up from the stream's own point, then follow the room.
      const state = { lastId: afterId };
      const missed = await readWorkshopEvents(db, workshopId, afterId, 10_000);
      for (const event of missed) {
        if (event.id <= state.lastId) continue;
        state.lastId = event.id;
        stream.send(event);
      }
      let room = rooms.get(workshopId);
      if (!room) {
        room = { cursor: state.lastId, streams: new Map(), reading: null, again: false };
        rooms.set(workshopId, room);
      }
      room.streams.set(stream, state);
      // Anything written between the catch-up read and joining the room.
      void refresh(workshopId);
      return () => {
        const current = rooms.get(workshopId);
        current?.streams.delete(stream);
        if (current && current.streams.size === 0) rooms.delete(workshopId);
      };
    },
    size: () => [...rooms.values()].reduce((sum, room) => sum + room.streams.size, 0),
    async close() {
      clearInterval(poll);
      for (const room of rooms.values()) for (const stream of room.streams.keys()) stream.end?.();
      rooms.clear();
      await stopListening();
    },
  };
}
