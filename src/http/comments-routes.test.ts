import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRouteTestApp, insertTwoWorkspaces, testUser } from '../../tests/support/route-test-app.ts';
import { tagDemoThemes } from '../../tests/support/tag-demo-themes.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
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
      sides: Array<{
        side: string;
        comments: Array<{ ref: string; text: string; original?: string | null; themes: string[] }>;
      }>;
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

  test('a redaction and a hidden comment: the facilitator keeps the original, audience=shared does not', async () => {
    const before = (await (await list(facilitator, '?wave=12%20months')).json()) as Listed;
    const [one, two] = before.comments.questions[1]!.sides[1]!.comments;
    const put = (ref: string, what: string, body: unknown) =>
      facilitator.request(`/api/relationships/${relationshipId}/waves/12%20months/comments/${ref}/${what}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const redacted = await put(one!.ref, 'redaction', { text: 'Redacted: [name] was late.' });
    expect(redacted.status).toBe(200);
    expect(await redacted.json()).toEqual({ ref: one!.ref, redacted: true, hidden: false });
    expect((await put(two!.ref, 'visibility', { hidden: true })).status).toBe(200);
    expect((await put(two!.ref, 'visibility', { hidden: 'yes' })).status).toBe(400);

    const mine = JSON.stringify(await (await list(facilitator, '?wave=12%20months')).json());
    expect(mine).toContain(one!.text);
    expect(mine).toContain('Redacted: [name] was late.');
    const shared = (await (await list(facilitator, '?wave=12%20months&audience=shared')).json()) as Listed;
    const sharedComments = shared.comments.questions.flatMap((q) => q.sides.flatMap((s) => s.comments));
    expect(sharedComments.find((c) => c.ref === one!.ref)).toMatchObject({
      text: 'Redacted: [name] was late.',
      original: null,
    });
    expect(sharedComments.some((c) => c.ref === two!.ref)).toBe(false);
    // Another workspace finds nothing to redact; a sponsor is refused.
    const strangerPut = await stranger.request(
      `/api/relationships/${relationshipId}/waves/12%20months/comments/${one!.ref}/redaction`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' },
    );
    expect(strangerPut.status).toBe(404);
    const sponsorPut = await sponsor.request(
      `/api/relationships/${relationshipId}/waves/12%20months/comments/${one!.ref}/visibility`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"hidden":false}' },
    );
    expect(sponsorPut.status).toBe(403);
    await put(one!.ref, 'redaction', { text: '' });
    await put(two!.ref, 'visibility', { hidden: false });
  });

  test('a theme is renamed on every comment of a wave in one call', async () => {
    const body = (await (await list(facilitator, '?wave=24%20months')).json()) as Listed;
    const theme = body.comments.questions.flatMap((q) => q.themeCounts)[0]!;
    const rename = (from: string, to: string | null) =>
      facilitator.request(`/api/relationships/${relationshipId}/waves/24%20months/comment-themes/rename`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, to }),
      });
    const renamed = await rename(theme.key, 'Renamed theme');
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ theme: 'Renamed theme' });
    const after = JSON.stringify(await (await list(facilitator, '?wave=24%20months')).json());
    expect(after).toContain('Renamed theme');
    expect((await rename('Renamed theme', theme.key)).status).toBe(200);
    expect((await rename('no such theme', 'x')).status).toBe(404);
  });

  test('every documented path is a route', async () => {
    const document = buildOpenApiDocument([commentsOpenApiPaths]) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => [method, path] as const),
    );
    expect(operations).toHaveLength(6);
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
