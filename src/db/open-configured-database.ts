import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../domain/app-error.ts';
import type { Env } from '../env.ts';
import { type Database, openDatabase } from './client.ts';

/**
 * The store the environment asks for: PostgreSQL when DATABASE_URL is set, otherwise PGlite in the
 * data folder. PGlite allows one process per folder, so a lock file guards it.
 */
export async function openConfiguredDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) return openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
  const dataDir = resolve(env.TRUSTLOOP_DATA);
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataFolder(dataDir);
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    return {
      ...database,
      location: dataDir,
      close: async () => {
        try {
          await database.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function lockDataFolder(dataDir: string): () => void {
  const lockFile = join(dataDir, 'trustloop.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'conflict',
          `the data folder ${dataDir} is in use by another trustloop process (pid ${holder}); stop it first, or set DATABASE_URL to share a PostgreSQL server`,
        );
      }
      // A lock left by a process that is gone: take it over.
      if (existsSync(lockFile)) rmSync(lockFile, { force: true });
    }
  }
  throw new AppError('conflict', `could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
