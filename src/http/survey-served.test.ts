import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testStores } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { addParticipant } from '../services/add-participant.ts';
import { createRelationship } from '../services/create-relationship.ts';
import { createWave } from '../services/create-wave.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { type IssuedSurveyLink, issueSurveyLinks } from '../services/issue-survey-links.ts';
import { openWave } from '../services/open-wave.ts';
import { createApp } from './create-app.ts';

// The participant's survey over a real HTTP server (@hono/node-server, as `trustloop serve` runs
// it), not app.request(): the survey API reads the body from the Node request (decision 019), the
// security headers are born with the reply, tiny replies are not compressed and big ones are; and
// the start page states the wave's own anonymity threshold.

describe.each(testStores)('the survey served over HTTP on $kind', (store) => {
  let database: Database;
  let server: ReturnType<typeof serve>;
  let origin: string;
  let links: IssuedSurveyLink[];
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const tokenOf = (link: IssuedSurveyLink) => link.url.split('/s/')[1]!;

  beforeAll(async () => {
    database = await store.open();
    const { db } = database;
    const workspaceId = (await ensureDefaultWorkspace(db)).id;
    const relationship = await createRelationship(db, workspaceId, {
      name: 'Northwind and Contoso',
      sides: {
        A: { name: 'Northwind Utilities', role: 'customer' },
        B: { name: 'Contoso IT', role: 'supplier' },
      },
      anonymityThreshold: 5,
    });
    for (const [i, side] of (['A', 'B', 'A', 'B'] as const).entries()) {
      await addParticipant(db, workspaceId, relationship.id, {
        name: `Person ${i}`,
        email: `p${i}@example.com`,
        side,
        level: 'staff',
      });
    }
    await createWave(db, workspaceId, relationship.id, {
      label: 'Baseline',
      opens: today,
      closes: inDays(21),
    });
    await openWave(db, workspaceId, relationship.id, 'Baseline');
    const app = createApp({ db, storeKind: store.kind, web: await createTestWebApp() });
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    links = await issueSurveyLinks(db, workspaceId, relationship.id, 'Baseline', { baseUrl: origin });
  });
  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await database?.close();
  });

  const submit = (key: string, body: string) =>
    fetch(`${origin}/api/survey/${key}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate' },
      body,
    });

  test("the start page states the wave's anonymity threshold, with the security headers", async () => {
    const response = await fetch(`${origin}/s/${tokenOf(links[0]!)}`);
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll('<!-- -->', '');
    expect(html).toContain('never fewer than 5 people');
    expect(html).not.toContain('never fewer than 3');
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(
      response.headers.get('content-security-policy') ?? '',
    )?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test('a submission over HTTP: stored, a small uncompressed reply, private and with every header', async () => {
    const link = links[1]!;
    const response = await submit(tokenOf(link), JSON.stringify({ answers: { COM1: 6, REL1: 2 } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    const [stored] = await queryRows<{ answers: Record<string, number> | string }>(
      database.db,
      sql`select answers from responses r join participants p on p.id = r.participant_id
          where p.email = ${link.email} and r.submitted_at is not null`,
    );
    const answers = typeof stored?.answers === 'string' ? JSON.parse(stored.answers) : stored?.answers;
    expect(answers).toEqual({ COM1: 6, REL1: 2 });

    const again = await submit(tokenOf(link), '{"answers":{}}');
    expect(again.status).toBe(409);
  });

  test('errors over HTTP: the key first, then the body, every field named', async () => {
    const link = links[2]!;
    expect((await submit('A'.repeat(22), 'not json')).status).toBe(404);
    const notJson = await submit(tokenOf(link), 'not json');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain('body: not valid JSON (Unexpected token');
    const invalid = await submit(tokenOf(link), JSON.stringify({ answers: { REL1: 9 } }));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('referrer-policy')).toBe('no-referrer');
    expect(JSON.stringify(await invalid.json())).toContain('answers.REL1');
    // By the typed code, too.
    expect((await submit(`code/${link.code}`, '{"answers":{"REL1":3}}')).status).toBe(200);
  });

  test('a big survey reply is still compressed', async () => {
    // node:http, not fetch: fetch unzips silently; here the bytes are read as sent.
    const { encoding, body } = await new Promise<{ encoding: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        get(
          `${origin}/api/survey/${tokenOf(links[3]!)}`,
          { headers: { 'accept-encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
            );
            res.on('error', reject);
          },
        ).on('error', reject);
      },
    );
    expect(encoding).toBe('gzip');
    const view = JSON.parse(gunzipSync(body).toString('utf8'));
    expect(view.wave.anonymityThreshold).toBe(5);
  });
});
