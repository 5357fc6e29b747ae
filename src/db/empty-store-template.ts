import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A new embedded data folder starts from an empty store that has every migration applied, made
// once by `npm install` (scripts/postinstall.ts), instead of running PostgreSQL's initdb and the
// migrations on the first start: about 1.5 s of it on a 2-core machine (issue 13, item 1). The
// file is named after the PGlite version and the migrations it holds, so a store made by another
// version or before a new migration is never used; without the file, a folder starts as before.

const root = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(root, 'node_modules', '.cache', 'trustloop');

function templateKey(): string | null {
  try {
    const pglite = JSON.parse(
      readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
    ) as { version: string };
    const journal = readFileSync(join(root, 'drizzle/meta/_journal.json'));
    return `${pglite.version}-${createHash('sha256').update(journal).digest('hex').slice(0, 16)}`;
  } catch {
    return null;
  }
}

function templatePath(): string | null {
  const key = templateKey();
  return key ? join(CACHE, `empty-store-${key}.tar`) : null;
}

/** The dump for this PGlite and these migrations, if `npm install` made one. */
export function readEmptyStoreTemplate(): Blob | undefined {
  const path = templatePath();
  if (!path) return undefined;
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    return undefined;
  }
}

/** Writes the dump (atomically: a half-written file is never read). */
export function writeEmptyStoreTemplate(dump: Uint8Array): string | null {
  const path = templatePath();
  if (!path) return null;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.partial`, dump);
  renameSync(`${path}.partial`, path);
  return path;
}
