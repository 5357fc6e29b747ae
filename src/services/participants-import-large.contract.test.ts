import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { createRelationship } from './create-relationship.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { IMPORT_BATCH, importParticipantsCsv } from './import-participants-csv.ts';
import { listParticipants } from './list-participants.ts';

// A participants list of 100,000 people (issue 8, item 9) imports in one transaction on PGlite and,
// with DATABASE_URL, PostgreSQL — batched under PostgreSQL's 65,535 parameters a statement — with
// progress reported per batch, and names with commas, quotes and backslashes kept as written.

const ROWS = 100_000;

describe.each(testStores)('a large participants import on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    relationshipId = (
      await createRelationship(database.db, workspaceId, {
        name: 'Large',
        sides: { A: { name: 'Alpha', role: '' }, B: { name: 'Beta', role: '' } },
      })
    ).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  test('100,000 rows in one import, with progress, every value kept', async () => {
    const lines = ['name,email,side,level,role'];
    for (let i = 0; i < ROWS; i++) {
      lines.push(
        `Person ${i},p${i}@large.example,${i % 2 === 0 ? 'A' : 'Beta'},${['leadership', 'operational', 'staff'][i % 3]},`,
      );
    }
    lines.push('"Lee, ""Bo"" \\\\ Jr",bo@large.example,A,staff,"Desk; nights"');
    const progress: number[] = [];
    const imported = await importParticipantsCsv(
      database.db,
      workspaceId,
      relationshipId,
      `${lines.join('\n')}\n`,
      {
        onProgress: (done) => progress.push(done),
      },
    );
    expect(imported).toEqual({ imported: ROWS + 1, participantCount: ROWS + 1 });
    expect(progress.length).toBe(Math.ceil((ROWS + 1) / IMPORT_BATCH));
    expect(progress.at(-1)).toBe(ROWS + 1);
    const people = await listParticipants(database.db, workspaceId, relationshipId);
    const bo = people.find((p) => p.name.startsWith('Lee'));
    expect(bo).toMatchObject({ name: 'Lee, "Bo" \\\\ Jr', role: 'Desk; nights', side: 'A' });
  }, 120_000);
});
