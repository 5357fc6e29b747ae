import { randomBytes } from 'node:crypto';
import { adminQuery } from '../tests/support/postgres-admin.ts';

export interface FreshDatabase {
  /** Connection string of the new database. */
  url: string;
  /**
   * Plain drop first, retried while the closed pools' connections finish going away; force only
   * as the last resort (it would kill a connection a pool still holds, and crash on its error).
   */
  drop(): Promise<void>;
  /** Drop at once, ending any connection still open to it. */
  forceDrop(): Promise<void>;
}

/** A database of its own on the server, to be dropped afterwards (as tests/support/test-stores.ts does). */
export async function createFreshDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `trustloop_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const forceDrop = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  return {
    url: target.toString(),
    drop: async () => {
      for (let attempt = 0; attempt < 30; attempt++) {
        try {
          await adminQuery(serverUrl, `drop database if exists ${name}`);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await forceDrop();
    },
    forceDrop,
  };
}
