import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRouteTestApp, insertTwoWorkspaces, testUser } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { tagDemoThemes } from '../demo/tag-demo-themes.ts';
import { loadDemo } from '../services/load-demo.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { commentsOpenApiPaths, commentsRoutes } from './comments-routes.ts';
import { buildOpenApiDocument } from './openapi.ts';

// The comments API in-process over the demo relationship. A tiny app stands in for the real one:
// a middleware that plays the session middleware (db and a signed-in user) and an onError like
// create-app.ts.

const createTestApp = (database: Database, user: SignedInUser | null) =>
  createRouteTestApp(database, commentsRoutes(), user);

type Listed = {
  wave: { label: string };
  comments: {
    questions: Array<{
      code: string;
      sides: Array<{ side: string; comments: Array<{ ref: string; text: string; themes: string[] }> }>;
      themeCounts: Array<{ key: string; total: number }>;
    }>;
  };
};

describe.each(testStores)('comments API on $kind', (store) => {
  let database: Database;
  let relationshipId: string;
  let facilitator: Hono<AppEnv>;

  beforeAll(async () => {
    database = await store.open();
    const { mine, theirs } = await insertTwoWorkspaces(database);
    relationshipId = (await loadDemo(database.db, mine)).relationshipId;
    facilitator = createTestApp(database, testUser(mine, 'facilitator'));
    stranger = createTestApp(database, testUser(theirs, 'admin'));
    sponsor = createTestApp(database, testUser(mine, 'sponsor'));
    nobody = createTestApp(database, null);
  });
  let stranger: Hono<AppEnv>;
  let sponsor: Hono<AppEnv>;
  let nobody: Hono<AppEnv>;
  afterAll(async () => {
    await database?.close();
  });

  const list = async (app: Hono<AppEnv>, query = '?wave=Baseline') =>
    app.request(`/api/relationships/${relationshipId}/comments${query}`);

  test("a facilitator reads a wave's comments by question and side, with nothing that names anyone", async () => {
    const response = await list(facilitator);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Listed;
    expect(body.wave.label).toBe('Baseline');
    expect(body.comments.questions.map((q) => q.code)).toEqual(['WORKING', 'NOT_WORKING', 'SMALL_BIG']);
    const working = body.comments.questions[0]!;
    expect(working.sides.map((s) => s.side)).toEqual(['A', 'B']);
    expect(working.sides[0]!.comments.length).toBeGreaterThan(5);
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/responseId|participant|submitted_?at|respondent|@northwater|Helen Marsh/i);
  });

  test('without a wave, the latest closed one', async () => {
    const body = (await (await list(facilitator, '')).json()) as Listed;
    expect(body.wave.label).toBe('24 months');
  });

  test('a theme is added, counted, filtered by, and removed', async () => {
    const before = (await (await list(facilitator)).json()) as Listed;
    // Two comments the demo left without themes (its keyword tags are on others; the order is keyed
    // per wave, so which ones come first differs from run to run).
    const [first, second] = before.comments.questions[0]!.sides[0]!.comments.filter(
      (c) => c.themes.length === 0,
    );
    const tag = (ref: string, theme: unknown) =>
      facilitator.request(`/api/relationships/${relationshipId}/waves/Baseline/comments/${ref}/themes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ theme }),
      });
    const added = await tag(first!.ref, ' Ticket ownership ');
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({ ref: first!.ref, themes: ['Ticket ownership'] });
    expect((await tag(second!.ref, 'ticket OWNERSHIP')).status).toBe(200);

    const filtered = (await (
      await list(facilitator, '?wave=Baseline&theme=ticket%20ownership')
    ).json()) as Listed;
    expect(filtered.comments.questions[0]!.sides[0]!.comments.map((c) => c.ref)).toEqual(
      [first!.ref, second!.ref].sort(),
    );
    // The demo arrives with its own theme tags (loadDemo); this one is new and counted beside them.
    expect(filtered.comments.questions[0]!.themeCounts).toContainEqual(
      expect.objectContaining({ key: 'ticket ownership', total: 2 }),
    );

    const refused = await tag(first!.ref, 'x'.repeat(41));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'invalid-input', details: [{ field: 'theme' }] },
    });
    expect((await tag(first!.ref, 7)).status).toBe(400);

    const removed = await facilitator.request(
      `/api/relationships/${relationshipId}/waves/Baseline/comments/${first!.ref}/themes/TICKET%20ownership`,
      { method: 'DELETE' },
    );
    expect(await removed.json()).toEqual({ ref: first!.ref, themes: [] });
    const after = (await (await list(facilitator)).json()) as Listed;
    expect(after.comments.questions[0]!.themeCounts).toContainEqual(
      expect.objectContaining({ key: 'ticket ownership', total: 1 }),
    );
    // The order did not move while tagging.
    expect(after.comments.questions[0]!.sides[0]!.comments.map((c) => c.ref)).toEqual(
      before.comments.questions[0]!.sides[0]!.comments.map((c) => c.ref),
    );
  });

  test('sponsors are refused, strangers find nothing, nobody must sign in, unknown waves and queries are refused', async () => {
    expect((await list(sponsor)).status).toBe(403);
    expect((await list(nobody)).status).toBe(401);
    expect((await list(stranger)).status).toBe(404);
    expect((await list(facilitator, '?wave=Nope')).status).toBe(404);
    expect((await list(facilitator, '?colour=red')).status).toBe(400);
    const ref = '000000000000000000000000';
    const sponsorTag = await sponsor.request(
      `/api/relationships/${relationshipId}/waves/Baseline/comments/${ref}/themes`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ theme: 'x' }),
      },
    );
    expect(sponsorTag.status).toBe(403);
    const unknown = await facilitator.request(
      `/api/relationships/${relationshipId}/waves/Baseline/comments/${ref}/themes/x`,
      { method: 'DELETE' },
    );
    expect(unknown.status).toBe(404);
  });

  test("the demo's themes: tagged by keyword, counted on the page's data, once", async () => {
    const mine = (await database.db.select().from(workspaces)).find((w) => w.name === 'Mine')!;
    // loadDemo tagged them already; tagging again adds nothing.
    expect(await tagDemoThemes(database.db, mine.id, relationshipId)).toBe(0);
    const body = (await (await list(facilitator, '?wave=24%20months')).json()) as Listed;
    const counted = body.comments.questions.flatMap((q) => q.themeCounts.map((t) => t.key));
    expect(counted).toEqual(expect.arrayContaining(['one team', 'ticket handling']));
    const theirs = (await database.db.select().from(workspaces)).find((w) => w.name === 'Theirs')!;
    await expect(tagDemoThemes(database.db, theirs.id, relationshipId)).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  test('every documented path is a route', async () => {
    const document = buildOpenApiDocument([commentsOpenApiPaths]) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => [method, path] as const),
    );
    expect(operations).toHaveLength(3);
    for (const [method, path] of operations) {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'id' ? relationshipId : 'x',
      );
      const response = await nobody.request(concrete, { method: method.toUpperCase() });
      // 401 from requireUser proves a route answered; an unknown path would be 404.
      expect([method, path, response.status]).toEqual([method, path, 401]);
    }
  });
});
