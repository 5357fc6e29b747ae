import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiClient, signInClient } from '../../tests/support/api-client.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { createUser } from '../services/create-user.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { createApp } from './create-app.ts';

// The assembled app in-process (app.request, no port), on each store: health, OpenAPI, the
// analysis and import behind sign-in, and workspaces kept apart.

const PASSWORD = 'correct horse battery staple';

describe.each(testStores)('the assembled HTTP app on $kind', (store) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let demoId: string;
  let facilitator: ApiClient;

  beforeAll(async () => {
    database = await store.open();
    const workspace = await ensureDefaultWorkspace(database.db);
    demoId = (await loadDemo(database.db, workspace.id)).relationshipId;
    await createUser(database.db, workspace.id, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'facilitator',
    });
    app = createApp({ db: database.db, storeKind: store.kind });
    facilitator = await signInClient(app, 'fran@example.com', PASSWORD);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('health answers with the store and security headers', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: store.kind });
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy')).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('OpenAPI 3.1 describes every part of the API, and the reference page lists it', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/sign-in',
      '/api/relationships',
      '/api/relationships/{id}/participants/import',
      '/api/relationships/{id}/analysis',
      '/api/survey/{token}/answers',
    ]) {
      expect(
        Object.keys(document.paths).some((p) => p.replaceAll(/:(\w+)/g, '{$1}') === path),
        path,
      ).toBe(true);
    }
    const html = await (await app.request('/api/docs')).text();
    expect(html).toMatch(/<h1>Trustloop API<\/h1>/);
    expect(html).toMatch(/POST \/api\/auth\/sign-in/);
  });

  test('the analysis needs a signed-in user', async () => {
    expect((await app.request(`/api/relationships/${demoId}/analysis`)).status).toBe(401);
    const analysis = (await (await facilitator.request(`/api/relationships/${demoId}/analysis`)).json()) as {
      waves: Array<{ stage: { level: number } }>;
    };
    expect(analysis.waves.map((w) => w.stage.level)).toEqual([1, 2, 2, 3]);
  });

  test('a wave’s deck, report and workbook come as attachments; a bad format is 400, an unknown wave 404', async () => {
    const path = `/api/relationships/${demoId}/waves/${encodeURIComponent('24 months')}/report`;
    expect((await app.request(`${path}?format=pdf`)).status).toBe(401);
    for (const [format, type, magic] of [
      ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PK'],
      ['pdf', 'application/pdf', '%PDF'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
    ] as const) {
      const response = await facilitator.request(`${path}?format=${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`attachment; filename=".+\\.${format}"`),
      );
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, magic.length)
          .toString(),
      ).toBe(magic);
    }
    const bad = await facilitator.request(`${path}?format=docx`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'format: choose one of pptx, pdf, xlsx (got "docx")',
    );
    const unknown = await facilitator.request(`/api/relationships/${demoId}/waves/Pulse%209/report`);
    expect(unknown.status).toBe(404);
  });

  test('a bundle posted as JSON is imported; a bad one is refused with 422 and its problems', async () => {
    const files = serializeBundle(createBundle());
    const created = await facilitator.request('/api/relationships/import', {
      method: 'POST',
      json: { files },
    });
    expect(created.status).toBe(201);
    const refused = await facilitator.request('/api/relationships/import', {
      method: 'POST',
      json: { files: { ...files, 'responses.csv': 'respondent,side,level,wave\nr1,X,staff,Baseline\n' } },
    });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; details: Array<{ text: string }> } };
    expect(body.error.code).toBe('invalid-bundle');
    expect(body.error.details.map((d) => d.text)).toContain(
      'responses.csv:2:4: side "X" is not a side: expected A or B',
    );
  });

  test('changes without the CSRF token, or sent as a cross-site form, are refused', async () => {
    const files = serializeBundle(createBundle());
    const cookieOnly = await facilitator.request('/api/relationships/import', {
      method: 'POST',
      json: { files },
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(cookieOnly.status).toBe(403);
    const textPlain = await facilitator.request('/api/relationships/import', {
      method: 'POST',
      body: JSON.stringify({ files }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(textPlain.status).toBe(400);
  });

  test('unknown API routes and relationships are 404 JSON', async () => {
    expect(
      (await facilitator.request('/api/relationships/00000000-0000-0000-0000-000000000000/analysis')).status,
    ).toBe(404);
    const route = await app.request('/api/nothing-here');
    expect(route.status).toBe(404);
    expect(((await route.json()) as { error: { code: string } }).error.code).toBe('not-found');
  });

  test('a facilitator of another workspace gets 404 for everything of this one', async () => {
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    await createUser(database.db, other!.id, {
      email: 'olga@other.example',
      name: 'Olga',
      password: PASSWORD,
      role: 'facilitator',
    });
    const outsider = await signInClient(app, 'olga@other.example', PASSWORD);
    for (const path of [
      `/api/relationships/${demoId}/analysis`,
      `/api/relationships/${demoId}`,
      `/api/relationships/${demoId}/participants`,
      `/api/relationships/${demoId}/waves`,
      `/api/relationships/${demoId}/tracking`,
      `/api/relationships/${demoId}/waves/Baseline/links`,
    ]) {
      expect((await outsider.request(path)).status, path).toBe(404);
    }
    expect(
      (await outsider.request(`/api/relationships/${demoId}/waves/Baseline/close`, { method: 'POST' }))
        .status,
    ).toBe(404);
    expect(await (await outsider.request('/api/relationships')).json()).toMatchObject({
      relationships: [],
      page: { total: 0 },
    });

    // The walk: every operation of the OpenAPI document about a relationship of this workspace.
    // A read is a 404; a change is refused (404, or 400 for its body first) and changes nothing.
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const values: Record<string, string> = {
      id: demoId,
      label: 'Baseline',
      ref: 'F-001',
      table: 'indices',
      theme: 'x',
      actionId: '00000000-0000-4000-8000-000000000000',
      thingId: '00000000-0000-4000-8000-000000000000',
      pid: '00000000-0000-4000-8000-000000000000',
    };
    let walked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/relationships/{id}')) continue;
      for (const method of Object.keys(operations)) {
        const url = path.replaceAll(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(values[name] ?? 'x'),
        );
        const response = await outsider.request(url, {
          method: method.toUpperCase(),
          ...(method === 'get' || method === 'delete' ? {} : { json: {} }),
        });
        const name = `${method.toUpperCase()} ${path}`;
        if (method === 'get') expect(response.status, name).toBe(404);
        else expect([400, 404], name).toContain(response.status);
        expect(await response.text(), name).not.toMatch(/Northwater|Corvid/);
        walked++;
      }
    }
    expect(walked).toBeGreaterThan(30);
  });
});
