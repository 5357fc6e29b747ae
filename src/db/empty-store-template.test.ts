import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { dumpPglite, openDatabase } from './client.ts';
import { readEmptyStoreTemplate, writeEmptyStoreTemplate } from './empty-store-template.ts';

// Issue 13, item 1: a new data folder starts from the migrated empty store `npm install` made
// (scripts/postinstall.ts), and is then an ordinary data folder.

const journal = JSON.parse(
  readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: unknown[] };

async function appliedMigrations(folder: string): Promise<number> {
  const database = await openDatabase({ kind: 'pglite', dataDir: folder });
  try {
    const result = (await database.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as unknown as { rows: { n: number }[] };
    return result.rows[0]!.n;
  } finally {
    await database.close();
  }
}

describe('the empty store a new data folder starts from', () => {
  test('is written once per PGlite version and migrations, and a new folder starts from it', async () => {
    const fresh = await openDatabase({ kind: 'pglite' });
    const dump = new Uint8Array(await (await dumpPglite(fresh)).arrayBuffer());
    await fresh.close();
    const path = writeEmptyStoreTemplate(dump);
    expect(path).toMatch(/empty-store-\d+\.\d+\.\d+-[0-9a-f]{16}\.tar$/);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(readEmptyStoreTemplate()?.size).toBe(dump.byteLength);

    const folder = join(makeTempFolder(), 'data');
    expect(await appliedMigrations(folder)).toBe(journal.entries.length);
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    // What was written stays: the folder is a store of its own, not the template again.
    const database = await openDatabase({ kind: 'pglite', dataDir: folder });
    await database.db.execute(sql`insert into workspaces (name) values ('Kept')`);
    await database.close();
    const reopened = await openDatabase({ kind: 'pglite', dataDir: folder });
    const names = (await reopened.db.execute(sql`select name from workspaces`)) as unknown as {
      rows: unknown[];
    };
    await reopened.close();
    expect(names.rows).toEqual([{ name: 'Kept' }]);
  });
});
