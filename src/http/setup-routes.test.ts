import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createRouteTestApp,
  insertTwoWorkspaces,
  sendJson as send,
  testUser,
} from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import type { AppEnv } from './app-env.ts';
import { setupOpenApiPaths, setupRoutes } from './setup-routes.ts';

// The setup API in-process. A tiny app stands in for the real one: a middleware that plays the
// session middleware (db and a signed-in user) and an onError like create-app.ts.

const createTestApp = (database: Database, workspaceId: string | null) =>
  createRouteTestApp(database, setupRoutes(), workspaceId ? testUser(workspaceId, 'facilitator') : null);

type ErrorBody = { error: { code: string; message: string; details: Array<Record<string, unknown>> } };

describe.each(testStores)('setup API on $kind', (store) => {
  let database: Database;
  let mine: Hono<AppEnv>;
  let theirs: Hono<AppEnv>;

  beforeAll(async () => {
    database = await store.open();
    const two = await insertTwoWorkspaces(database);
    mine = createTestApp(database, two.mine);
    theirs = createTestApp(database, two.theirs);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('a facilitator sets a relationship up end to end', async () => {
    const created = await send(mine, 'POST', '/relationships', {
      name: 'Northwind ⇄ Contoso',
      sides: { A: { name: 'Northwind', role: 'customer' }, B: { name: 'Contoso' } },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await (await send(mine, 'GET', '/relationships')).json()) as unknown).toMatchObject({
      relationships: [{ id, name: 'Northwind ⇄ Contoso' }],
    });

    const patched = await send(mine, 'PATCH', `/relationships/${id}`, { anonymityThreshold: 4 });
    expect(await patched.json()).toMatchObject({
      anonymityThreshold: 4,
      sides: { B: { name: 'Contoso', role: '' } },
    });

    const added = await send(mine, 'POST', `/relationships/${id}/participants`, {
      name: 'Ann',
      email: 'ann@x.example',
      side: 'A',
      level: 'staff',
    });
    expect(added.status).toBe(201);
    const ann = (await added.json()) as { id: string };
    const csv = 'name,email,side,level\nBo,bo@x.example,B,leadership\nCy,bad,B,staff\n';
    const preview = (await (
      await send(mine, 'POST', `/relationships/${id}/participants/preview`, { csv })
    ).json()) as {
      rows: unknown[];
      problems: Array<{ line: number; column: number; field: string }>;
    };
    expect(preview.rows).toHaveLength(2);
    expect(preview.problems).toEqual([expect.objectContaining({ line: 3, column: 4, field: 'email' })]);
    const refused = await send(mine, 'POST', `/relationships/${id}/participants/import`, { csv });
    expect(refused.status).toBe(400);
    const imported = await send(mine, 'POST', `/relationships/${id}/participants/import`, {
      csv: csv.replace('bad', 'cy@x.example'),
    });
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ imported: 2, participantCount: 3 });
    expect(
      (await send(mine, 'PATCH', `/relationships/${id}/participants/${ann.id}`, { role: 'Analyst' })).status,
    ).toBe(200);
    expect((await send(mine, 'DELETE', `/relationships/${id}/participants/${ann.id}`)).status).toBe(204);
    const listed = (await (await send(mine, 'GET', `/relationships/${id}/participants`)).json()) as {
      participants: unknown[];
    };
    expect(listed.participants).toHaveLength(2);

    const wave = await send(mine, 'POST', `/relationships/${id}/waves`, {
      label: 'Pulse 1',
      opens: '2099-01-01',
      closes: '2099-01-31',
    });
    expect(wave.status).toBe(201);
    const opened = await send(
      mine,
      'POST',
      `/relationships/${id}/waves/${encodeURIComponent('Pulse 1')}/open`,
    );
    expect(await opened.json()).toMatchObject({ label: 'Pulse 1', status: 'open', anonymityThreshold: 4 });
    const fixed = await send(mine, 'PATCH', `/relationships/${id}`, { anonymityThreshold: 5 });
    expect(fixed.status).toBe(409);
    const reopened = await send(
      mine,
      'POST',
      `/relationships/${id}/waves/${encodeURIComponent('Pulse 1')}/open`,
    );
    expect(reopened.status).toBe(409);
    expect((await send(mine, 'POST', `/relationships/${id}/waves/Pulse%201/close`)).status).toBe(200);
    expect((await (await send(mine, 'GET', `/relationships/${id}/waves`)).json()) as unknown).toMatchObject({
      waves: [{ label: 'Pulse 1', status: 'closed' }],
    });
    const tracking = (await (await send(mine, 'GET', `/relationships/${id}/tracking`)).json()) as {
      waves: Array<{ total: { invited: number } }>;
    };
    expect(tracking.waves[0]!.total).toEqual({ invited: 2, started: 0, submitted: 0 });
    expect((await (await send(mine, 'GET', `/relationships/${id}`)).json()) as unknown).toMatchObject({
      participantCount: 2,
      isThresholdFixed: true,
    });

    // Another workspace's facilitator gets 404 for every one of these.
    const paths: Array<[string, string, unknown?]> = [
      ['GET', `/relationships/${id}`],
      ['PATCH', `/relationships/${id}`, { name: 'x' }],
      ['GET', `/relationships/${id}/participants`],
      [
        'POST',
        `/relationships/${id}/participants`,
        { name: 'E', email: 'e@x.example', side: 'A', level: 'staff' },
      ],
      ['POST', `/relationships/${id}/participants/preview`, { csv }],
      ['POST', `/relationships/${id}/participants/import`, { csv }],
      ['PATCH', `/relationships/${id}/participants/${ann.id}`, { name: 'x' }],
      ['DELETE', `/relationships/${id}/participants/${ann.id}`],
      ['GET', `/relationships/${id}/waves`],
      ['POST', `/relationships/${id}/waves`, { label: 'X', opens: '2099-01-01', closes: '2099-01-02' }],
      ['POST', `/relationships/${id}/waves/Pulse%201/open`],
      ['POST', `/relationships/${id}/waves/Pulse%201/close`],
      ['GET', `/relationships/${id}/tracking`],
    ];
    for (const [method, path, body] of paths) {
      const response = await send(theirs, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(await (await send(theirs, 'GET', '/relationships')).json()).toEqual({
      relationships: [],
      page: { q: '', limit: 100, offset: 0, total: 0, matching: 0, nextOffset: null },
    });
  });

  test('GET /relationships answers a page at a time: limit, offset and q, with where the next starts', async () => {
    const [paged] = await database.db.insert(workspaces).values({ name: 'Paged' }).returning();
    const app = createTestApp(database, paged!.id);
    const names = Array.from({ length: 7 }, (_, i) => `Alliance ${i + 1}`);
    for (const [i, name] of names.entries()) {
      const side = i === 3 ? 'Contoso IT' : `Buyer ${i}`;
      const created = await send(app, 'POST', '/relationships', {
        name,
        sides: { A: { name: side }, B: { name: 'Seller' } },
      });
      expect(created.status).toBe(201);
    }
    type Listed = {
      relationships: Array<{ name: string; sides: { A: { name: string } }; waves: number }>;
      page: { total: number; matching: number; limit: number; offset: number; nextOffset: number | null };
    };
    const list = async (query: string) =>
      (await (await send(app, 'GET', `/relationships${query}`)).json()) as Listed;

    const whole = await list('');
    expect(whole.relationships.map((r) => r.name)).toEqual(names);
    expect(whole.relationships[0]).toMatchObject({ sides: { A: { name: 'Buyer 0' } }, waves: 0 });
    expect(whole.page).toEqual({ q: '', limit: 100, offset: 0, total: 7, matching: 7, nextOffset: null });

    const first = await list('?limit=3');
    expect(first.relationships.map((r) => r.name)).toEqual(names.slice(0, 3));
    expect(first.page.nextOffset).toBe(3);
    const third = await list('?limit=3&offset=6');
    expect(third.relationships.map((r) => r.name)).toEqual(names.slice(6));
    expect(third.page).toMatchObject({ limit: 3, offset: 6, nextOffset: null });

    const filtered = await list('?q=contoso');
    expect(filtered.relationships.map((r) => r.name)).toEqual(['Alliance 4']);
    expect(filtered.page).toMatchObject({ q: 'contoso', total: 7, matching: 1 });
  });

  test.each([
    ['?limit=0', 'limit', 'limit: must be at least 1'],
    ['?limit=1000', 'limit', 'limit: must be at most 500'],
    ['?limit=all', 'limit', 'limit: expected a whole number'],
    ['?offset=-5', 'offset', 'offset: must be at least 0'],
    ['?cursor=abc', 'cursor', 'cursor: is not a known field'],
  ])('GET /relationships%s is a 400 naming %s', async (query, field, message) => {
    const response = await send(mine, 'GET', `/relationships${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'invalid-input', message });
    expect(body.error.details).toEqual([expect.objectContaining({ field })]);
  });

  test('validation errors are 400s that name the field', async () => {
    const bad = await send(mine, 'POST', '/relationships', {
      name: 'X',
      sides: { A: { name: 'A' } },
      anonymityThreshold: 2,
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.message).toMatch(/^sides\.B: is required/);
    expect(body.error.details.map((d) => d.field)).toEqual(['sides.B', 'anonymityThreshold']);
    const notJson = await send(mine, 'POST', '/relationships', '{ nope');
    expect(((await notJson.json()) as ErrorBody).error.message).toMatch(/^body: not valid JSON \(/);
    const noCsv = await send(
      mine,
      'POST',
      '/relationships/00000000-0000-0000-0000-000000000000/participants/preview',
      {},
    );
    expect(((await noCsv.json()) as ErrorBody).error.message).toBe('csv: is required');
  });

  test('instruments: listed with the built-in one, uploaded, reused, refused with JSON paths', async () => {
    const instrument = {
      name: 'Mini pulse',
      version: '1',
      scale: { min: 1, max: 5 },
      dimensions: [{ key: 'competence', label: 'Competence' }],
      items: [{ code: 'C1', dimension: 'competence', kind: 'trust', text: '{other} can.', reverse: false }],
      open: [],
    };
    const first = await send(mine, 'POST', '/instruments', { instrumentJson: JSON.stringify(instrument) });
    expect(first.status).toBe(201);
    expect(
      (await send(mine, 'POST', '/instruments', { instrumentJson: JSON.stringify(instrument) })).status,
    ).toBe(200);
    const other = await send(mine, 'POST', '/instruments', {
      instrumentJson: JSON.stringify({ ...instrument, open: [{ code: 'X', text: 'x' }] }),
    });
    expect(other.status).toBe(409);
    const broken = await send(mine, 'POST', '/instruments', {
      instrumentJson: JSON.stringify({ ...instrument, scale: { min: 3, max: 3 } }),
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.details).toEqual([
      expect.objectContaining({
        path: '$.scale.max',
        text: 'instrument.json $.scale.max: max 3 must be greater than min 3',
      }),
    ]);
    const listed = (await (await send(mine, 'GET', '/instruments')).json()) as {
      instruments: Array<{ name: string }>;
    };
    expect(listed.instruments.map((i) => i.name)).toEqual(['Trustloop B2B trust diagnostic', 'Mini pulse']);
    const theirList = (await (await send(theirs, 'GET', '/instruments')).json()) as {
      instruments: unknown[];
    };
    expect(theirList.instruments).toHaveLength(1);
  });

  test('archive, list the archived, restore, and delete with the name typed', async () => {
    const created = await send(mine, 'POST', '/relationships', {
      name: 'Archive Me Ltd',
      sides: { A: { name: 'Archive' }, B: { name: 'Me' } },
    });
    const { id } = (await created.json()) as { id: string };
    const listed = async (query = '') =>
      (
        (await (await send(mine, 'GET', `/relationships${query}`)).json()) as {
          relationships: Array<{ id: string }>;
        }
      ).relationships.map((r) => r.id);
    expect(await listed()).toContain(id);
    const archived = await send(mine, 'POST', `/relationships/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(await archived.json()).toMatchObject({ id, archivedAt: expect.any(String) });
    expect(await listed()).not.toContain(id);
    expect(await listed('?archived=true')).toEqual([id]);
    expect((await send(mine, 'POST', `/relationships/${id}/archive`)).status).toBe(409);
    expect((await send(theirs, 'POST', `/relationships/${id}/archive`)).status).toBe(404);
    const bad = await send(mine, 'GET', '/relationships?archived=maybe');
    expect(((await bad.json()) as ErrorBody).error.message).toMatch(/^archived: /);
    expect((await send(mine, 'POST', `/relationships/${id}/restore`)).status).toBe(200);
    expect(await listed()).toContain(id);

    const wrong = await send(mine, 'DELETE', `/relationships/${id}`, { confirm: 'Archive Me' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error.details[0]).toMatchObject({ field: 'confirm' });
    expect((await send(theirs, 'DELETE', `/relationships/${id}`, { confirm: 'Archive Me Ltd' })).status).toBe(
      404,
    );
    expect((await send(mine, 'DELETE', `/relationships/${id}`, { confirm: 'Archive Me Ltd' })).status).toBe(
      204,
    );
    expect((await send(mine, 'GET', `/relationships/${id}`)).status).toBe(404);
  });

  test('without a signed-in user every route is 401', async () => {
    const anonymous = createTestApp(database, null);
    expect((await send(anonymous, 'GET', '/relationships')).status).toBe(401);
    expect((await send(anonymous, 'GET', '/instruments')).status).toBe(401);
  });

  test('a sponsor is refused (403) by the routes themselves, not only by the guard in front of /api', async () => {
    const [workspace] = await database.db.insert(workspaces).values({ name: 'Sponsored' }).returning();
    const sponsor = createRouteTestApp(database, setupRoutes(), testUser(workspace!.id, 'sponsor'));
    for (const path of ['/relationships', '/instruments']) {
      const response = await send(sponsor, 'GET', path);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as ErrorBody).error.message).toBe(
        'this needs one of the roles: admin, facilitator',
      );
    }
  });
});

test('the OpenAPI fragment documents the paging of GET /relationships', () => {
  const get = (
    setupOpenApiPaths['/relationships'] as Record<
      string,
      { parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }> }
    >
  ).get!;
  expect(get.parameters.map((p) => [p.name, p.in])).toEqual([
    ['q', 'query'],
    ['limit', 'query'],
    ['offset', 'query'],
    ['archived', 'query'],
  ]);
  expect(get.parameters[1]!.schema).toMatchObject({
    type: 'integer',
    minimum: 1,
    maximum: 500,
    default: 100,
  });
});

test('the OpenAPI fragment describes every route with its JSON body schema', () => {
  expect(Object.keys(setupOpenApiPaths)).toHaveLength(13);
  const post = (
    setupOpenApiPaths['/relationships'] as Record<
      string,
      { requestBody: { content: Record<string, { schema: { required: string[] } }> } }
    >
  ).post!;
  expect(post.requestBody.content['application/json']!.schema.required).toEqual(['name', 'sides']);
});
