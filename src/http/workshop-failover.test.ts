import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStream, until } from '../../tests/support/sse-client.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { createWorkshop, goToStep, startWorkshop } from '../services/manage-workshop.ts';
import { createTheme } from '../services/workshop-grouping.ts';
import { votersBySide } from '../services/workshop-room.ts';
import { getWorkshopForFacilitator } from '../services/workshop-view.ts';

// Killing one of two app processes in the middle of voting loses no vote, and the phones carry on
// (issue 10, "done when"; decision 049). Two `trustloop serve` processes on one PostgreSQL database;
// phones hold their event streams on both and vote through both; one process is killed with SIGKILL
// halfway; its phones reconnect to the other with Last-Event-ID (as a load balancer would send
// them) and keep voting. Every acknowledged vote is counted once, and every phone's stream has
// every vote's event, in order, with no gap. Only with DATABASE_URL: the embedded store is one
// process by design.

const postgres = testStores.find((store) => store.kind === 'postgres');
const bin = new URL('../../bin/trustloop.js', import.meta.url).pathname;
const PHONES = 12;

function serve(url: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [bin, 'serve', '--api-only', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let printed = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
      const match = /serving (http:\/\/\S+)/.exec(printed);
      if (match) resolve({ url: match[1]!, process: child });
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
    });
    child.once('exit', (code) => reject(new Error(`serve ended (${code}): ${printed}`)));
  });
}

describe.skipIf(!postgres)('a killed app process loses no vote', () => {
  let database: Database;
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    database = await postgres!.open();
  });
  afterAll(async () => {
    for (const child of processes) child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await database?.close();
  });

  test('two processes, one killed with SIGKILL halfway through the vote', async () => {
    const db = database.db;
    const workspaceId = (await ensureDefaultWorkspace(db)).id;
    const { relationshipId } = await loadDemo(db, workspaceId);
    const created = await createWorkshop(
      db,
      workspaceId,
      relationshipId,
      { wave: 'Baseline', title: 'W' },
      { name: 'F' },
    );
    await startWorkshop(db, workspaceId, created.id);
    const theme = await createTheme(db, { workspaceId }, created.id, { title: 'Early warnings' });
    const view = await getWorkshopForFacilitator(db, workspaceId, created.id);
    const vote = view.steps.find((s) => s.kind === 'vote')!;
    await goToStep(db, workspaceId, created.id, vote.id);

    // The database's own URL, with its password back in.
    const url = new URL(process.env.DATABASE_URL!);
    const own = database.location.replace('***', url.password);
    const servers = [await serve(own), await serve(own)];
    processes.push(...servers.map((s) => s.process));

    const phones: { token: string; server: number }[] = [];
    for (let i = 0; i < PHONES; i++) {
      const server = i % 2;
      const response = await fetch(`${servers[server]!.url}/api/w/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: created.code, side: i % 3 ? 'A' : 'B' }),
      });
      expect(response.status).toBe(201);
      phones.push({ token: ((await response.json()) as { token: string }).token, server });
    }
    const after = (await getWorkshopForFacilitator(db, workspaceId, created.id)).lastEventId;
    const streams = phones.map((phone) =>
      openStream(`${servers[phone.server]!.url}/api/w/events?after=${after}`, {
        authorization: `Bearer ${phone.token}`,
      }),
    );
    await until(() => streams.every((s) => s.kinds().includes('hello')), 'every stream to open');

    const ballot = async (i: number, server: number) => {
      const response = await fetch(`${servers[server]!.url}/api/w/ballot`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${phones[i]!.token}` },
        body: JSON.stringify({ [theme.id]: 2 }),
      });
      expect(response.status).toBe(200);
      await response.text();
    };
    // The first half vote, each through the other process than its stream.
    for (let i = 0; i < PHONES / 2; i++) await ballot(i, 1 - phones[i]!.server);
    await until(
      () => streams.every((s) => s.kinds().filter((k) => k === 'voted').length === PHONES / 2),
      'the first half',
    );

    // Process 2 dies. Its phones' streams end; they come back on process 1 from their last event.
    servers[1]!.process.kill('SIGKILL');
    const resumed = await Promise.all(
      streams.map(async (stream, i) => {
        if (phones[i]!.server === 0) return stream;
        await until(() => stream.ended(), 'the killed stream to end');
        return openStream(`${servers[0]!.url}/api/w/events`, {
          authorization: `Bearer ${phones[i]!.token}`,
          'last-event-id': stream.lastId()!,
        });
      }),
    );
    // The second half vote through the process that is left.
    for (let i = PHONES / 2; i < PHONES; i++) await ballot(i, 0);

    // Every vote counted once.
    const voters = await votersBySide(db, vote.id);
    expect(voters.A + voters.B).toBe(PHONES);
    // Every phone has every vote's event, in order, once: its old stream and its resumed one together.
    for (const [i, stream] of resumed.entries()) {
      const before = streams[i] === stream ? [] : streams[i]!.events;
      await until(
        () => [...before, ...stream.events].filter((e) => e.event === 'voted').length === PHONES,
        `phone ${i + 1} to have every vote`,
      );
      const ids = [...before, ...stream.events].filter((e) => e.id !== null).map((e) => Number(e.id));
      expect(ids, `phone ${i + 1}`).toEqual([...new Set(ids)].sort((a, b) => a - b));
    }
    for (const stream of [...streams, ...resumed]) await stream.close();
  }, 120_000);
});
