import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { insertTwoWorkspaces } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { relationships, sides } from '../db/schema.ts';
import { createRelationship } from './create-relationship.ts';
import { createWave } from './create-wave.ts';
import {
  DEFAULT_RELATIONSHIP_PAGE_SIZE,
  listRelationshipPage,
  listRelationships,
  type RelationshipListQueryInput,
} from './list-relationships.ts';

// The relationship list, whole and paged, on PGlite and (with DATABASE_URL) PostgreSQL. A page is
// always a slice of the whole list in the same order, whatever the store's collation.

const MANY = 230;

describe.each(testStores)('the relationship list on $kind', (store) => {
  let database: Database;
  let mine: string;
  let theirs: string;
  let wavedId: string;

  beforeAll(async () => {
    database = await store.open();
    ({ mine, theirs } = await insertTwoWorkspaces(database));
    const { db } = database;
    // Many relationships in one go, some with the same name (the id orders those), one side each
    // named after an organisation that a filter can find.
    const inserted = await db
      .insert(relationships)
      .values(
        Array.from({ length: MANY }, (_, i) => ({
          workspaceId: mine,
          name: `Partnership ${String(i % 150).padStart(3, '0')}`,
        })),
      )
      .returning({ id: relationships.id });
    await db.insert(sides).values(
      inserted.flatMap(({ id }, i) => [
        {
          relationshipId: id,
          side: 'A',
          name: i % 10 === 0 ? 'Northwind Utilities' : `Buyer ${i}`,
          role: '',
        },
        { relationshipId: id, side: 'B', name: `Supplier ${i}`, role: 'supplier' },
      ]),
    );
    const waved = await createRelationship(db, mine, {
      name: 'Harbour 50%_off ⇄ Meridian',
      sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Meridian Freight', role: '' } },
    });
    wavedId = waved.id;
    await createWave(db, mine, waved.id, { label: 'Baseline', opens: '2030-01-01', closes: '2030-01-31' });
    await createWave(db, mine, waved.id, { label: 'Pulse 1', opens: '2030-06-01', closes: '2030-06-30' });
    await createRelationship(db, theirs, {
      name: 'Partnership 000',
      sides: { A: { name: 'Northwind Utilities', role: '' }, B: { name: 'Elsewhere', role: '' } },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  test('pages are slices of the whole list, in its order, with the counts a pager needs', async () => {
    const all = await listRelationships(database.db, mine);
    expect(all).toHaveLength(MANY + 1);
    const first = await listRelationshipPage(database.db, mine);
    expect(first.page).toEqual({
      q: '',
      limit: DEFAULT_RELATIONSHIP_PAGE_SIZE,
      offset: 0,
      total: MANY + 1,
      matching: MANY + 1,
      nextOffset: DEFAULT_RELATIONSHIP_PAGE_SIZE,
    });
    expect(first.relationships).toEqual(all.slice(0, DEFAULT_RELATIONSHIP_PAGE_SIZE));

    const seen = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page = await listRelationshipPage(database.db, mine, { limit: 70, offset });
      seen.push(...page.relationships);
      offset = page.page.nextOffset;
    }
    expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id));
    // Equal names keep the id order on every page.
    const twins = seen.filter((r) => r.name === 'Partnership 000').map((r) => r.id);
    expect(twins).toHaveLength(2);
    expect([...twins].sort()).toEqual(twins);

    const last = await listRelationshipPage(database.db, mine, { limit: '70', offset: '210' });
    expect(last.relationships).toEqual(all.slice(210));
    expect(last.page.nextOffset).toBeNull();
    const beyond = await listRelationshipPage(database.db, mine, { offset: 5000 });
    expect(beyond).toEqual({
      relationships: [],
      page: expect.objectContaining({ total: MANY + 1, matching: MANY + 1, nextOffset: null }),
    });
  });

  test('a page carries the same waves and sides as the whole list', async () => {
    const [waved] = (await listRelationshipPage(database.db, mine, { q: 'harbour' })).relationships;
    expect(waved).toMatchObject({
      id: wavedId,
      waves: 2,
      latestWave: 'Pulse 1',
      sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Meridian Freight', role: '' } },
    });
    expect((await listRelationships(database.db, mine)).find((r) => r.id === wavedId)).toEqual(waved);
  });

  test('the filter finds text in the name or either side, in any case, and only in this workspace', async () => {
    const bySide = await listRelationshipPage(database.db, mine, { q: '  NORTHWIND ', limit: 10 });
    expect(bySide.page).toMatchObject({
      q: 'NORTHWIND',
      total: MANY + 1,
      matching: MANY / 10,
      nextOffset: 10,
    });
    expect(bySide.relationships).toHaveLength(10);
    expect(bySide.relationships.every((r) => r.sides.A.name === 'Northwind Utilities')).toBe(true);
    const all = await listRelationships(database.db, mine);
    expect(bySide.relationships).toEqual(
      all.filter((r) => r.sides.A.name === 'Northwind Utilities').slice(0, 10),
    );
    expect(
      (await listRelationshipPage(database.db, mine, { q: 'meridian freight' })).relationships.map(
        (r) => r.id,
      ),
    ).toEqual([wavedId]);
    expect(
      (await listRelationshipPage(database.db, mine, { q: 'partnership 149' })).relationships.map(
        (r) => r.name,
      ),
    ).toEqual(['Partnership 149']);
    // LIKE's wildcards are plain characters here.
    expect((await listRelationshipPage(database.db, mine, { q: '50%_' })).page.matching).toBe(1);
    expect((await listRelationshipPage(database.db, mine, { q: '%' })).page.matching).toBe(1);
    expect((await listRelationshipPage(database.db, mine, { q: 'Partner_hip' })).page.matching).toBe(0);
    const none = await listRelationshipPage(database.db, mine, { q: 'no such organisation' });
    expect(none).toEqual({
      relationships: [],
      page: expect.objectContaining({ total: MANY + 1, matching: 0, nextOffset: null }),
    });
    const elsewhere = await listRelationshipPage(database.db, theirs, { q: 'northwind' });
    expect(elsewhere.page).toMatchObject({ total: 1, matching: 1 });
  });

  test.each<[RelationshipListQueryInput, string]>([
    [{ limit: 0 }, 'limit: must be at least 1'],
    [{ limit: '501' }, 'limit: must be at most 500'],
    [{ limit: 'ten' }, 'limit: expected a whole number'],
    [{ limit: '2.5' }, 'limit: expected a whole number'],
    [{ offset: -1 }, 'offset: must be at least 0'],
    [{ q: 'x'.repeat(201) }, 'q: at most 200 characters'],
    [{ page: '2' } as RelationshipListQueryInput, 'page: is not a known field'],
  ])('%o is refused naming the field', async (query, message) => {
    const error = await refusal(listRelationshipPage(database.db, mine, query));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(message);
    expect(error.details).toEqual([expect.objectContaining({ field: message.split(':')[0] })]);
  });
});
