import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRouteTestApp, testUser } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { importBundle } from '../services/import-bundle.ts';
import type { SignedInUser } from './app-env.ts';
import { portfolioOpenApiPaths, portfolioRoutes } from './portfolio-routes.ts';

// GET /api/portfolio in-process, with a stand-in for the session middleware (as setup-routes.test.ts).

const createTestApp = (database: Database, user: SignedInUser | null) =>
  createRouteTestApp(database, portfolioRoutes(), user);

type Body = {
  total: number;
  withWarnings: number;
  relationships: Array<{
    relationshipId: string;
    name: string;
    index: { A: number | null; B: number | null };
  }>;
};

describe.each(testStores)('portfolio API on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let demoId: string;
  const user = (role: SignedInUser['role']) => testUser(workspaceId, role);

  beforeAll(async () => {
    database = await store.open();
    const [mine] = await database.db
      .insert(workspaces)
      .values([{ name: 'Mine' }])
      .returning();
    workspaceId = mine!.id;
    demoId = (await importBundle(database.db, workspaceId, generateDemoBundle())).relationshipId;
  });
  afterAll(async () => {
    await database?.close();
  });

  test('lists the relationships with the analysis service numbers', async () => {
    const response = await createTestApp(database, user('facilitator')).request(
      '/api/portfolio?sort=index-a&dir=desc',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    expect(body.total).toBe(1);
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, demoId);
    expect(body.relationships[0]).toMatchObject({
      relationshipId: demoId,
      index: analysis.waves.at(-1)!.index,
    });
  });

  test('filters by text', async () => {
    const app = createTestApp(database, user('admin'));
    const none = (await (await app.request('/api/portfolio?q=no-such-name')).json()) as Body;
    expect(none).toMatchObject({ total: 1, relationships: [] });
  });

  test('an unknown sort is refused, naming the parameter', async () => {
    const response = await createTestApp(database, user('facilitator')).request('/api/portfolio?sort=colour');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.message).toMatch(/^sort: /);
  });

  test('signed out: 401; a sponsor: 403', async () => {
    expect((await createTestApp(database, null).request('/api/portfolio')).status).toBe(401);
    expect((await createTestApp(database, user('sponsor')).request('/api/portfolio')).status).toBe(403);
  });
});

test('the OpenAPI fragment documents every query parameter', () => {
  const names = portfolioOpenApiPaths['/api/portfolio'].get.parameters.map((p) => p.name);
  expect(names).toEqual(['sort', 'dir', 'stage', 'flag', 'q']);
});
