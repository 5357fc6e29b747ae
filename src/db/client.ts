import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { readEmptyStoreTemplate } from './empty-store-template.ts';
import * as schema from './schema.ts';

// One Drizzle database type for both stores: services never know which one they talk to.
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type StoreKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: StoreKind;
  /** Where the data lives, for messages: a folder, ':memory:' or the server URL without password. */
  location: string;
  close(): Promise<void>;
  /**
   * Calls `onMessage` with each payload NOTIFYed on `channel` (by this process or another), until
   * the returned function is called. PostgreSQL: one dedicated connection per listen, reconnected
   * after a loss (`onLost` is told, so callers can catch up on what they missed); PGlite: its own
   * in-process channel.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onLost?: () => void,
  ): Promise<() => Promise<void>>;
};

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  /**
   * `dataDir` undefined = in memory (tests). `loadDataDir`: start from a dump made by
   * `dumpPglite` (a tarball of a data folder) instead of an empty store.
   */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Opens the store and applies every pending migration before returning. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    // An idle connection the server ends (a restart, an administrator, a dropped test database)
    // emits 'error' on the pool, which would crash the process unheard. The pool has already
    // discarded that connection and the next query opens a fresh one, so there is nothing to do.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool, { schema });
    try {
      await migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (error) {
      await pool.end();
      throw error;
    }
    const listeners = new Set<() => Promise<void>>();
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      location: redactUrl(options.url),
      close: async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await pool.end();
      },
      listen: async (channel, onMessage, onLost) => {
        const stop = await listenOnPostgres(options.url, channel, onMessage, onLost);
        const remove = async () => {
          listeners.delete(remove);
          await stop();
        };
        listeners.add(remove);
        return remove;
      },
    };
  }
  let loadDataDir = options.loadDataDir;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    // A new folder starts from the migrated empty store `npm install` made, when there is one.
    if (!loadDataDir && !existsSync(join(options.dataDir, 'PG_VERSION'))) {
      loadDataDir = readEmptyStoreTemplate();
    }
  }
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir });
  const db = drizzlePglite(client, { schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    location: options.dataDir ?? ':memory:',
    close: () => client.close(),
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
  };
}

/** The whole embedded store as an uncompressed tarball, for `openDatabase({ loadDataDir })`. */
export async function dumpPglite(database: Database): Promise<Blob> {
  if (database.kind !== 'pglite') throw new Error('only the embedded store can be dumped this way');
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/** LISTEN on a connection of its own, reconnecting (after 0.2–5 s) whenever it is lost. */
async function listenOnPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onLost?: () => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  let retryDelay = 200;
  let retry: NodeJS.Timeout | undefined;
  const reconnectLater = () => {
    retry = setTimeout(() => void connect(false).catch(() => {}), retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  };
  const connect = async (first: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    next.on('error', () => {
      // The connection is gone (a restart, a network cut): connect again, and say so.
      if (stopped || client !== next) return;
      client = undefined;
      void next.end().catch(() => {});
      onLost?.();
      reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
    } catch (error) {
      void next.end().catch(() => {});
      if (first) throw error;
      if (!stopped) reconnectLater();
      return;
    }
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    retryDelay = 200;
    if (!first) onLost?.();
  };
  await connect(true);
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const last = client;
    client = undefined;
    await last?.end().catch(() => {});
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
