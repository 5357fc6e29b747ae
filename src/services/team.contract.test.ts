import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { workspaces } from '../db/schema.ts';
import { acceptInvite, findInvite } from './accept-invite.ts';
import { changeMemberRole } from './change-member-role.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { inviteMember, TEAM_INVITE_LIFETIME_MS, TEAM_INVITE_SUBJECT } from './invite-member.ts';
import { listOutbox } from './list-outbox.ts';
import { listTeam } from './list-team.ts';
import { removeMember } from './remove-member.ts';
import { revokeInvite } from './revoke-invite.ts';
import { hashSecret } from './secrets.ts';
import { signIn } from './sign-in.ts';

// The team (decision 041): invitations through the outbox, accepting one, roles, and the rule
// that a workspace always keeps an admin.

const PASSWORD = 'correct horse battery';
const BASE = 'https://trustloop.test';
const T0 = new Date('2030-03-04T09:00:00Z');

describe.each(testStores)('team on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let adminId: string;

  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from users`);
    await database.db.execute(sql`delete from team_invites`);
    await database.db.execute(sql`delete from outbox`);
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    adminId = (
      await createUser(database.db, workspaceId, {
        email: 'ada@example.com',
        name: 'Ada',
        password: PASSWORD,
        role: 'admin',
      })
    ).id;
  });

  const invite = (email: string, role: 'admin' | 'facilitator' = 'facilitator', now = T0) =>
    inviteMember(
      database.db,
      workspaceId,
      { name: 'Fran', email, role, baseUrl: `${BASE}/`, invitedByUserId: adminId },
      now,
    );
  const tokenOf = async (email: string) => {
    const mail = (
      await listOutbox(database.db, workspaceId, { email: 'ada@example.com', role: 'admin' })
    ).filter((m) => m.to === email);
    return /\/invite\/([\w-]+)/.exec(mail[0]!.body)![1]!;
  };

  test('an invitation is a mail with a link; the token is stored hashed; accepting opens the account once', async () => {
    await invite(' Fran@Example.com ');
    const [mail] = await listOutbox(database.db, workspaceId, { email: 'ada@example.com', role: 'admin' });
    expect(mail).toMatchObject({ to: 'fran@example.com', subject: TEAM_INVITE_SUBJECT });
    expect(mail!.body).toContain('as a facilitator');
    const token = await tokenOf('fran@example.com');
    expect(mail!.body).toContain(`${BASE}/invite/${token}`);
    const [row] = await queryRows<{ token_hash: string }>(
      database.db,
      sql`select token_hash from team_invites`,
    );
    expect(row!.token_hash).toBe(hashSecret(token));

    expect(await findInvite(database.db, token, T0)).toMatchObject({
      email: 'fran@example.com',
      role: 'facilitator',
      workspaceName: 'My workspace',
    });
    const team = await listTeam(database.db, workspaceId, T0);
    expect(team.invites).toMatchObject([
      { email: 'fran@example.com', role: 'facilitator', isExpired: false },
    ]);

    const short = await refusal(acceptInvite(database.db, token, { name: 'Fran', password: 'short' }, T0));
    expect(short.message).toBe('password: use at least 12 characters');
    const fran = await acceptInvite(database.db, token, { name: 'Fran Facilitator', password: PASSWORD }, T0);
    expect(fran).toMatchObject({ email: 'fran@example.com', role: 'facilitator', workspaceId });
    const signedIn = await signIn(database.db, {
      email: 'fran@example.com',
      password: PASSWORD,
      address: 'x',
    });
    expect(signedIn.user.id).toBe(fran.id);
    expect(
      (await refusal(acceptInvite(database.db, token, { name: 'F', password: PASSWORD }, T0))).code,
    ).toBe('not-found');
    const after = await listTeam(database.db, workspaceId, T0);
    expect(after.invites).toEqual([]);
    expect(after.members.map((m) => m.email)).toEqual(['ada@example.com', 'fran@example.com']);
  });

  test('one live invitation per email: inviting again replaces the link; an invitation expires', async () => {
    await invite('fran@example.com');
    const first = await tokenOf('fran@example.com');
    await database.db.execute(sql`delete from outbox`);
    await invite('fran@example.com', 'admin');
    const second = await tokenOf('fran@example.com');
    expect((await refusal(findInvite(database.db, first, T0))).code).toBe('not-found');
    expect((await findInvite(database.db, second, T0)).role).toBe('admin');
    expect((await listTeam(database.db, workspaceId, T0)).invites).toHaveLength(1);

    const late = new Date(T0.getTime() + TEAM_INVITE_LIFETIME_MS + 1);
    expect((await listTeam(database.db, workspaceId, late)).invites[0]!.isExpired).toBe(true);
    const expired = await refusal(acceptInvite(database.db, second, { name: 'F', password: PASSWORD }, late));
    expect(expired.code).toBe('not-found');
    expect(expired.message).toMatch(/has expired/);
  });

  test('an email with an account is a 409 naming the field; a revoked invitation stops working', async () => {
    const here = await refusal(invite('ADA@example.com'));
    expect(here.code).toBe('conflict');
    expect(here.message).toBe('email: already has an account in this workspace (admin)');
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    await createUser(database.db, other!.id, {
      email: 'olga@example.com',
      name: 'Olga',
      password: PASSWORD,
      role: 'admin',
    });
    expect((await refusal(invite('olga@example.com'))).message).toBe(
      'email: an account with this email already exists',
    );
    expect((await refusal(invite('x@example.com', 'sponsor' as never))).message).toBe(
      'role: choose facilitator or admin',
    );
    expect(
      (await listOutbox(database.db, workspaceId, { email: 'ada@example.com', role: 'admin' })).length,
    ).toBe(0);

    const pending = await invite('fran@example.com');
    const token = await tokenOf('fran@example.com');
    expect((await refusal(revokeInvite(database.db, other!.id, pending.id))).code).toBe('not-found');
    await revokeInvite(database.db, workspaceId, pending.id);
    expect((await refusal(findInvite(database.db, token, T0))).code).toBe('not-found');
    expect((await refusal(revokeInvite(database.db, workspaceId, 'not-an-id'))).code).toBe('not-found');
  });

  test('roles change and members go, but the last admin is never demoted or removed', async () => {
    const fran = await createUser(database.db, workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'facilitator',
    });
    const demote = await refusal(
      changeMemberRole(database.db, workspaceId, adminId, { role: 'facilitator' }),
    );
    expect(demote.code).toBe('conflict');
    expect(demote.message).toMatch(/^this is the workspace's last admin/);
    expect((await refusal(removeMember(database.db, workspaceId, adminId))).code).toBe('conflict');

    expect(await changeMemberRole(database.db, workspaceId, fran.id, { role: 'admin' })).toMatchObject({
      role: 'admin',
    });
    await changeMemberRole(database.db, workspaceId, adminId, { role: 'facilitator' });
    expect((await refusal(removeMember(database.db, workspaceId, fran.id))).code).toBe('conflict');
    await removeMember(database.db, workspaceId, adminId);
    const team = await listTeam(database.db, workspaceId);
    expect(team.members).toMatchObject([{ email: 'fran@example.com', role: 'admin' }]);
    expect(team.adminCount).toBe(1);
    expect(
      (await refusal(changeMemberRole(database.db, workspaceId, fran.id, { role: 'owner' as never })))
        .message,
    ).toBe('role: choose facilitator or admin');
  });

  test('two admins demoting each other at once leave one admin', async () => {
    const fran = await createUser(database.db, workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'admin',
    });
    const results = await Promise.allSettled([
      changeMemberRole(database.db, workspaceId, adminId, { role: 'facilitator' }),
      changeMemberRole(database.db, workspaceId, fran.id, { role: 'facilitator' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listTeam(database.db, workspaceId)).adminCount).toBe(1);
  });
});
