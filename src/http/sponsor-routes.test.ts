import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiClient, signInClient } from '../../tests/support/api-client.ts';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { incidents, interviews, participants, relationships, waves } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createRelationship } from '../services/create-relationship.ts';
import { createUser } from '../services/create-user.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import webRoutes from '../web/routes.ts';
import { createApp } from './create-app.ts';
import { sponsorOpenApiPaths } from './sponsor-routes.ts';

// Sponsors in the API, in-process (app.request) on each store, with the built web app mounted:
// staff add and remove sponsors; a sponsor sees only their own relationships; and a walk over
// EVERY page of src/web/routes.ts and EVERY operation of the OpenAPI document with a sponsor's
// session, so routes other engineers add later are covered without touching this file.

const PASSWORD = 'correct horse battery staple';
const SPONSOR_PASSWORD = 'a long sponsor password';

/** Words of the analysis and the workbench that a sponsor's answer must not carry before release. */
const RESULT_WORDS = /\b(index|mean|stage|comments?|incidents?|interviews?)\b/i;

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  }
  return [];
}

/**
 * Routes known to let a sponsor in, each with the file that must change. The walk asserts this
 * list is exactly what it finds: a new leak fails it, and so does a fixed one still listed here.
 */
const KNOWN_API_LEAKS: Record<string, string> = {};
const KNOWN_PAGE_LEAKS: Record<string, string> = {};

describe.each(testStores)('sponsors over HTTP on $kind', (store) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let workspaceId: string;
  let demoId: string;
  let otherId: string;
  let admin: ApiClient;
  let facilitator: ApiClient;
  let sponsor: ApiClient;
  let sponsorUserId: string;
  /** Strings of the demo that no refused answer may contain. */
  let secrets: string[];

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    demoId = (await loadDemo(database.db, workspaceId)).relationshipId;
    // These tests start before any release: the demo's findings and charter are taken away.
    await clearShareAndAct(database.db, demoId);
    otherId = (
      await createRelationship(database.db, workspaceId, {
        name: 'Harbour Logistics – Meridian Freight',
        sides: {
          A: { name: 'Harbour Logistics', role: 'customer' },
          B: { name: 'Meridian Freight', role: '' },
        },
      })
    ).id;
    for (const [email, role] of [
      ['ada@example.com', 'admin'],
      ['fran@example.com', 'facilitator'],
    ] as const) {
      await createUser(database.db, workspaceId, { email, name: email, password: PASSWORD, role });
    }
    app = createApp({ db: database.db, storeKind: store.kind, web: await createTestWebApp() });
    admin = await signInClient(app, 'ada@example.com', PASSWORD);
    facilitator = await signInClient(app, 'fran@example.com', PASSWORD);

    // The whole invitation loop through the API: add, read the outbox, set the password, sign in.
    const added = await facilitator.request('/api/sponsors', {
      method: 'POST',
      json: { name: 'Sam Sponsor', email: 'sam@example.com', relationship: demoId, side: 'B' },
    });
    expect(added.status).toBe(201);
    sponsorUserId = ((await added.json()) as { userId: string }).userId;
    const { mail } = (await (await admin.request('/api/outbox')).json()) as {
      mail: Array<{ to: string; body: string }>;
    };
    const token = /\/reset-password\/([\w-]+)/.exec(mail.find((m) => m.to === 'sam@example.com')!.body)![1];
    const confirmed = await app.request('/api/auth/password-reset/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: SPONSOR_PASSWORD }),
    });
    expect(confirmed.status).toBe(200);
    sponsor = await signInClient(app, 'sam@example.com', SPONSOR_PASSWORD);

    const [relationship] = await database.db.select().from(relationships).where(eq(relationships.id, demoId));
    const people = await database.db
      .select()
      .from(participants)
      .where(eq(participants.relationshipId, demoId));
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, demoId);
    secrets = [
      ...people.slice(0, 5).map((p) => p.email),
      ...people.slice(0, 5).map((p) => p.name),
      analysis.waves[0]!.stage.name,
      relationship!.name,
    ];
  });
  afterAll(async () => {
    await database?.close();
  });

  test('only staff manage sponsors; a sponsor’s and an anonymous session are refused', async () => {
    expect((await app.request('/api/people')).status).toBe(401);
    expect((await sponsor.request('/api/people')).status).toBe(403);
    const asSponsor = await sponsor.request('/api/sponsors', {
      method: 'POST',
      json: { name: 'Eve', email: 'eve@example.com', relationship: demoId, side: 'A' },
    });
    expect(asSponsor.status).toBe(403);
    const { people } = (await (await facilitator.request('/api/people')).json()) as {
      people: Array<{ email: string; role: string; grants: Array<{ relationshipId: string; side: string }> }>;
    };
    expect(people.find((p) => p.email === 'sam@example.com')).toMatchObject({
      role: 'sponsor',
      grants: [{ relationshipId: demoId, side: 'B' }],
    });
    expect(people.some((p) => p.email === 'eve@example.com')).toBe(false);
  });

  test('adding a sponsor: each wrong field is named; a facilitator’s email is a conflict', async () => {
    const bad = await facilitator.request('/api/sponsors', {
      method: 'POST',
      json: { name: '', email: 'nope', relationship: demoId, side: 'C' },
    });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { details: Array<{ field: string }> } };
    expect(error.details.map((d) => d.field).sort()).toEqual(['email', 'name', 'side']);
    const staff = await facilitator.request('/api/sponsors', {
      method: 'POST',
      json: { name: 'Ada', email: 'ada@example.com', relationship: demoId, side: 'A' },
    });
    expect(staff.status).toBe(409);
    const unknown = await facilitator.request('/api/sponsors', {
      method: 'POST',
      json: {
        name: 'Pat',
        email: 'pat@example.com',
        relationship: '00000000-0000-0000-0000-000000000000',
        side: 'A',
      },
    });
    expect(unknown.status).toBe(404);
  });

  test('a sponsor lists only their relationships; another relationship of the workspace is 404', async () => {
    const list = (await (await sponsor.request('/api/sponsor/relationships')).json()) as {
      relationships: Array<{ id: string; side: string }>;
    };
    expect(list.relationships.map((r) => [r.id, r.side])).toEqual([[demoId, 'B']]);
    expect((await sponsor.request(`/api/sponsor/relationships/${otherId}`)).status).toBe(404);
    expect((await sponsor.request('/api/sponsor/relationships/Northwind')).status).toBe(404);
    expect((await facilitator.request(`/api/sponsor/relationships/${demoId}`)).status).toBe(403);
    expect((await app.request(`/api/sponsor/relationships/${demoId}`)).status).toBe(401);
  });

  test('before release the sponsor’s JSON holds status and response rates only; after, the results', async () => {
    const before = await sponsor.request(`/api/sponsor/relationships/${demoId}`);
    expect(before.status).toBe(200);
    const text = await before.text();
    const body = JSON.parse(text) as { waves: Array<{ responseRates: unknown }>; results?: unknown };
    expect(body.waves.every((w) => w.responseRates !== null)).toBe(true);
    expect(body.results).toBeUndefined();
    expect(keysOf(body).filter((key) => RESULT_WORDS.test(key))).toEqual([]);
    expect(text).not.toMatch(RESULT_WORDS);
    expect(text).not.toContain(secrets.at(-2)!); // the first wave's stage name

    await database.db
      .update(relationships)
      .set({ resultsReleasedAt: new Date('2030-01-01T00:00:00Z') })
      .where(eq(relationships.id, demoId));
    try {
      const after = (await (await sponsor.request(`/api/sponsor/relationships/${demoId}`)).json()) as {
        results: Array<{
          label: string;
          index: { A: number | null; B: number | null };
          stage: { name: string };
        }>;
      };
      const analysis = await getRelationshipAnalysis(database.db, workspaceId, demoId);
      expect(after.results.map((r) => [r.label, r.index, r.stage.name])).toEqual(
        analysis.waves.map((w) => [w.label, w.index, w.stage.name]),
      );
      // The sponsor's own view and nothing more: the full analysis stays closed... except where
      // KNOWN_API_LEAKS says otherwise.
      expect(keysOf(after).some((key) => /gaps|cells|reliability/.test(key))).toBe(false);
    } finally {
      await database.db
        .update(relationships)
        .set({ resultsReleasedAt: null })
        .where(eq(relationships.id, demoId));
    }
  });

  test('every /api operation of the OpenAPI document refuses a sponsor, except their own and the public ones', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    // The sponsor routes are added to the document by create-app; until then, walk them too.
    const paths = { ...sponsorOpenApiPaths, ...document.paths };
    const values = await parameterValues();
    const leaks: string[] = [];
    let walked = 0;
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        // Signing out would end the session the walk is using.
        if (name === 'POST /api/auth/sign-out') continue;
        const url = path.replaceAll(/\{(\w+)\}/g, (_, parameter: string) =>
          encodeURIComponent(values(parameter, path)),
        );
        const response = await sponsor.request(url, {
          method: method.toUpperCase(),
          ...(['post', 'put', 'patch'].includes(method) ? { json: {} } : {}),
        });
        const text = await response.text();
        walked++;
        // The workshop room (/api/w…) acts on an attendee's token, never a session: public like the survey.
        const isPublic = /^\/(health$|api\/(auth|survey|invites|w)\/|api\/(openapi\.json|docs|w)$)/.test(
          path,
        );
        const isOwn = path.startsWith('/api/sponsor/');
        if (isOwn) {
          // Let in: a read answers, a change with an empty body is refused for its content only —
          // or, joining a workshop, for naming none this sponsor's relationships hold (here: none).
          const expected = method === 'get' ? [200] : path.includes('{wid}') ? [404] : [400];
          expect(expected, `${name}: ${response.status}`).toContain(response.status);
          continue;
        }
        if (isPublic) {
          // Public routes answer anyone, but never with the workspace's data.
          for (const secret of secrets) expect(text, `${name} contains ${secret}`).not.toContain(secret);
          continue;
        }
        if (![403, 404].includes(response.status)) leaks.push(name);
      }
    }
    expect(walked).toBeGreaterThan(20);
    expect(leaks.sort()).toEqual(Object.keys(KNOWN_API_LEAKS).sort());
    // And the sponsor's own route for another relationship is not found.
    expect((await sponsor.request(`/api/sponsor/relationships/${otherId}`)).status).toBe(404);
  });

  test('every page of src/web/routes.ts refuses a sponsor, except /sponsor and the public pages', async () => {
    const values = await parameterValues();
    const leaks: string[] = [];
    const placeholders: string[] = [];
    const routePaths = flattenRoutes(webRoutes);
    expect(routePaths.length).toBeGreaterThan(30);
    for (const { path: routePath, file } of routePaths) {
      const path = `/${routePath.replaceAll(/:(\w+)/g, (_, parameter: string) => encodeURIComponent(values(parameter, routePath)))}`;
      const isOwn = /^\/sponsor(\/|$)/.test(path);
      const isPublic =
        /^\/(sign-in|sign-out|setup|forgot-password|reset-password\/|invite\/|code$|s\/|a\/|w$|w\/)/.test(
          path,
        );
      // The page, its loader's data as the client router fetches it, and a form post to it.
      const dataPath = path === '/' ? '/_root.data' : `${path}.data`;
      const page = await sponsor.request(path);
      const pageText = await page.clone().text();
      if (page.status === 200 && /Not built yet\./.test(pageText)) {
        // A placeholder has no loader and no action: it shows nobody anything (yet).
        placeholders.push(path);
        continue;
      }
      const requests: Array<readonly [string, Response]> = [
        ['GET', page],
        ['GET data', await sponsor.request(dataPath)],
      ];
      // Signing out would end the session the walk is using.
      if (hasAction(file) && path !== '/sign-out') {
        const posted = await sponsor.request(path, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: sponsor.csrfToken, intent: 'add' }),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        requests.push(['POST', posted]);
      }
      for (const [kind, response] of requests) {
        const text = await response.text();
        const name = `${kind} ${path}`;
        if (isOwn && path === `/sponsor/${values('id', routePath)}`) {
          // Their own page; its one form (signing the charter) refuses a post without the box ticked.
          expect(response.status, name).toBe(kind === 'POST' ? 400 : 200);
          continue;
        }
        if (isOwn && path === '/sponsor' && kind !== 'POST') {
          expect(response.status, name).toBe(200);
          continue;
        }
        const isRefused =
          [403, 404, 405].includes(response.status) || (response.status >= 300 && response.status < 400);
        // Single fetch answers a loader's redirect with 202 and the redirect inside the stream.
        const isRefusedData =
          kind === 'GET data' && response.status === 202 && text.startsWith('[["SingleFetchRedirect"');
        if (isPublic) {
          for (const secret of secrets) {
            if (text.includes(secret)) leaks.push(`${name} (contains ${secret})`);
          }
          continue;
        }
        if (!isRefused && !isRefusedData) leaks.push(name);
      }
    }
    // The sponsor's view of a relationship without a grant does not exist.
    expect((await sponsor.request(`/sponsor/${otherId}`)).status).toBe(404);
    // Pages still placeholders let nobody see anything; they are listed to show what was not walked.
    if (placeholders.length > 0) console.info(`placeholder pages, no data: ${placeholders.join(', ')}`);
    expect(leaks.sort()).toEqual(Object.keys(KNOWN_PAGE_LEAKS).sort());
  });

  test('a sponsor’s home is /sponsor; a facilitator opening /sponsor goes to their own home', async () => {
    const home = await sponsor.request('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/sponsor');
    const facilitatorHome = await facilitator.request('/sponsor');
    expect(facilitatorHome.status).toBe(302);
    expect(facilitatorHome.headers.get('location')).toBe('/');
  });

  test('removing the grant closes the relationship to the sponsor at once', async () => {
    const url = `/api/sponsors/${sponsorUserId}/relationships/${demoId}`;
    expect((await sponsor.request(url, { method: 'DELETE' })).status).toBe(403);
    expect((await facilitator.request(url, { method: 'DELETE' })).status).toBe(204);
    expect((await facilitator.request(url, { method: 'DELETE' })).status).toBe(404);
    expect((await sponsor.request(`/api/sponsor/relationships/${demoId}`)).status).toBe(404);
    expect((await sponsor.request(`/sponsor/${demoId}`)).status).toBe(404);
    // Given back, for the tests that might run after.
    const again = await facilitator.request('/api/sponsors', {
      method: 'POST',
      json: { name: 'Sam Sponsor', email: 'sam@example.com', relationship: demoId, side: 'B' },
    });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { isInvited: boolean }).isInvited).toBe(false);
  });

  /** Real ids of the demo for every path parameter, so a page without a role check would answer. */
  async function parameterValues(): Promise<(parameter: string, path: string) => string> {
    const [wave] = await database.db.select().from(waves).where(eq(waves.relationshipId, demoId)).limit(1);
    const [participant] = await database.db
      .select()
      .from(participants)
      .where(eq(participants.relationshipId, demoId))
      .limit(1);
    const [incident] = await database.db
      .select()
      .from(incidents)
      .where(eq(incidents.relationshipId, demoId))
      .limit(1);
    const [interview] = await database.db
      .select()
      .from(interviews)
      .where(eq(interviews.relationshipId, demoId))
      .limit(1);
    return (parameter, path) => {
      switch (parameter) {
        case 'id':
        case 'ref':
          if (parameter === 'ref' && /interview/.test(path)) return interview?.ref ?? 'IV-1';
          if (parameter === 'ref') return incident?.ref ?? 'I-1';
          return demoId;
        case 'label':
          return wave!.label;
        case 'pid':
          return participant!.id;
        case 'userId':
          return sponsorUserId;
        case 'relationshipId':
          return demoId;
        case 'linkId':
          return '00000000-0000-0000-0000-000000000000';
        case 'table':
          return 'cells';
        case 'section':
          return '1';
        default:
          return 'x'.repeat(24);
      }
    };
  }
});

type RouteEntry = { path?: string; file: string; children?: RouteEntry[] };

/** The URL patterns of a React Router route config (nested routes joined), with their module file. */
function flattenRoutes(entries: readonly RouteEntry[], prefix = ''): Array<{ path: string; file: string }> {
  return entries.flatMap((entry) => {
    const path = [prefix, entry.path ?? ''].filter(Boolean).join('/');
    return [{ path, file: entry.file }, ...flattenRoutes(entry.children ?? [], path)];
  });
}

/** Whether a route module has an action: only those take a POST (others answer 405 and log it). */
function hasAction(file: string): boolean {
  const source = readFileSync(join(import.meta.dirname, '..', 'web', file), 'utf8');
  return /export\s+(async\s+)?(function|const)\s+action\b/.test(source);
}
