import type { Db } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { formatBundleProblem } from '../domain/bundle/bundle-problem.ts';
import type { FullBundle } from '../domain/bundle/full-bundle.ts';
import { parseBundle } from '../domain/bundle/parse-bundle.ts';
import { readBundleFolder } from './bundle-folder.ts';
import { type ImportedRelationship, importBundle } from './import-bundle.ts';

/**
 * Reads and validates a bundle folder without touching the database. A bad bundle is refused whole
 * with every problem listed (AppError 'invalid-bundle' carries them as details).
 */
export function readValidBundle(folder: string): FullBundle {
  return validateBundleFiles(readBundleFolder(folder), `${folder}: the bundle`);
}

/** The same check for bundle files that arrived some other way (the JSON API). */
export function validateBundleFiles(
  files: Readonly<Record<string, string | undefined>>,
  what = 'the bundle',
): FullBundle {
  const parsed = parseBundle(files);
  if (parsed.ok) return parsed.bundle;
  const count = parsed.problems.length;
  throw new AppError(
    'invalid-bundle',
    `${what} has ${count} problem${count === 1 ? '' : 's'}; nothing was imported`,
    parsed.problems.map((problem) => ({ ...problem, text: formatBundleProblem(problem) })),
  );
}

/** Reads, validates and imports a bundle folder, all or nothing. */
export async function importBundleFolder(
  db: Db,
  workspaceId: string,
  folder: string,
): Promise<ImportedRelationship> {
  return importBundle(db, workspaceId, readValidBundle(folder));
}
