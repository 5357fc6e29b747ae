import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import {
  createRouteTestApp,
  insertTwoWorkspaces,
  sendJson as send,
  testUser,
} from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { workstreamsRoutes } from './workstreams-routes.ts';

// The workstreams and charter API in-process on the demo: start a workstream with an owner on each
// side, refuse an action due before it started by its field, save and read the charter; sponsors,
// strangers and anonymous callers get nothing.

type Owner = { kind: string; id: string; side: string };
type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string }> } };

describe.each(testStores)('workstreams API on $kind', (store) => {
  let database: Database;
  let facilitator: Hono<AppEnv>;
  let others: Array<[Hono<AppEnv>, number]>;
  let id: string;

  beforeAll(async () => {
    database = await store.open();
    const { mine: a, theirs: b } = await insertTwoWorkspaces(database);
    id = (await loadDemo(database.db, a)).relationshipId;
    await clearShareAndAct(database.db, id);
    const app = (user: SignedInUser | null) => createRouteTestApp(database, workstreamsRoutes(), user);
    facilitator = app(testUser(a, 'facilitator', { name: 'Fran Facilitator' }));
    others = [
      [app(testUser(a, 'sponsor')), 403],
      [app(testUser(b, 'facilitator')), 404],
      [app(null), 401],
    ];
  });
  afterAll(async () => {
    await database?.close();
  });

  test('a workstream, an action refused by its field, an update, a small big thing and the charter', async () => {
    const empty = (await (await send(facilitator, 'GET', `/relationships/${id}/workstreams`)).json()) as {
      owners: Owner[];
      workstreams: unknown[];
    };
    expect(empty.workstreams).toEqual([]);
    const ownerOf = (side: string) => empty.owners.find((o) => o.side === side)!;
    const created = await send(facilitator, 'POST', `/relationships/${id}/workstreams`, {
      title: 'Vision and charter',
      type: 'vision-charter',
      owners: {
        A: { kind: ownerOf('A').kind, id: ownerOf('A').id },
        B: { kind: ownerOf('B').kind, id: ownerOf('B').id },
      },
      targetDimensions: ['intent'],
      startedOn: '2024-03-01',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ref: 'WS-1' });

    const early = await send(facilitator, 'POST', `/relationships/${id}/workstreams/WS-1/actions`, {
      what: 'Draft the vision',
      owner: { kind: ownerOf('A').kind, id: ownerOf('A').id },
      dueOn: '2023-12-01',
    });
    expect(early.status).toBe(400);
    expect(((await early.json()) as ErrorBody).error.details.map((d) => d.field)).toEqual(['dueOn']);
    const update = await send(facilitator, 'POST', `/relationships/${id}/workstreams/WS-1/updates`, {
      on: '2024-04-01',
      rag: 'green',
      note: 'Both sponsors agreed the draft',
    });
    expect(update.status).toBe(201);
    const thing = await send(facilitator, 'POST', `/relationships/${id}/small-big-things`, {
      text: 'Invoices in the format the ledger reads',
      raisedOn: '2024-03-04',
    });
    expect(thing.status).toBe(201);

    const charter = await send(facilitator, 'PUT', `/relationships/${id}/charter`, {
      vision: 'One team for the customers',
      principles: ['Tell each other early'],
      behaviours: [],
      commitments: { A: [], B: ['Name one contact per shift'] },
      governance: ['Sponsors meet every quarter'],
    });
    expect(charter.status).toBe(201);
    const read = (await (await send(facilitator, 'GET', `/relationships/${id}/charter`)).json()) as {
      versions: Array<{ version: number; createdBy: string }>;
      isSigned: boolean;
    };
    expect(read).toMatchObject({
      isSigned: false,
      versions: [{ version: 1, createdBy: 'Fran Facilitator' }],
    });

    const listed = (await (await send(facilitator, 'GET', `/relationships/${id}/workstreams`)).json()) as {
      workstreams: Array<{ key: string; rag: string; impact: unknown[] }>;
      smallBigThings: unknown[];
    };
    expect(listed.workstreams[0]).toMatchObject({ key: 'WS-1', rag: 'green' });
    expect(listed.workstreams[0]!.impact.length).toBeGreaterThan(0);
    expect(listed.smallBigThings).toHaveLength(1);
  });

  test('sponsors, strangers and anonymous callers get nothing', async () => {
    for (const [app, status] of others) {
      expect((await send(app, 'GET', `/relationships/${id}/workstreams`)).status).toBe(status);
      expect((await send(app, 'GET', `/relationships/${id}/charter`)).status).toBe(status);
      expect(
        (
          await send(app, 'POST', `/relationships/${id}/small-big-things`, {
            text: 'x',
            raisedOn: '2024-01-01',
          })
        ).status,
      ).toBe(status);
    }
  });
});
