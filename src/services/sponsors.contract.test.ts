import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { relationships, workspaces } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createRelationship } from './create-relationship.ts';
import { createSponsor, SPONSOR_GRANT_SUBJECT, SPONSOR_INVITE_SUBJECT } from './create-sponsor.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import type { TrackingCell } from './get-response-tracking.ts';
import {
  getSponsorOverview,
  getSponsorRelationshipOverview,
  protectResponseRates,
} from './get-sponsor-overview.ts';
import { listOutbox } from './list-outbox.ts';
import { listPeople } from './list-people.ts';
import { removeSponsorGrant } from './remove-sponsor-grant.ts';
import { resetPassword } from './reset-password.ts';
import { signIn } from './sign-in.ts';

// Sponsor accounts (issue 4, item 6) on PGlite and, with DATABASE_URL, PostgreSQL: the invitation
// through the password-reset machinery, grants, the sponsor's view before and after release, and
// every way of asking for a relationship without a grant.

const BASE = 'https://trustloop.test';
const PASSWORD = 'a long sponsor password';
const T0 = new Date('2030-03-04T09:00:00Z');

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  }
  return [];
}

const RESULT_WORDS = /index|mean|stage|comment|incident|interview|gap|alpha|rwg/i;

describe.each(testStores)('sponsors on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let demoId: string;
  let otherId: string;
  let foreignWorkspaceId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    demoId = (await loadDemo(database.db, workspaceId)).relationshipId;
    // These tests start before any release: the demo's findings and charter are taken away.
    await clearShareAndAct(database.db, demoId);
    otherId = (
      await createRelationship(database.db, workspaceId, {
        name: 'Harbour – Meridian',
        sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Meridian', role: 'supplier' } },
      })
    ).id;
    const [foreign] = await database.db.insert(workspaces).values({ name: 'Elsewhere' }).returning();
    foreignWorkspaceId = foreign!.id;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from users`);
    await database.db.execute(sql`delete from outbox`);
    await database.db.update(relationships).set({ resultsReleasedAt: null });
  });

  async function addSponsor(email = 'sam@example.com', relationship = demoId, side: 'A' | 'B' = 'B') {
    return createSponsor(
      database.db,
      workspaceId,
      { name: 'Sam Sponsor', email, relationship, side, baseUrl: BASE },
      T0,
    );
  }

  test('a new sponsor gets an account, a grant and an invitation whose link sets the password', async () => {
    const created = await addSponsor('Sam@Example.com ');
    expect(created).toMatchObject({
      email: 'sam@example.com',
      relationshipId: demoId,
      side: 'B',
      isInvited: true,
    });
    const mail = await listOutbox(database.db, workspaceId);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'sam@example.com', subject: SPONSOR_INVITE_SUBJECT });
    const token = /\/reset-password\/([\w-]+)/.exec(mail[0]!.body)?.[1];
    expect(token).toBeDefined();
    expect(mail[0]!.body).toContain(`${BASE}/reset-password/`);

    // Nobody can sign in before the link is used: the account's password is a random secret.
    await refusal(signIn(database.db, { email: 'sam@example.com', password: PASSWORD, address: 'x' }));
    // The invitation outlives a reset link's hour, and works once.
    const sixDaysLater = new Date(T0.getTime() + 6 * 86_400_000);
    await resetPassword(database.db, { token: token!, password: PASSWORD }, sixDaysLater);
    expect((await refusal(resetPassword(database.db, { token: token!, password: PASSWORD }))).code).toBe(
      'invalid-input',
    );
    const signedIn = await signIn(database.db, {
      email: 'sam@example.com',
      password: PASSWORD,
      address: 'x',
    });
    expect(signedIn.user).toMatchObject({ role: 'sponsor', workspaceId, name: 'Sam Sponsor' });
  });

  test('an invitation expires after seven days', async () => {
    await addSponsor();
    const [mail] = await listOutbox(database.db, workspaceId);
    const token = /\/reset-password\/([\w-]+)/.exec(mail!.body)![1]!;
    const eightDaysLater = new Date(T0.getTime() + 8 * 86_400_000);
    const error = await refusal(resetPassword(database.db, { token, password: PASSWORD }, eightDaysLater));
    expect(error.code).toBe('invalid-input');
  });

  test('an existing sponsor gets a second relationship without a new account; duplicates and staff are refused', async () => {
    const first = await addSponsor();
    const second = await addSponsor('sam@example.com', otherId, 'A');
    expect(second).toMatchObject({ userId: first.userId, isInvited: false, side: 'A' });
    const mail = await listOutbox(database.db, workspaceId);
    expect(mail.map((m) => m.subject).sort()).toEqual([SPONSOR_GRANT_SUBJECT, SPONSOR_INVITE_SUBJECT].sort());
    expect(mail.find((m) => m.subject === SPONSOR_GRANT_SUBJECT)!.body).not.toMatch(/reset-password/);

    const again = await refusal(addSponsor('sam@example.com', demoId, 'A'));
    expect(again.code).toBe('conflict');
    expect(again.details).toEqual([{ field: 'email', message: expect.stringMatching(/already sponsors/) }]);

    await createUser(database.db, workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'facilitator',
    });
    const staff = await refusal(addSponsor('fran@example.com'));
    expect(staff).toMatchObject({ code: 'conflict', message: expect.stringMatching(/facilitator account/) });

    await createUser(database.db, foreignWorkspaceId, {
      email: 'far@example.com',
      name: 'Far',
      password: PASSWORD,
      role: 'sponsor',
    });
    const foreign = await refusal(addSponsor('far@example.com'));
    expect(foreign.message).toBe('email: an account with this email already exists');
  });

  test('bad input names the field; another workspace’s relationship is not found', async () => {
    const bad = await refusal(
      createSponsor(database.db, workspaceId, {
        name: '',
        email: 'not-an-email',
        relationship: demoId,
        side: 'C' as 'A',
        baseUrl: BASE,
      }),
    );
    expect(bad.code).toBe('invalid-input');
    expect((bad.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
      'email',
      'name',
      'side',
    ]);
    const foreign = await refusal(
      createSponsor(database.db, foreignWorkspaceId, {
        name: 'Sam',
        email: 'sam@example.com',
        relationship: demoId,
        side: 'A',
        baseUrl: BASE,
      }),
    );
    expect(foreign.code).toBe('not-found');
  });

  test('listPeople shows every account of the workspace with a sponsor’s relationships and sides', async () => {
    await createUser(database.db, workspaceId, {
      email: 'ada@example.com',
      name: 'Ada',
      password: PASSWORD,
      role: 'admin',
    });
    const sam = await addSponsor();
    await addSponsor('sam@example.com', otherId, 'A');
    await createUser(database.db, foreignWorkspaceId, {
      email: 'far@example.com',
      name: 'Far',
      password: PASSWORD,
      role: 'facilitator',
    });
    const people = await listPeople(database.db, workspaceId);
    expect(people.map((p) => [p.email, p.role])).toEqual([
      ['ada@example.com', 'admin'],
      ['sam@example.com', 'sponsor'],
    ]);
    const grants = people.find((p) => p.id === sam.userId)!.grants;
    expect(grants.map((g) => [g.relationshipId, g.side])).toEqual([
      [otherId, 'A'],
      [demoId, 'B'],
    ]);
    expect(grants[0]!.sideName).toBe('Harbour');
  });

  test('a sponsor sees only the relationships they hold a grant for; anything else is not found', async () => {
    const sam = await addSponsor();
    const viewer = { id: sam.userId, workspaceId };
    const home = await getSponsorOverview(database.db, viewer);
    expect(home.relationships.map((r) => [r.id, r.side, r.isReleased])).toEqual([[demoId, 'B', false]]);

    for (const id of [otherId, 'not-a-uuid', '00000000-0000-0000-0000-000000000000', demoId.slice(0, 8)]) {
      expect((await refusal(getSponsorRelationshipOverview(database.db, viewer, id))).code, id).toBe(
        'not-found',
      );
    }
    // The same user id asked for from another workspace holds nothing there.
    const elsewhere = { id: sam.userId, workspaceId: foreignWorkspaceId };
    expect((await refusal(getSponsorRelationshipOverview(database.db, elsewhere, demoId))).code).toBe(
      'not-found',
    );
    expect((await getSponsorOverview(database.db, elsewhere)).relationships).toEqual([]);
  });

  test('before release: waves, dates and response rates only; no result of the analysis anywhere', async () => {
    const sam = await addSponsor();
    const overview = await getSponsorRelationshipOverview(
      database.db,
      { id: sam.userId, workspaceId },
      demoId,
    );
    expect(overview.isReleased).toBe(false);
    expect(overview.results).toBeUndefined();
    expect(overview.waves.length).toBeGreaterThan(1);
    for (const wave of overview.waves) {
      expect(wave.status).toBe('closed');
      expect(wave.responseRates?.A.total.kind).toBe('shown');
      expect(wave.responseRates?.B.total.kind).toBe('shown');
    }
    const json = JSON.stringify(overview);
    expect(keysOf(JSON.parse(json)).filter((key) => RESULT_WORDS.test(key))).toEqual([]);
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, demoId);
    expect(json).not.toContain(analysis.waves[0]!.stage.name);
  });

  test('after release: each closed wave’s index per side and stage, exactly as the analysis', async () => {
    const sam = await addSponsor();
    await database.db
      .update(relationships)
      .set({ resultsReleasedAt: T0 })
      .where(eq(relationships.id, demoId));
    const overview = await getSponsorRelationshipOverview(
      database.db,
      { id: sam.userId, workspaceId },
      demoId,
    );
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, demoId);
    expect(overview.releasedAt).toBe(T0.toISOString());
    expect(overview.results).toEqual(
      analysis.waves.map((w) => ({
        label: w.label,
        index: w.index,
        stage: { level: w.stage.level, name: w.stage.name },
      })),
    );
  });

  test('removing a grant takes the relationship away at once; other workspaces cannot remove it', async () => {
    const sam = await addSponsor();
    const viewer = { id: sam.userId, workspaceId };
    const input = { userId: sam.userId, relationshipId: demoId };
    expect((await refusal(removeSponsorGrant(database.db, foreignWorkspaceId, input))).code).toBe(
      'not-found',
    );
    expect(
      (await refusal(removeSponsorGrant(database.db, workspaceId, { ...input, userId: 'x' }))).code,
    ).toBe('not-found');
    await removeSponsorGrant(database.db, workspaceId, input);
    expect((await refusal(getSponsorRelationshipOverview(database.db, viewer, demoId))).code).toBe(
      'not-found',
    );
    expect((await refusal(removeSponsorGrant(database.db, workspaceId, input))).code).toBe('not-found');
    // The account stays, listed without relationships.
    expect((await listPeople(database.db, workspaceId)).find((p) => p.id === sam.userId)?.grants).toEqual([]);
  });
});

describe('response rates per level', () => {
  const cells = (counts: Record<string, [number, number]>): TrackingCell[] =>
    Object.entries(counts).map(([key, [invited, submitted]]) => {
      const [side, level] = key.split('/') as [TrackingCell['side'], TrackingCell['level']];
      return { side, level, invited, started: submitted, submitted };
    });

  test('levels of at least k are shown; a smaller level is hidden with the smallest shown one', () => {
    const rates = protectResponseRates(
      cells({
        'A/leadership': [2, 1],
        'A/operational': [5, 4],
        'A/staff': [9, 6],
        'B/leadership': [4, 2],
        'B/operational': [6, 3],
        'B/staff': [0, 0],
      }),
      3,
    );
    expect(rates.A.levels.leadership).toEqual({ kind: 'hidden', reason: 'too-few' });
    // Total minus staff would give leadership away: operational goes too.
    expect(rates.A.levels.operational).toEqual({ kind: 'hidden', reason: 'complementary' });
    expect(rates.A.levels.staff).toEqual({ kind: 'shown', invited: 9, submitted: 6, rate: 6 / 9 });
    expect(rates.A.total).toEqual({ kind: 'shown', invited: 16, submitted: 11, rate: 11 / 16 });
    expect(rates.B.levels.staff).toEqual({ kind: 'none-invited' });
    expect(rates.B.levels.leadership.kind).toBe('shown');
    expect(rates.B.total).toEqual({ kind: 'shown', invited: 10, submitted: 5, rate: 0.5 });
  });

  test('a side with fewer than k invited in all shows no counts at all', () => {
    const rates = protectResponseRates(cells({ 'A/leadership': [1, 1], 'A/staff': [1, 0] }), 3);
    expect(rates.A.total).toEqual({ kind: 'hidden', reason: 'too-few' });
    expect(rates.A.levels.leadership.kind).toBe('hidden');
    expect(rates.A.levels.staff.kind).toBe('hidden');
    expect(rates.B.total).toEqual({ kind: 'none-invited' });
  });
});
