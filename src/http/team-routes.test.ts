import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createRouteTestApp,
  insertTwoWorkspaces,
  sendJson as send,
  testUser,
} from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { listOutbox } from '../services/list-outbox.ts';
import { teamOpenApiPaths, teamRoutes } from './team-routes.ts';

// The team API in-process: the workspace's name, read by staff and renamed by an admin only.

type ErrorBody = { error: { code: string; message: string } };
type TeamBody = {
  members: Array<{ id: string; email: string; role: string }>;
  invites: Array<{ id: string; email: string }>;
  adminCount: number;
};

describe.each(testStores)('team API on $kind', (store) => {
  let database: Database;
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    database = await store.open();
    ({ mine, theirs } = await insertTwoWorkspaces(database));
  });
  afterAll(async () => {
    await database?.close();
  });

  const as = (workspaceId: string, role: 'admin' | 'facilitator' | 'sponsor') =>
    createRouteTestApp(database, teamRoutes(), testUser(workspaceId, role));

  test('an admin renames the workspace; a facilitator reads it but cannot rename it', async () => {
    const admin = as(mine, 'admin');
    const renamed = await send(admin, 'PATCH', '/workspace', { name: '  Lakeside Trust Advisory ' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ id: mine, name: 'Lakeside Trust Advisory', colour: '#0b5cad' });

    const facilitator = as(mine, 'facilitator');
    expect(await (await send(facilitator, 'GET', '/workspace')).json()).toEqual({
      id: mine,
      colour: '#0b5cad',
      name: 'Lakeside Trust Advisory',
    });
    expect((await send(facilitator, 'PATCH', '/workspace', { name: 'Mine now' })).status).toBe(403);
    expect((await send(as(mine, 'sponsor'), 'GET', '/workspace')).status).toBe(403);
    // Another workspace's admin renames their own, never this one.
    await send(as(theirs, 'admin'), 'PATCH', '/workspace', { name: 'Theirs renamed' });
    expect(((await (await send(facilitator, 'GET', '/workspace')).json()) as { name: string }).name).toBe(
      'Lakeside Trust Advisory',
    );
  });

  test('a blank, overlong or unknown field is a 400 naming the field', async () => {
    const admin = as(mine, 'admin');
    const blank = await send(admin, 'PATCH', '/workspace', { name: ' ' });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as ErrorBody).error.message).toBe(
      'name: enter the name of your firm or team',
    );
    const long = await send(admin, 'PATCH', '/workspace', { name: 'z'.repeat(121) });
    expect(((await long.json()) as ErrorBody).error.message).toBe('name: use at most 120 characters');
    const extra = await send(admin, 'PATCH', '/workspace', { name: 'Fine', logo: 'x.png' });
    expect(((await extra.json()) as ErrorBody).error.message).toBe('logo: is not a known field');
    const colour = await send(admin, 'PATCH', '/workspace', { colour: 'red' });
    expect(((await colour.json()) as ErrorBody).error.message).toBe(
      'colour: give the colour as #rrggbb, for example #0b5cad',
    );
  });

  test('an admin invites, the invitee accepts through the link, roles change; facilitators cannot invite', async () => {
    const [ada] = await database.db
      .insert(users)
      .values({ workspaceId: mine, email: 'ada@x.example', name: 'Ada', passwordHash: 'x', role: 'admin' })
      .returning();
    const admin = createRouteTestApp(
      database,
      teamRoutes(),
      testUser(mine, 'admin', { id: ada!.id, email: 'ada@x.example', name: 'Ada' }),
    );
    const facilitator = as(mine, 'facilitator');
    const nobody = createRouteTestApp(database, teamRoutes(), null);

    const refused = await send(facilitator, 'POST', '/members/invites', {
      name: 'Fran',
      email: 'fran@x.example',
      role: 'facilitator',
    });
    expect(refused.status).toBe(403);
    const bad = await send(admin, 'POST', '/members/invites', {
      name: 'Fran',
      email: 'nope',
      role: 'facilitator',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.message).toBe('email: enter an email address');
    const taken = await send(admin, 'POST', '/members/invites', {
      name: 'Ada',
      email: 'ADA@x.example',
      role: 'admin',
    });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as ErrorBody).error.message).toBe(
      'email: already has an account in this workspace (admin)',
    );

    const invited = await send(admin, 'POST', '/members/invites', {
      name: 'Fran',
      email: 'fran@x.example',
      role: 'facilitator',
    });
    expect(invited.status).toBe(201);
    const mail = await listOutbox(database.db, mine, { email: 'ada@x.example', role: 'admin' });
    const token = /https:\/\/trustloop\.test\/invite\/([\w-]+)/.exec(mail[0]!.body)![1]!;
    const team = (await (await send(facilitator, 'GET', '/members')).json()) as TeamBody;
    expect(team.invites.map((i) => i.email)).toEqual(['fran@x.example']);

    expect(await (await send(nobody, 'GET', `/invites/${token}`)).json()).toMatchObject({
      email: 'fran@x.example',
      role: 'facilitator',
      workspaceName: 'Lakeside Trust Advisory',
    });
    const weak = await send(nobody, 'POST', `/invites/${token}/accept`, { name: 'Fran', password: 'short' });
    expect(weak.status).toBe(400);
    const accepted = await send(nobody, 'POST', `/invites/${token}/accept`, {
      name: 'Fran F',
      password: 'correct horse battery',
    });
    expect(accepted.status).toBe(201);
    expect((await send(nobody, 'GET', `/invites/${token}`)).status).toBe(404);

    const after = (await (await send(admin, 'GET', '/members')).json()) as TeamBody;
    const fran = after.members.find((m) => m.email === 'fran@x.example')!;
    expect(fran.role).toBe('facilitator');
    expect(after.invites).toEqual([]);
    const lastAdmin = await send(admin, 'PATCH', `/members/${ada!.id}`, { role: 'facilitator' });
    expect(lastAdmin.status).toBe(409);
    expect((await send(admin, 'DELETE', `/members/${ada!.id}`)).status).toBe(409);
    expect((await send(facilitator, 'PATCH', `/members/${fran.id}`, { role: 'admin' })).status).toBe(403);
    const promoted = await send(admin, 'PATCH', `/members/${fran.id}`, { role: 'admin' });
    expect(await promoted.json()).toMatchObject({ role: 'admin' });
    expect((await send(as(theirs, 'admin'), 'DELETE', `/members/${fran.id}`)).status).toBe(404);
    expect((await send(admin, 'DELETE', `/members/${fran.id}`)).status).toBe(204);

    const again = await send(admin, 'POST', '/members/invites', {
      name: 'Gus',
      email: 'gus@x.example',
      role: 'admin',
    });
    const { id } = (await again.json()) as { id: string };
    expect((await send(admin, 'DELETE', `/members/invites/${id}`)).status).toBe(204);
    expect((await send(admin, 'DELETE', `/members/invites/${id}`)).status).toBe(404);
  });

  test('the OpenAPI fragment lists every team route', () => {
    expect(Object.keys(teamOpenApiPaths).sort()).toEqual([
      '/api/invites/{token}',
      '/api/invites/{token}/accept',
      '/api/members',
      '/api/members/invites',
      '/api/members/invites/{inviteId}',
      '/api/members/{userId}',
      '/api/workspace',
    ]);
  });
});
