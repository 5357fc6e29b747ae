import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { recordingDb } from '../../tests/support/recording-db.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { workspaces } from '../db/schema.ts';
import { createFirstAdmin, getSetupStatus } from './create-first-admin.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { DEMO_FACILITATOR_EMAIL, ensureDemoFacilitator } from './ensure-demo-facilitator.ts';
import { getSession } from './get-session.ts';
import { listOutbox } from './list-outbox.ts';
import { PASSWORD_RESET_SUBJECT, requestPasswordReset } from './request-password-reset.ts';
import { resetPassword } from './reset-password.ts';
import { hashSecret } from './secrets.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';
import { getWorkspace, updateWorkspace } from './workspace-settings.ts';

// Accounts, sessions, sign-in limits and password reset: the same suite on PGlite and, with
// DATABASE_URL, PostgreSQL. Clocks are passed in, so windows and expiries are exact.

const PASSWORD = 'correct horse battery';
const T0 = new Date('2030-03-04T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

describe.each(testStores)('accounts on $kind', (store) => {
  let database: Database;
  let workspaceId: string;

  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  // Each test starts without accounts, attempts or mail (sessions and resets go with the users).
  beforeEach(async () => {
    await database.db.execute(sql`delete from users`);
    await database.db.execute(sql`delete from sign_in_attempts`);
    await database.db.execute(sql`delete from outbox`);
    await database.db.execute(sql`delete from rate_limits`);
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
  });

  async function addFacilitator(email = 'fran@example.com', role: 'facilitator' | 'admin' = 'facilitator') {
    return createUser(database.db, workspaceId, { email, name: 'Fran', password: PASSWORD, role });
  }

  const attempt = (email: string, password: string, now: Date, address = '10.0.0.1') =>
    signIn(database.db, { email, password, address }, now);

  test('the first admin can be created exactly once, as an admin of the default workspace', async () => {
    expect(await getSetupStatus(database.db)).toEqual({ needsFirstAdmin: true });
    const admin = await createFirstAdmin(database.db, {
      email: ' Ada@Example.COM ',
      name: 'Ada',
      password: PASSWORD,
      workspaceName: '  Harbour Partners ',
    });
    expect(admin).toMatchObject({ email: 'ada@example.com', name: 'Ada', role: 'admin', workspaceId });
    expect(await getWorkspace(database.db, workspaceId)).toEqual({
      id: workspaceId,
      name: 'Harbour Partners',
      colour: '#0b5cad',
    });
    expect(await getSetupStatus(database.db)).toEqual({ needsFirstAdmin: false });

    const second = await refusal(
      createFirstAdmin(database.db, {
        email: 'eve@example.com',
        name: 'Eve',
        password: PASSWORD,
        workspaceName: 'Eve & Co',
      }),
    );
    expect(second.code).toBe('conflict');
    const rows = await queryRows<{ email: string }>(database.db, sql`select email from users`);
    expect(rows).toEqual([{ email: 'ada@example.com' }]);
    expect((await getWorkspace(database.db, workspaceId)).name).toBe('Harbour Partners');
  });

  const W = 'Harbour Partners';
  test.each([
    [
      { email: 'ada@example.com', name: 'Ada', password: 'eleven char', workspaceName: W },
      'password: use at least 12 characters',
    ],
    [
      { email: 'not an email', name: 'Ada', password: PASSWORD, workspaceName: W },
      'email: enter an email address',
    ],
    [{ email: 'ada@example.com', name: ' ', password: PASSWORD, workspaceName: W }, 'name: enter a name'],
    [
      { email: 'ada@example.com', name: 'Ada', password: PASSWORD, workspaceName: ' ' },
      'workspaceName: enter the name of your firm or team',
    ],
    [
      { email: 'ada@example.com', name: 'Ada', password: PASSWORD, workspaceName: 'x'.repeat(121) },
      'workspaceName: use at most 120 characters',
    ],
  ])('a first admin with a bad field is refused, naming it: %j', async (input, message) => {
    const error = await refusal(createFirstAdmin(database.db, input));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(message);
    expect(await getSetupStatus(database.db)).toEqual({ needsFirstAdmin: true });
  });

  test('an email is taken once across all workspaces', async () => {
    await addFacilitator('fran@example.com');
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    const error = await refusal(
      createUser(database.db, other!.id, {
        email: 'FRAN@example.com',
        name: 'Fran',
        password: PASSWORD,
        role: 'sponsor',
      }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^email: /);
  });

  test('sign-in opens a 14-day session; a wrong password and an unknown email get the same answer', async () => {
    const fran = await addFacilitator();
    const signedIn = await attempt('Fran@Example.com', PASSWORD, T0);
    expect(signedIn.user).toEqual(fran);
    expect(signedIn.session.expiresAt).toEqual(days(14));
    expect(signedIn.session.idHash).toBe(hashSecret(signedIn.sessionToken));

    const wrongPassword = await refusal(attempt('fran@example.com', 'not the password', T0));
    const unknownEmail = await refusal(attempt('nobody@example.com', PASSWORD, T0));
    for (const error of [wrongPassword, unknownEmail]) {
      expect(error.code).toBe('unauthorized');
      expect(error.message).toBe('email or password is wrong');
      expect(error.details).toEqual([]);
    }
    const attempts = await queryRows<{ email: string; succeeded: boolean }>(
      database.db,
      sql`select email, succeeded from sign_in_attempts order by email, succeeded`,
    );
    expect(attempts).toEqual([
      { email: 'fran@example.com', succeeded: false },
      { email: 'fran@example.com', succeeded: true },
      { email: 'nobody@example.com', succeeded: false },
    ]);
  });

  test('five failures for an email lock it for 15 minutes from the oldest, even with the right password', async () => {
    await addFacilitator();
    for (let i = 0; i < 5; i++) await refusal(attempt('fran@example.com', 'guess', minutes(i)));
    const locked = await refusal(attempt('fran@example.com', PASSWORD, minutes(5)));
    expect(locked.code).toBe('unauthorized');
    expect(locked.message).toBe('too many sign-in attempts; try again in 10 minutes');
    expect(locked.details).toEqual([{ retryAfterSeconds: 600 }]);
    // Another address does not help: the limit is on the email.
    await refusal(attempt('fran@example.com', PASSWORD, minutes(14.5), '10.9.9.9'));
    // Refusals are not recorded as guesses, so asking while locked did not extend the lock.
    const signedIn = await attempt('fran@example.com', PASSWORD, minutes(15));
    expect(signedIn.user.email).toBe('fran@example.com');
    const [count] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from sign_in_attempts`,
    );
    expect(count?.n).toBe(6);
  });

  test("a success resets its own email's count, but not another email's", async () => {
    await addFacilitator('fran@example.com');
    await addFacilitator('sam@example.com');
    for (let i = 0; i < 4; i++) await refusal(attempt('fran@example.com', 'guess', minutes(i)));
    await attempt('sam@example.com', PASSWORD, minutes(4));
    await refusal(attempt('fran@example.com', 'guess', minutes(5)));
    const locked = await refusal(attempt('fran@example.com', PASSWORD, minutes(6)));
    expect(locked.message).toMatch(/^too many sign-in attempts/);

    for (let i = 0; i < 4; i++) await refusal(attempt('sam@example.com', 'guess', minutes(7 + i)));
    await attempt('sam@example.com', PASSWORD, minutes(11));
    await refusal(attempt('sam@example.com', 'guess', minutes(12)));
    expect((await attempt('sam@example.com', PASSWORD, minutes(13))).user.email).toBe('sam@example.com');
  });

  test('twenty failures from one address lock that address for every email, not other addresses', async () => {
    await addFacilitator();
    for (let i = 0; i < 20; i++) await refusal(attempt(`guess${i}@example.com`, 'guess', T0, '10.6.6.6'));
    const locked = await refusal(attempt('fran@example.com', PASSWORD, minutes(1), '10.6.6.6'));
    expect(locked.message).toBe('too many sign-in attempts; try again in 14 minutes');
    expect((await attempt('fran@example.com', PASSWORD, minutes(1), '10.0.0.2')).user.email).toBe(
      'fran@example.com',
    );
  });

  test('a session ends after 14 days and is deleted; sign-out ends it at once', async () => {
    await addFacilitator();
    const first = await attempt('fran@example.com', PASSWORD, T0);
    const found = await getSession(database.db, first.sessionToken, new Date(days(14).getTime() - 1));
    expect(found?.user.email).toBe('fran@example.com');
    expect(found?.session).toEqual(first.session);
    expect(await getSession(database.db, first.sessionToken, days(14))).toBeNull();
    const left = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from sessions`);
    expect(left[0]?.n).toBe(0);

    const second = await attempt('fran@example.com', PASSWORD, T0);
    await signOut(database.db, second.sessionToken);
    expect(await getSession(database.db, second.sessionToken, T0)).toBeNull();
    expect(await getSession(database.db, 'made-up-token', T0)).toBeNull();
  });

  test('password reset end to end: the mailed link works once, ends every session and the old password', async () => {
    await addFacilitator();
    const session = await attempt('fran@example.com', PASSWORD, T0);

    expect(
      await requestPasswordReset(
        database.db,
        { email: 'FRAN@example.com', baseUrl: 'https://tl.example/', address: '192.0.2.1' },
        T0,
      ),
    ).toBeUndefined();
    const [mail, ...more] = await listOutbox(database.db, workspaceId);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to: 'fran@example.com', subject: PASSWORD_RESET_SUBJECT, sentAt: null });
    const token = mail?.body.match(/^https:\/\/tl\.example\/reset-password\/([A-Za-z0-9_-]{43})$/m)?.[1];
    if (!token) throw new Error(`no reset link in:\n${mail?.body}`);

    const newPassword = 'a brand new passphrase';
    await resetPassword(database.db, { token, password: newPassword }, minutes(59));
    expect(await getSession(database.db, session.sessionToken, minutes(59))).toBeNull();
    await refusal(attempt('fran@example.com', PASSWORD, minutes(60)));
    expect((await attempt('fran@example.com', newPassword, minutes(60))).user.email).toBe('fran@example.com');

    const reused = await refusal(resetPassword(database.db, { token, password: 'yet another passphrase' }));
    expect(reused.code).toBe('invalid-input');
    expect(reused.message).toBe('this reset link has expired or was already used');
  });

  test('a reset link expires after an hour; a short new password is refused naming the field', async () => {
    await addFacilitator();
    await requestPasswordReset(
      database.db,
      { email: 'fran@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
      T0,
    );
    const token = (await listOutbox(database.db, workspaceId))[0]?.body.match(/reset-password\/(\S+)/)?.[1];
    if (!token) throw new Error('no reset link');
    const short = await refusal(resetPassword(database.db, { token, password: 'short' }, T0));
    expect(short.message).toBe('password: use at least 12 characters');
    const late = await refusal(
      resetPassword(database.db, { token, password: 'long enough now' }, minutes(60)),
    );
    expect(late.message).toBe('this reset link has expired or was already used');
    expect(
      (await refusal(resetPassword(database.db, { token: 'made-up', password: 'long enough now' }, T0))).code,
    ).toBe('invalid-input');
  });

  test('a reset for an unknown email returns the same and writes nothing', async () => {
    expect(
      await requestPasswordReset(
        database.db,
        { email: 'nobody@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
        T0,
      ),
    ).toBeUndefined();
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`select (select count(*) from outbox)::int + (select count(*) from password_resets)::int as n`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  test('a new reset link supersedes the account’s unused ones: one live link at a time', async () => {
    await addFacilitator();
    const ask = (at: Date) =>
      requestPasswordReset(
        database.db,
        { email: 'fran@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
        at,
      );
    const tokens = async () =>
      (await listOutbox(database.db, workspaceId)).map(
        (m) => m.body.match(/reset-password\/(\S+)/)?.[1] ?? '',
      );
    await ask(T0);
    const [first] = await tokens();
    await ask(minutes(1));
    const [second] = await tokens(); // newest first
    expect(second).not.toBe(first);
    const superseded = await refusal(
      resetPassword(database.db, { token: first!, password: 'long enough now' }, minutes(2)),
    );
    expect(superseded.message).toBe('this reset link has expired or was already used');
    await resetPassword(database.db, { token: second!, password: 'long enough now' }, minutes(2));
  });

  test('reset links are limited per email and per address (429, whether or not the email has an account)', async () => {
    await addFacilitator();
    const ask = (email: string, address: string) =>
      requestPasswordReset(database.db, { email, baseUrl: 'http://x', address }, minutes(5));
    for (const email of ['fran@example.com', 'nobody@example.com']) {
      for (let i = 0; i < 3; i++) await ask(email, `192.0.2.${10 + i}`);
      const refused = await refusal(ask(email, '192.0.2.20'));
      expect(refused.code).toBe('too-many-requests');
      expect(refused.message).toBe('too many reset links were asked for this email; try again in 55 minutes');
      expect(refused.details).toEqual([{ retryAfterSeconds: 55 * 60 }]);
    }
    // Per address: 10 an hour, whatever the emails (4 asked from 192.0.2.20 above: 2 counted).
    for (let i = 0; i < 8; i++) await ask(`person${i}@example.com`, '192.0.2.20');
    expect((await refusal(ask('someone-else@example.com', '192.0.2.20'))).message).toMatch(
      /^too many reset links were asked for from this address/,
    );
    expect(await ask('someone-else@example.com', '192.0.2.21')).toBeUndefined();
  });

  test('a known and an unknown email run the same statements, so neither answer nor time tells them apart', async () => {
    await addFacilitator();
    const recorded = recordingDb(database);
    // The first use of each budget in a process also clears finished windows: not per request.
    const warmUp = { email: 'warm@example.com', baseUrl: 'http://x', address: 'w' };
    await requestPasswordReset(recorded.db, warmUp, T0);
    recorded.statements.length = 0;
    await requestPasswordReset(
      recorded.db,
      { email: 'fran@example.com', baseUrl: 'http://x', address: 'a' },
      T0,
    );
    const known = recorded.statements.splice(0).map((s) => s.sql);
    await requestPasswordReset(
      recorded.db,
      { email: 'nobody@example.com', baseUrl: 'http://x', address: 'b' },
      T0,
    );
    const unknown = recorded.statements.splice(0).map((s) => s.sql);
    expect(unknown).toEqual(known);
    expect(known).toHaveLength(3); // two budgets, then one statement that finds, supersedes, stores and mails
    // …and only the known one left a link and a mail.
    expect((await listOutbox(database.db, workspaceId)).map((m) => m.to)).toEqual(['fran@example.com']);
  });

  test('the outbox is per workspace and newest first; only admins see mail to other accounts', async () => {
    const admin = await addFacilitator('ada@example.com', 'admin');
    const fran = await addFacilitator('fran@example.com');
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    await createUser(database.db, other!.id, {
      email: 'olga@example.com',
      name: 'Olga',
      password: PASSWORD,
      role: 'admin',
    });
    await requestPasswordReset(
      database.db,
      { email: 'ada@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
      minutes(1),
    );
    await requestPasswordReset(
      database.db,
      { email: 'fran@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
      minutes(2),
    );
    await requestPasswordReset(
      database.db,
      { email: 'olga@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
      minutes(3),
    );

    const forAdmin = await listOutbox(database.db, workspaceId, admin);
    expect(forAdmin.map((m) => m.to)).toEqual(['fran@example.com', 'ada@example.com']);
    const forFran = await listOutbox(database.db, workspaceId, fran);
    expect(forFran.map((m) => m.to)).toEqual(['fran@example.com']);
    expect((await listOutbox(database.db, other!.id)).map((m) => m.to)).toEqual(['olga@example.com']);
    expect(await listOutbox(database.db, null)).toEqual([]);
  });

  test('secrets are stored only as hashes: passwords as argon2id, tokens as SHA-256', async () => {
    await addFacilitator();
    const signedIn = await attempt('fran@example.com', PASSWORD, T0);
    await requestPasswordReset(
      database.db,
      { email: 'fran@example.com', baseUrl: 'http://x', address: '192.0.2.1' },
      T0,
    );
    const resetToken = (await listOutbox(database.db, workspaceId))[0]?.body.match(
      /reset-password\/(\S+)/,
    )?.[1];

    const [user] = await queryRows<{ password_hash: string }>(
      database.db,
      sql`select password_hash from users`,
    );
    expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user?.password_hash).not.toContain(PASSWORD);

    const [session] = await queryRows<{ id_hash: string; csrf_token: string }>(
      database.db,
      sql`select id_hash, csrf_token from sessions`,
    );
    expect(session?.id_hash).toBe(hashSecret(signedIn.sessionToken));
    expect(session?.id_hash).not.toBe(signedIn.sessionToken);
    expect(session?.csrf_token).not.toBe(signedIn.sessionToken);

    const [reset] = await queryRows<{ token_hash: string }>(
      database.db,
      sql`select token_hash from password_resets`,
    );
    expect(resetToken).toBeDefined();
    expect(reset?.token_hash).toBe(hashSecret(resetToken!));
    expect(reset?.token_hash).not.toBe(resetToken);
  });

  test('the demo facilitator is an admin whose password is new on each start', async () => {
    const first = await ensureDemoFacilitator(database.db, workspaceId);
    expect(first.email).toBe(DEMO_FACILITATOR_EMAIL);
    expect(first.password.length).toBeGreaterThanOrEqual(12);
    const signedIn = await attempt(first.email, first.password, T0);
    expect(signedIn.user).toMatchObject({ role: 'admin', workspaceId });

    const second = await ensureDemoFacilitator(database.db, workspaceId);
    expect(second.email).toBe(first.email);
    expect(second.password).not.toBe(first.password);
    await refusal(attempt(first.email, first.password, T0));
    expect((await attempt(second.email, second.password, T0)).user.id).toBe(signedIn.user.id);
  });

  test('an admin renames the workspace; a blank, overlong or control-character name is refused', async () => {
    const renamed = await updateWorkspace(database.db, workspaceId, { name: ' Northbridge Consulting ' });
    expect(renamed).toEqual({ id: workspaceId, name: 'Northbridge Consulting', colour: '#0b5cad' });
    for (const [name, message] of [
      ['', 'name: enter the name of your firm or team'],
      ['y'.repeat(121), 'name: use at most 120 characters'],
      ['North\u0007bridge', 'name: contains a control character; remove it and send again'],
    ] as const) {
      const error = await refusal(updateWorkspace(database.db, workspaceId, { name }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toBe(message);
    }
    expect((await getWorkspace(database.db, workspaceId)).name).toBe('Northbridge Consulting');
  });

  test("the documents' colour is #rrggbb, kept in lower case; anything else is refused and nothing changes", async () => {
    const changed = await updateWorkspace(database.db, workspaceId, { colour: ' #7A1F5C ' });
    expect(changed.colour).toBe('#7a1f5c');
    for (const colour of ['red', '#12345', '#1234567', 'url(x)', '#12345g']) {
      const error = await refusal(updateWorkspace(database.db, workspaceId, { colour }));
      expect(error.message).toBe('colour: give the colour as #rrggbb, for example #0b5cad');
    }
    const empty = await refusal(updateWorkspace(database.db, workspaceId, {}));
    expect(empty.message).toBe('name: give a new name, a new colour, or both');
    expect(await getWorkspace(database.db, workspaceId)).toMatchObject({ colour: '#7a1f5c' });
    await updateWorkspace(database.db, workspaceId, { colour: '#0b5cad' });
  });
});
