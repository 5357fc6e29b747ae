import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStream, until } from '../../tests/support/sse-client.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { sponsorGrants, workspaces } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createUser } from '../services/create-user.ts';
import { createWorkshop, goToStep, startWorkshop } from '../services/manage-workshop.ts';
import { revealStep } from '../services/workshop-grouping.ts';
import { getWorkshopForFacilitator } from '../services/workshop-view.ts';
import { type RunningServer, startServer } from './start-server.ts';

// The workshop over HTTP with real servers (issue 10, items 2, 7 and 8; decision 049): phones join
// with the code through /api/w/join, act with their token, and follow the room through server-sent
// events; a phone that drops resumes with Last-Event-ID and misses nothing. On PostgreSQL two
// servers, each with its own pool and its own LISTEN connection, serve one workshop: a change made
// through one reaches a stream held by the other.

const json = (body: unknown, token?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe.each(testStores)('the workshop over HTTP on $kind', (store) => {
  let databases: Database[] = [];
  let servers: RunningServer[] = [];
  let workspaceId: string;
  let workshopId: string;
  let code: string;

  beforeAll(async () => {
    const first = await store.open();
    databases = [first];
    workspaceId = (await first.db.insert(workspaces).values({ name: 'Mine' }).returning())[0]!.id;
    const relationshipId = (await loadDemo(first.db, workspaceId)).relationshipId;
    const created = await createWorkshop(
      first.db,
      workspaceId,
      relationshipId,
      { wave: 'Baseline', title: 'Joint feedback' },
      { name: 'Fran' },
    );
    workshopId = created.id;
    code = created.code;
    await startWorkshop(first.db, workspaceId, workshopId);
    const serve = (database: Database) =>
      startServer({ database, port: 0, host: '127.0.0.1', logLevel: 'silent', apiOnly: true });
    servers = [await serve(first)];
    if (store.kind === 'postgres') {
      // A second app process on the same database: its own pool, its own LISTEN connection.
      const url = new URL(process.env.DATABASE_URL!);
      const { openDatabase } = await import('../db/client.ts');
      const location = first.location.replace('***', url.password);
      const second = await openDatabase({ kind: 'postgres', url: location, maxConnections: 4 });
      databases.push(second);
      servers.push(await serve(second));
    }
  });
  afterAll(async () => {
    // The servers close their stores; the first store (a fresh test database) is dropped after.
    for (const server of servers.slice(1)) await server.close();
    await servers[0]?.close();
  });

  const serverFor = (i: number) => servers[i % servers.length]!.url;

  test('phones join with the code, follow the room, and resume after a drop without missing anything', async () => {
    const db = databases[0]!.db;
    // A wrong code, a right one in lower case; the token comes back and as a cookie.
    const wrong = await fetch(`${serverFor(0)}/api/w/join`, json({ code: 'ZZZZZZ', side: 'A' }));
    expect(wrong.status).toBe(404);
    const joinedResponse = await fetch(
      `${serverFor(0)}/api/w/join`,
      json({ code: code.toLowerCase(), side: 'A', level: 'staff' }),
    );
    expect(joinedResponse.status).toBe(201);
    expect(joinedResponse.headers.get('set-cookie')).toMatch(
      /^tl_workshop=[A-Za-z0-9_-]{32}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const phone = (await joinedResponse.json()) as { token: string };

    // The projector's stream on the last server, the phone's on the first.
    const view = await getWorkshopForFacilitator(db, workspaceId, workshopId);
    const phoneStream = openStream(`${serverFor(0)}/api/w/events?after=${view.lastEventId}`, {
      authorization: `Bearer ${phone.token}`,
    });
    const unauthorised = openStream(`${serverFor(0)}/api/w/events`, { authorization: 'Bearer nope' });
    await until(() => unauthorised.events.length > 0, 'the refusal');
    expect(unauthorised.events[0]).toMatchObject({ event: 'http-error', data: '401' });
    await until(() => phoneStream.kinds().includes('hello'), 'the stream to open');

    // Another phone joins through the other server: both streams hear it.
    const other = (await (await fetch(`${serverFor(1)}/api/w/join`, json({ code, side: 'B' }))).json()) as {
      token: string;
    };
    await until(() => phoneStream.kinds().includes('joined'), 'the join to reach the first server');
    expect(JSON.parse(phoneStream.events.find((e) => e.event === 'joined')!.data)).toEqual({
      joined: { A: 1, B: 1 },
    });

    // A reflect step; a note from the phone on one server, its count on the other's streams.
    const reflect = view.steps.find((s) => s.kind === 'reflect')!;
    await goToStep(db, workspaceId, workshopId, reflect.id);
    const note = await fetch(
      `${serverFor(1)}/api/w/notes`,
      json({ text: 'We hear about outages late' }, other.token),
    );
    expect(note.status).toBe(201);
    await until(() => phoneStream.kinds().includes('notes'), 'the note count');
    expect(phoneStream.events.map((e) => e.data).join('\n')).not.toContain('outages');

    // The phone drops; the room moves on; it comes back with Last-Event-ID and gets what it missed.
    const lastSeen = phoneStream.lastId()!;
    await phoneStream.close();
    await revealStep(db, workspaceId, workshopId, reflect.id, { showSmallSides: true });
    const back = openStream(`${serverFor(1)}/api/w/events`, {
      authorization: `Bearer ${phone.token}`,
      'last-event-id': lastSeen,
    });
    await until(() => back.kinds().includes('revealed'), 'the missed reveal');
    const revealed = JSON.parse(back.events.find((e) => e.event === 'revealed')!.data) as {
      notes: { text: string; side: string; level: string | null }[];
    };
    expect(revealed.notes).toEqual([
      expect.objectContaining({ text: 'We hear about outages late', side: 'B', level: null }),
    ]);
    // Events arrive once each, in order.
    const ids = back.events.filter((e) => e.id !== null).map((e) => Number(e.id));
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(ids[0]).toBeGreaterThan(Number(lastSeen));
    await back.close();

    // The phone's own view through the cookie as well as the bearer token.
    const cookie = `tl_workshop=${phone.token}`;
    const mine = await fetch(`${serverFor(0)}/api/w`, { headers: { cookie } });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { you: { side: string } }).you.side).toBe('A');
  });

  test('guessing codes stops at the budget, with 429 and Retry-After; a right code is never counted', async () => {
    let status = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 31; i++) {
      const response = await fetch(
        `${serverFor(0)}/api/w/join`,
        json({ code: `ACDEF${'ACDEFHJKMN'[i % 10]}`, side: 'A' }),
      );
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
      if (status === 429) break;
    }
    expect(status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  test('signed in, staff join at /api/workshops/{wid}/join and sponsors at /api/sponsor/…, under the CSRF check', async () => {
    const db = databases[0]!.db;
    const password = 'correct horse battery staple';
    const fran = await createUser(db, workspaceId, {
      email: 'fran.join@example.com',
      name: 'Fran',
      password,
      role: 'facilitator',
    });
    const nora = await createUser(db, workspaceId, {
      email: 'nora.join@example.com',
      name: 'Nora',
      password,
      role: 'sponsor',
    });
    const { relationshipId } = await getWorkshopForFacilitator(db, workspaceId, workshopId);
    await db.insert(sponsorGrants).values({ userId: nora.id, relationshipId, side: 'B' });
    const signIn = async (email: string) => {
      const response = await fetch(`${serverFor(0)}/api/auth/sign-in`, json({ email, password }));
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return (path: string, body: unknown, withCsrf = true) =>
        fetch(`${serverFor(1)}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie,
            ...(withCsrf ? { 'x-csrf-token': csrfToken } : {}),
          },
          body: JSON.stringify(body),
        });
    };
    const asFran = await signIn(fran.email);
    const forged = await asFran(`/api/workshops/${workshopId}/join`, { side: 'A' }, false);
    expect(forged.status).toBe(403);
    const joined = await asFran(`/api/workshops/${workshopId}/join`, { side: 'A' });
    expect(joined.status).toBe(201);
    expect(joined.headers.get('set-cookie')).toMatch(/^tl_workshop=/);
    const { token } = (await joined.json()) as { token: string };
    const room = await fetch(`${serverFor(0)}/api/w`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await room.json()) as { you: unknown }).you).toEqual({ side: 'A', level: null });

    const asNora = await signIn(nora.email);
    expect((await asNora(`/api/workshops/${workshopId}/join`, { side: 'A' })).status).toBe(403);
    const sponsorJoin = await asNora(`/api/sponsor/workshops/${workshopId}/join`, { level: 'leadership' });
    expect(sponsorJoin.status).toBe(201);
    const sponsorToken = ((await sponsorJoin.json()) as { token: string }).token;
    const sponsorRoom = await fetch(`${serverFor(1)}/api/w`, {
      headers: { authorization: `Bearer ${sponsorToken}` },
    });
    expect(((await sponsorRoom.json()) as { you: unknown }).you).toEqual({ side: 'B', level: 'leadership' });
  });
});
