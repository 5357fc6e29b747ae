import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dumpPglite, openDatabase } from '../src/db/client.ts';
import { writeEmptyStoreTemplate } from '../src/db/empty-store-template.ts';

// `npm install` ends here (issue 13, item 1), so that `npm start` serves its first page in
// seconds: the web app is built now rather than on the first start, and an empty migrated
// embedded store is dumped for new data folders to start from (src/db/empty-store-template.ts).
// Either can fail without failing the install: `npm start` then does the work itself.

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  process.stderr.write('The web app was not built now: `npm start` will build it.\n');
}
try {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    writeEmptyStoreTemplate(new Uint8Array(await (await dumpPglite(database)).arrayBuffer()));
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`No empty store was prepared (${String(error)}): a new data folder starts slower.\n`);
}
