import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { sponsorGrants } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { charterOf, getCharter, saveCharter, signCharter } from './charter.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';

// The charter (issue 9, item 4) on PGlite and, with DATABASE_URL, PostgreSQL: versions, one
// sponsor of each side signs the newest version, a change after sign-off needs signing again.

const CHARTER = {
  vision: 'One team for the utility’s customers',
  principles: ['Tell each other early', 'Fix the small things first'],
  behaviours: ['Answer within a working day'],
  commitments: { A: ['Share the outage plan a week ahead'], B: ['Name one contact per shift'] },
  governance: ['Sponsors meet every quarter', 'Service managers meet every month'],
};

describe.each(testStores)('the charter on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;
  const sponsors: Record<string, { id: string; name: string; email: string; workspaceId: string }> = {};

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
    // These tests start before any release: the demo's findings and charter are taken away.
    await clearShareAndAct(database.db, relationshipId);
    for (const [key, side] of [
      ['a', 'A'],
      ['b', 'B'],
      ['b2', 'B'],
    ] as const) {
      const user = await createUser(database.db, workspaceId, {
        email: `${key}@sponsor.example`,
        name: `Sponsor ${key.toUpperCase()}`,
        password: 'correct horse battery staple',
        role: 'sponsor',
      });
      await database.db.insert(sponsorGrants).values({ userId: user.id, relationshipId, side });
      sponsors[key] = { id: user.id, name: user.name, email: user.email, workspaceId };
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  test('versions, sign-offs by one sponsor per side, and a change that needs signing again', async () => {
    const db = database.db;
    expect(await getCharter(db, workspaceId, relationshipId)).toEqual({ versions: [], isSigned: false });
    const blank = await refusal(
      saveCharter(db, workspaceId, relationshipId, { ...CHARTER, vision: ' ' }, { name: 'Fran' }),
    );
    expect(blank.message).toBe('vision: write the shared vision');
    const first = await saveCharter(db, workspaceId, relationshipId, CHARTER, { name: 'Fran' });
    expect(first).toMatchObject({ version: 1, createdBy: 'Fran', signOffs: [] });
    expect(
      (await refusal(saveCharter(db, workspaceId, relationshipId, CHARTER, { name: 'Fran' }))).code,
    ).toBe('conflict');

    await signCharter(db, sponsors.a!, relationshipId, 1, new Date('2024-04-01T10:00:00Z'));
    const twice = await refusal(signCharter(db, sponsors.a!, relationshipId, 1));
    expect(twice.message).toBe('Sponsor A already signed version 1 for your side');
    const signed = await signCharter(db, sponsors.b!, relationshipId, 1, new Date('2024-04-02T10:00:00Z'));
    expect(signed.isSigned).toBe(true);
    expect(signed.versions[0]!.signOffs).toEqual([
      { side: 'A', signedBy: 'Sponsor A', signedAt: '2024-04-01T10:00:00.000Z' },
      { side: 'B', signedBy: 'Sponsor B', signedAt: '2024-04-02T10:00:00.000Z' },
    ]);

    await saveCharter(
      db,
      workspaceId,
      relationshipId,
      { ...CHARTER, behaviours: ['Answer within two hours'] },
      { name: 'Fran' },
    );
    const after = await charterOf(db, relationshipId);
    expect(after.isSigned).toBe(false);
    expect(after.versions.map((v) => [v.version, v.signOffs.length])).toEqual([
      [2, 0],
      [1, 2],
    ]);
    const old = await refusal(signCharter(db, sponsors.b2!, relationshipId, 1));
    expect(old.message).toBe(
      'version 1 has been replaced by version 2: read the new version and sign that one',
    );
    await signCharter(db, sponsors.b2!, relationshipId, 2);
    expect((await charterOf(db, relationshipId)).versions[0]!.signOffs.map((s) => s.signedBy)).toEqual([
      'Sponsor B2',
    ]);
  });

  test('someone who sponsors nothing here cannot sign', async () => {
    const stranger = { ...sponsors.a!, id: '00000000-0000-4000-8000-000000000000' };
    expect((await refusal(signCharter(database.db, stranger, relationshipId, 2))).code).toBe('not-found');
    expect((await refusal(signCharter(database.db, sponsors.a!, 'not-a-uuid', 2))).code).toBe('not-found');
  });
});
