import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../domain/app-error.ts';
import { BUNDLE_FILES } from '../domain/bundle/parse-bundle.ts';

// The bundle as files on disk. Parsing and validation are pure (src/domain/bundle); this module only
// moves text between the folder and memory.

/** Every file a bundle may hold (docs/formats.md); other files in the folder are left alone. */
export const BUNDLE_FILE_NAMES: readonly string[] = Object.values(BUNDLE_FILES);

/** Reads the bundle's files; an absent file is `undefined` (the parser says whether that is allowed). */
export function readBundleFolder(folder: string): Record<string, string | undefined> {
  const path = resolve(folder);
  if (!existsSync(path)) throw new AppError('invalid-input', `${folder}: no such folder`);
  if (!statSync(path).isDirectory()) throw new AppError('invalid-input', `${folder}: not a folder`);
  const files: Record<string, string | undefined> = {};
  for (const name of BUNDLE_FILE_NAMES) {
    const file = join(path, name);
    files[name] = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }
  return files;
}

/**
 * Writes the files into `folder`, which must not exist or be empty (or `overwrite` is set). The
 * files are first written to a sibling temporary folder, so a failure never leaves half a bundle.
 */
export function writeBundleFolder(
  folder: string,
  files: Readonly<Record<string, string>>,
  options: { overwrite?: boolean } = {},
): void {
  const target = resolve(folder);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory())
      throw new AppError('invalid-input', `${folder}: exists and is not a folder`);
    if (readdirSync(target).length > 0 && !options.overwrite) {
      throw new AppError(
        'conflict',
        `${folder}: folder is not empty (use --force to replace its bundle files)`,
      );
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(staging);
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, name), text, 'utf8');
    if (existsSync(target)) {
      for (const name of BUNDLE_FILE_NAMES) rmSync(join(target, name), { force: true });
      for (const name of Object.keys(files)) renameSync(join(staging, name), join(target, name));
      rmSync(staging, { recursive: true, force: true });
    } else {
      renameSync(staging, target);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
