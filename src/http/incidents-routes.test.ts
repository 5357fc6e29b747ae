import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codeDemoIncidents } from '../../tests/support/code-demo-incidents.ts';
import { createRouteTestApp, insertTwoWorkspaces, testUser } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { incidentsOpenApiPaths, incidentsRoutes } from './incidents-routes.ts';
import { buildOpenApiDocument } from './openapi.ts';

// The incidents API in-process over the demo relationship; a tiny app plays the session
// middleware (db and a signed-in user) and create-app.ts's onError.

const createTestApp = (database: Database, user: SignedInUser | null) =>
  createRouteTestApp(database, incidentsRoutes(), user);

type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string }> } };

describe.each(testStores)('incidents API on $kind', (store) => {
  let database: Database;
  let relationshipId: string;
  let facilitator: Hono<AppEnv>;
  let colleague: Hono<AppEnv>;
  let stranger: Hono<AppEnv>;
  let sponsor: Hono<AppEnv>;

  beforeAll(async () => {
    database = await store.open();
    const { mine, theirs } = await insertTwoWorkspaces(database);
    relationshipId = (await loadDemo(database.db, mine)).relationshipId;
    await codeDemoIncidents(database.db, mine, relationshipId);
    const [user] = await database.db
      .insert(users)
      .values({
        workspaceId: mine,
        email: 'fran@x.example',
        name: 'Fran',
        passwordHash: 'x',
        role: 'facilitator',
      })
      .returning();
    const as = (workspaceId: string, role: SignedInUser['role']) =>
      testUser(workspaceId, role, { id: user!.id, email: 'fran@x.example', name: 'Fran' });
    facilitator = createTestApp(database, as(mine, 'facilitator'));
    const [sam] = await database.db
      .insert(users)
      .values({
        workspaceId: mine,
        email: 'sam@x.example',
        name: 'Sam',
        passwordHash: 'x',
        role: 'facilitator',
      })
      .returning();
    colleague = createTestApp(
      database,
      testUser(mine, 'facilitator', { id: sam!.id, email: 'sam@x.example', name: 'Sam' }),
    );
    stranger = createTestApp(database, as(theirs, 'facilitator'));
    sponsor = createTestApp(database, as(mine, 'sponsor'));
  });
  afterAll(async () => {
    await database?.close();
  });

  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  test('the list takes the filters as query parameters and names a bad one', async () => {
    const all = await facilitator.request(`/api/relationships/${relationshipId}/incidents`);
    expect(all.status).toBe(200);
    const listed = (await all.json()) as { total: number; incidents: Array<Record<string, unknown>> };
    expect(listed.incidents).toHaveLength(listed.total);
    expect(Object.keys(listed.incidents[0]!)).not.toContain('responseId');
    const filtered = await facilitator.request(
      `/api/relationships/${relationshipId}/incidents?direction=dilutes&dimension=integrity`,
    );
    const some = (await filtered.json()) as { incidents: Array<{ direction: string; dimensions: string[] }> };
    expect(some.incidents.length).toBeGreaterThan(0);
    expect(some.incidents.every((i) => i.direction === 'dilutes' && i.dimensions.includes('integrity'))).toBe(
      true,
    );
    const bad = await facilitator.request(`/api/relationships/${relationshipId}/incidents?from=May`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details[0]?.field).toBe('from');
  });

  test('add, code, second-code and read κ; bad input names the field', async () => {
    const created = await facilitator.request(
      `/api/relationships/${relationshipId}/incidents`,
      json('POST', {
        occurredOn: '2024-06-03',
        title: 'Joint retro after the release',
        narrative: 'Both teams ran the retrospective together for the first time.',
        reporterSide: 'B',
        reporterLevel: 'staff',
        sidesInvolved: ['A', 'B'],
        levelsInvolved: ['staff', 'operational'],
        direction: 'builds',
        strength: 2,
        dimensions: ['openness'],
        themes: ['joint planning'],
        source: 'workshop',
      }),
    );
    expect(created.status).toBe(201);
    const { ref } = (await created.json()) as { ref: string };
    expect(ref).toMatch(/^INC-\d{3}$/);

    const badCoding = await facilitator.request(
      `/api/relationships/${relationshipId}/incidents/${ref}/coding`,
      json('PUT', { direction: 'sideways', strength: 2, dimensions: [], themes: [], status: 'reported' }),
    );
    expect(badCoding.status).toBe(400);
    expect(((await badCoding.json()) as ErrorBody).error.message).toMatch(/^direction: /);

    const coding = {
      direction: 'builds',
      strength: 2,
      dimensions: ['openness'],
      themes: ['joint planning'],
      trigger: 'communication',
      smallBigThing: false,
      contractScope: 'beyond',
    };
    const coded = await facilitator.request(
      `/api/relationships/${relationshipId}/incidents/${ref}/coding`,
      json('PUT', { ...coding, status: 'coded' }),
    );
    expect(coded.status).toBe(200);
    const sameCoder = await facilitator.request(
      `/api/relationships/${relationshipId}/incidents/${ref}/second-coding`,
      json('PUT', { ...coding, contractScope: 'within', codedBy: 'Fran' }),
    );
    expect(sameCoder.status).toBe(409);
    expect(((await sameCoder.json()) as ErrorBody).error.message).toMatch(
      /^you coded this incident first: the second coding must come from another account/,
    );
    const second = await colleague.request(
      `/api/relationships/${relationshipId}/incidents/${ref}/second-coding`,
      json('PUT', { ...coding, contractScope: 'within', codedBy: 'Sam' }),
    );
    expect(second.status).toBe(200);

    const detail = (await (
      await facilitator.request(`/api/relationships/${relationshipId}/incidents/${ref}`)
    ).json()) as { incident: { contractScope: string; codedBy: string }; secondCoding: { codedBy: string } };
    expect(detail.incident).toMatchObject({ contractScope: 'beyond', codedBy: 'Fran' });
    expect(detail.secondCoding.codedBy).toBe('Sam');

    const agreement = (await (
      await facilitator.request(`/api/relationships/${relationshipId}/incident-agreement`)
    ).json()) as {
      doubleCoded: number;
      fields: Array<{ field: string; kappa: number | null; n: number }>;
      incidents: Array<{ ref: string }>;
    };
    expect(agreement.doubleCoded).toBe(21);
    expect(agreement.incidents.map((i) => i.ref)).toContain(ref);
    const scope = agreement.fields.find((f) => f.field === 'contractScope')!;
    expect(scope.n).toBe(21);
    expect(scope.kappa).toBeGreaterThan(0);
    expect(scope.kappa).toBeLessThan(1);
  });

  test('another workspace gets 404, a sponsor 403, and the OpenAPI document lists every route', async () => {
    expect((await stranger.request(`/api/relationships/${relationshipId}/incidents`)).status).toBe(404);
    expect((await stranger.request(`/api/relationships/${relationshipId}/incident-agreement`)).status).toBe(
      404,
    );
    expect((await sponsor.request(`/api/relationships/${relationshipId}/incidents`)).status).toBe(403);
    const document = buildOpenApiDocument([incidentsOpenApiPaths]) as { paths: Record<string, object> };
    expect(Object.keys(document.paths)).toEqual([
      '/api/relationships/{id}/incident-agreement',
      '/api/relationships/{id}/incidents',
      '/api/relationships/{id}/incidents/{ref}',
      '/api/relationships/{id}/incidents/{ref}/coding',
      '/api/relationships/{id}/incidents/{ref}/second-coding',
    ]);
  });
});
