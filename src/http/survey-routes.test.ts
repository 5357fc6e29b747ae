import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRouteTestApp, TEST_BASE_URL } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { workspaces } from '../db/schema.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { importBundle } from '../services/import-bundle.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { linkRoutes, surveyApiRoutes, surveyOpenApiPaths } from './survey-routes.ts';

// The survey and link APIs in-process (app.request()), on both stores.

const NOW = new Date('2024-03-10T09:30:00Z');

describe.each(testStores)('survey API on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;
  let user: SignedInUser | null;

  function createTestApp() {
    const routes = new Hono<AppEnv>()
      .route('/survey', surveyApiRoutes({ now: () => NOW }))
      .route('/', linkRoutes({ now: () => NOW }));
    return createRouteTestApp(database, routes, () => user);
  }

  let app: ReturnType<typeof createTestApp>;
  const send = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    relationshipId = (
      await importBundle(
        database.db,
        workspaceId,
        createBundle({ responses: [], incidents: [], interviews: [] }),
      )
    ).relationshipId;
    await database.db.execute(sql`update waves set status = 'open' where label = 'Baseline'`);
    user = { id: 'u1', workspaceId, email: 'f@example.com', name: 'F', role: 'facilitator' };
    app = createTestApp();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function issue() {
    user = { id: 'u1', workspaceId, email: 'f@example.com', name: 'F', role: 'facilitator' };
    const res = await send('POST', `/api/relationships/${relationshipId}/waves/Baseline/links`, {
      reissue: true,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { links } = (await res.json()) as { links: Array<{ url: string; code: string; linkId: string }> };
    return links.map((l) => ({ ...l, token: l.url.split('/s/')[1]! }));
  }

  test('GET twice writes nothing; POST start does; token responses are private, errors too', async () => {
    const [link] = await issue();
    const count = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from responses`))[0]!.n;
    const before = await count();
    for (let i = 0; i < 2; i++) {
      const res = await send('GET', `/api/survey/${link!.token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { startedAt: unknown }).startedAt).toBeNull();
    }
    expect(await count()).toBe(before);
    const started = await send('POST', `/api/survey/${link!.token}/start`);
    expect(started.status).toBe(200);
    expect(((await started.json()) as { startedAt: string }).startedAt).toBe(NOW.toISOString());
    expect(Number(await count())).toBe(Number(before) + 1);

    const unknown = await send('GET', '/api/survey/AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect(unknown.headers.get('referrer-policy')).toBe('no-referrer');
    const wrongCode = await send('GET', '/api/survey/code/ACDE-FGHJ');
    expect(((await wrongCode.json()) as { error: { message: string } }).error.message).toBe(
      ((await unknown.json()) as { error: { message: string } }).error.message,
    );
  });

  test('answers by token and by code; field errors named; submit, then 409', async () => {
    const [, link] = await issue();
    const saved = await send('PUT', `/api/survey/${link!.token}/answers`, { answers: { COM1: 6 } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ answers: { COM1: 6 }, progress: { answered: 1, total: 26 } });

    const code = link!.code.toLowerCase().replace('-', ' ');
    const viaCode = await send('PUT', `/api/survey/code/${encodeURIComponent(code)}/answers`, {
      answers: { REL1: 2 },
      open: { WORKING: 'Stand-ups' },
    });
    expect(await viaCode.json()).toMatchObject({
      answers: { COM1: 6, REL1: 2 },
      open: { WORKING: 'Stand-ups' },
    });
    const posted = await send('POST', '/api/survey/code', { code: link!.code });
    expect(await posted.json()).toMatchObject({ answers: { COM1: 6, REL1: 2 } });
    expect(
      JSON.stringify(await (await send('POST', '/api/survey/code', { code: link!.code })).json()),
    ).not.toContain(link!.token);

    const bad = await send('PUT', `/api/survey/${link!.token}/answers`, { answers: { COM1: 9 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid-input', details: [{ field: 'answers.COM1' }] },
    });
    const notJson = await app.request(`/api/survey/${link!.token}/answers`, { method: 'PUT', body: '{' });
    expect(notJson.status).toBe(400);
    const noCode = await send('POST', '/api/survey/code', {});
    expect(await noCode.json()).toMatchObject({ error: { details: [{ field: 'code' }] } });

    const incident = await send('POST', `/api/survey/${link!.token}/incidents`, {
      narrative: 'They told us early.',
      direction: 'builds',
      strength: 2,
    });
    expect(incident.status).toBe(201);
    expect((await send('POST', `/api/survey/${link!.token}/submit`)).status).toBe(200);
    expect((await send('POST', `/api/survey/${link!.token}/submit`)).status).toBe(409);
    expect((await send('PUT', `/api/survey/${link!.token}/answers`, { answers: { COM1: 1 } })).status).toBe(
      409,
    );
  });

  test('facilitator routes: list, revoke, reissue; signed out 401; another workspace 404', async () => {
    const [link] = await issue();
    const listed = await send('GET', `/api/relationships/${relationshipId}/waves/Baseline/links`);
    const { links } = (await listed.json()) as { links: Array<{ status: string }> };
    expect(links.map((l) => l.status)).toEqual(['active', 'active']);
    expect(JSON.stringify(links)).not.toContain(link!.token);

    const revoked = await send('POST', `/api/links/${link!.linkId}/revoke`);
    expect(revoked.status).toBe(200);
    const gone = await send('GET', `/api/survey/${link!.token}`);
    expect(gone.status).toBe(403);
    expect(await gone.json()).toMatchObject({
      error: { code: 'forbidden', details: [{ state: 'revoked' }] },
    });

    const reissued = await send('POST', `/api/links/${link!.linkId}/reissue`, {});
    expect(reissued.status).toBe(201);
    const { link: fresh } = (await reissued.json()) as { link: { url: string } };
    // The configured base URL (PUBLIC_URL or the server's own), not the request's origin.
    expect(fresh.url.startsWith(`${TEST_BASE_URL}/s/`)).toBe(true);
    expect((await send('GET', `/api/survey/${fresh.url.split('/s/')[1]}`)).status).toBe(200);

    // A caller cannot choose where links point: `baseUrl` is not a field any more.
    const otherSite = await send('POST', `/api/relationships/${relationshipId}/waves/Baseline/links`, {
      baseUrl: 'https://evil.example',
    });
    expect(otherSite.status).toBe(400);
    expect(await otherSite.json()).toMatchObject({ error: { details: [{ field: 'baseUrl' }] } });

    user = null;
    expect((await send('GET', `/api/relationships/${relationshipId}/waves/Baseline/links`)).status).toBe(401);
    const [other] = await database.db.insert(workspaces).values({ name: 'Other' }).returning();
    user = { id: 'u2', workspaceId: other!.id, email: 'o@example.com', name: 'O', role: 'facilitator' };
    expect((await send('GET', `/api/relationships/${relationshipId}/waves/Baseline/links`)).status).toBe(404);
    expect((await send('POST', `/api/links/${link!.linkId}/revoke`)).status).toBe(404);
    expect((await send('POST', `/api/links/${link!.linkId}/reissue`)).status).toBe(404);
  });

  test('mail routes: invitations (a dry run changes nothing), the reminder schedule, reminders refused without one', async () => {
    user = { id: 'u1', workspaceId, email: 'f@example.com', name: 'F', role: 'facilitator' };
    const base = `/api/relationships/${relationshipId}/waves/Baseline`;
    const dry = await send('POST', `${base}/invitations`, { dryRun: true });
    expect(dry.status).toBe(200);
    const run = (await dry.json()) as { queued: number; preview: { text: string } | null };
    expect(run.queued).toBeGreaterThan(0);
    expect(run.preview?.text).toContain(`${TEST_BASE_URL}/s/…`);
    const outboxRows = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from outbox`))[0]!.n;
    expect(await outboxRows()).toBe(0);

    const noSchedule = await send('POST', `${base}/reminders`, {});
    expect(noSchedule.status).toBe(409);
    expect(((await noSchedule.json()) as { error: { message: string } }).error.message).toMatch(
      /has no reminder schedule/,
    );
    const bad = await send('PUT', `${base}/reminder-days`, { days: [3, 0] });
    expect(bad.status).toBe(400);
    const set = await send('PUT', `${base}/reminder-days`, { days: [7, 3] });
    expect(await set.json()).toEqual({ days: [3, 7] });

    const queued = await send('POST', `${base}/invitations`, {});
    expect(queued.status).toBe(202);
    expect(await outboxRows()).toBe(run.queued);
    expect(
      ((await (await send('POST', `${base}/invitations`, {})).json()) as { queued: number }).queued,
    ).toBe(0);
  });

  test('the OpenAPI fragment documents every route with its body schema', () => {
    expect(Object.keys(surveyOpenApiPaths)).toContain('/api/survey/{token}/answers');
    const answers = surveyOpenApiPaths['/api/survey/{token}/answers']!.put as {
      requestBody: { content: { 'application/json': { schema: { properties: object } } } };
    };
    expect(Object.keys(answers.requestBody.content['application/json'].schema.properties)).toEqual([
      'answers',
      'open',
    ]);
  });
});
