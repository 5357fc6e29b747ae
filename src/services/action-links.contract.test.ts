import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { actionLinks, outbox, participants } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { ACTION_LINK_SUBJECT, getOwnActions, issueActionLink, markOwnActionDone } from './action-links.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { listWorkstreams } from './list-workstreams.ts';
import { saveAction } from './save-action.ts';

// An action owner's personal link (issue 9, item 6) on PGlite and, with DATABASE_URL, PostgreSQL:
// stored as a hash only, shows their own actions and the joint release, marks one done, and a new
// link replaces the old one.

describe.each(testStores)('action links on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;
  let owner: { id: string; name: string; email: string };

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
    // The demo's ways-of-working owner at Corvid owns actions of WS-2.
    const [row] = await database.db
      .select({ id: participants.id, name: participants.name, email: participants.email })
      .from(participants)
      .where(and(eq(participants.relationshipId, relationshipId), eq(participants.respondentKey, 'B-O01')));
    owner = row!;
    await saveAction(database.db, workspaceId, relationshipId, 'WS-2', {
      what: 'Publish the on-call rota',
      owner: { kind: 'participant', id: owner.id },
      dueOn: '2026-01-15',
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  test('the link shows the owner’s own actions and the joint release; a done action is theirs only', async () => {
    const db = database.db;
    const { url, email } = await issueActionLink(
      db,
      workspaceId,
      relationshipId,
      owner.id,
      'https://trust.example/',
    );
    expect(email).toBe(owner.email);
    const token = url.split('/a/')[1]!;
    expect(url).toBe(`https://trust.example/a/${token}`);
    const [stored] = await db.select().from(actionLinks).where(eq(actionLinks.participantId, owner.id));
    expect(stored!.tokenHash).not.toContain(token);
    const [mail] = await db.select().from(outbox).where(eq(outbox.subject, ACTION_LINK_SUBJECT));
    expect(mail!.body).toContain(url);

    const view = await getOwnActions(db, token, '2026-02-01');
    expect(view.name).toBe(owner.name);
    expect(view.actions.map((a) => a.what)).toContain('Publish the on-call rota');
    const rota = view.actions.find((a) => a.what === 'Publish the on-call rota')!;
    expect(rota).toMatchObject({
      status: 'open',
      overdue: true,
      workstream: 'Ways of working at the service desk',
    });
    expect(view.findings?.kind).toBe('joint');

    await markOwnActionDone(db, token, rota.id, '2026-01-20', '2026-02-01');
    const ws2 = (await listWorkstreams(db, workspaceId, relationshipId)).workstreams.find(
      (w) => w.key === 'WS-2',
    )!;
    expect(ws2.actions.find((a) => a.what === 'Publish the on-call rota')).toMatchObject({
      status: 'done',
      doneOn: '2026-01-20',
    });

    const future = await refusal(markOwnActionDone(db, token, rota.id, '2099-01-01', '2026-02-01'));
    expect(future.message).toBe('doneOn: a day that has not come yet');
    const someoneElses = ws2.actions.find((a) => a.owner?.id !== owner.id)!;
    expect((await refusal(markOwnActionDone(db, token, someoneElses.id, '2026-01-20'))).code).toBe(
      'not-found',
    );
  });

  test('a new link replaces the old one; an unknown link is not found', async () => {
    const db = database.db;
    const first = (await issueActionLink(db, workspaceId, relationshipId, owner.id, 'http://x')).url.split(
      '/a/',
    )[1]!;
    const second = (await issueActionLink(db, workspaceId, relationshipId, owner.id, 'http://x')).url.split(
      '/a/',
    )[1]!;
    expect((await refusal(getOwnActions(db, first))).code).toBe('not-found');
    expect((await getOwnActions(db, second)).name).toBe(owner.name);
    expect((await refusal(getOwnActions(db, 'not a token'))).code).toBe('not-found');
    const [nobody] = await db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.relationshipId, relationshipId), eq(participants.respondentKey, 'A-S05')));
    expect(
      (await refusal(issueActionLink(db, workspaceId, relationshipId, nobody!.id, 'http://x'))).message,
    ).toMatch(/owns no action yet$/);
  });
});
