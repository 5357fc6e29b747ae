import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { users, workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { type AccountUser, hashPassword, insertUser, NewAccountSchema, parseInput } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { WorkspaceNameSchema } from './workspace-settings.ts';

// First run: nobody has an account yet, so whoever opens the server names the first admin. After
// that the setup screen is closed for good; further people are added by an admin (createUser).
// The first admin also names the workspace: participants read it as "Run by …" (decision 042).

export const FirstAdminSchema = NewAccountSchema.extend({ workspaceName: WorkspaceNameSchema });
export type FirstAdminInput = z.input<typeof FirstAdminSchema>;

export type SetupStatus = { needsFirstAdmin: boolean };

export async function getSetupStatus(db: Db): Promise<SetupStatus> {
  return { needsFirstAdmin: !(await hasAnyUser(db)) };
}

/** Any transaction-scoped lock key will do; this one is only taken here. */
const FIRST_ADMIN_LOCK = 7_304_001;

export async function createFirstAdmin(db: Db, input: FirstAdminInput): Promise<AccountUser> {
  const { workspaceName, ...account } = parseInput(FirstAdminSchema, input);
  // Hash outside the transaction: it takes tens of milliseconds and needs no lock.
  const passwordHash = await hashPassword(account.password);
  return db.transaction(async (tx) => {
    // Two first-run forms submitted at once must not both create an admin: serialise them.
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    if (await hasAnyUser(tx)) {
      throw new AppError('conflict', 'the first admin exists already; ask them to add you');
    }
    const workspace = await ensureDefaultWorkspace(tx);
    await tx.update(workspaces).set({ name: workspaceName }).where(eq(workspaces.id, workspace.id));
    return insertUser(tx, { ...account, workspaceId: workspace.id, role: 'admin', passwordHash });
  });
}

async function hasAnyUser(db: Pick<Db, 'select'>): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}
