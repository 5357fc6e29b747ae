import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { loadDemo } from '../services/load-demo.ts';
import { createApp } from './create-app.ts';

// The HTTP layer in-process (app.request, no port), on each store.

describe.each(testStores)('HTTP API on $kind', (store) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let demoId: string;

  beforeAll(async () => {
    database = await store.open();
    const workspace = await ensureDefaultWorkspace(database.db);
    demoId = (await loadDemo(database.db, workspace.id)).relationshipId;
    app = createApp({ db: database.db, workspaceId: workspace.id, storeKind: store.kind });
  });
  afterAll(async () => {
    await database?.close();
  });

  test('health answers with the store and security headers', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: store.kind });
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('the home page lists the demo relationship', async () => {
    const html = await (await app.request('/')).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/Northwater ↔ Corvid IT outsourcing/);
    const report = await (await app.request(`/relationships/${demoId}/report`)).text();
    expect(report).toMatch(/<pre>Northwater ↔ Corvid IT outsourcing\n/);
    expect(report).toMatch(/Stage 3: Goodwill \/ trusted partner/);
  });

  test('relationships and their analysis', async () => {
    const list = (await (await app.request('/api/relationships')).json()) as {
      relationships: Array<{ id: string }>;
    };
    expect(list.relationships.map((r) => r.id)).toEqual([demoId]);
    const analysis = (await (await app.request(`/api/relationships/${demoId}/analysis`)).json()) as {
      waves: Array<{ stage: { level: number } }>;
    };
    expect(analysis.waves.map((w) => w.stage.level)).toEqual([1, 2, 2, 3]);
  });

  test('a bundle posted as JSON is imported; a bad one is refused with 422 and its problems', async () => {
    const files = serializeBundle(createBundle());
    const created = await app.request('/api/relationships', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const exported = (await (await app.request(`/api/relationships/${id}/bundle`)).json()) as {
      files: Record<string, string>;
    };
    expect(Object.keys(exported.files).sort()).toEqual(Object.keys(files).sort());

    const refused = await app.request('/api/relationships', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        files: { ...files, 'responses.csv': 'respondent,side,level,wave\nr1,X,staff,Baseline\n' },
      }),
    });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; details: Array<{ text: string }> } };
    expect(body.error.code).toBe('invalid-bundle');
    expect(body.error.details.map((d) => d.text)).toContain(
      'responses.csv:2:4: side "X" is not a side: expected A or B',
    );
  });

  test('malformed requests and unknown relationships get clear errors', async () => {
    const notJson = await app.request('/api/relationships', { method: 'POST', body: 'nope' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /^body: expected JSON/,
    );
    const missing = await app.request('/api/relationships/00000000-0000-0000-0000-000000000000/analysis');
    expect(missing.status).toBe(404);
    const route = await app.request('/api/nothing-here');
    expect(route.status).toBe(404);
  });

  test('a server for another workspace sees none of this one', async () => {
    const [other] = await database.db.insert(workspaces).values({ name: 'Other' }).returning();
    const otherApp = createApp({ db: database.db, workspaceId: other!.id, storeKind: store.kind });
    expect((await otherApp.request(`/api/relationships/${demoId}/analysis`)).status).toBe(404);
    expect((await otherApp.request(`/api/relationships/${demoId}/bundle`)).status).toBe(404);
    expect(await (await otherApp.request('/api/relationships')).json()).toEqual({ relationships: [] });
  });
});
