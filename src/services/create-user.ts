import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';

// Adding a person to a workspace, and the account rules every account use case shares: what an
// email and a password must look like, and how a password is hashed (decision 009).

export const USER_ROLES = ['admin', 'facilitator', 'sponsor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A signed-in person as the services hand it out: never the password hash. */
export type AccountUser = {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: UserRole;
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Trimmed and lower-cased, as users.email stores it. */
export const EmailSchema = z
  .string({ error: 'enter an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'enter an email address' }).max(254, { error: 'enter an email address' }));

export const NewPasswordSchema = z
  .string({ error: 'enter a password' })
  .min(MIN_PASSWORD_LENGTH, { error: `use at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `use at most ${MAX_PASSWORD_LENGTH} characters` });

export const PersonNameSchema = z
  .string({ error: 'enter a name' })
  .trim()
  .min(1, { error: 'enter a name' })
  .max(200, { error: 'use at most 200 characters' });

export const NewAccountSchema = z.object({
  email: EmailSchema,
  name: PersonNameSchema,
  password: NewPasswordSchema,
});

export type NewAccount = z.input<typeof NewAccountSchema>;

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first option: 19 MiB, 2 passes, 1 lane.
 * The PHC string records them, so raising them later still verifies older hashes.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Lower-cased and trimmed: how an email is compared and stored. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Parses with a zod schema; a failure becomes AppError 'invalid-input' naming the field(s). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
  const first = problems[0] ?? { field: 'body', message: 'is not valid' };
  throw new AppError('invalid-input', `${first.field}: ${first.message}`, problems);
}

export function toAccountUser(row: {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: string;
}): AccountUser {
  if (!(USER_ROLES as readonly string[]).includes(row.role)) throw new Error(`unknown role ${row.role}`);
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    email: row.email,
    name: row.name,
    role: row.role as UserRole,
  };
}

export const accountUserColumns = {
  id: users.id,
  workspaceId: users.workspaceId,
  email: users.email,
  name: users.name,
  role: users.role,
};

const RoleSchema = z.enum(USER_ROLES, { error: 'choose admin, facilitator or sponsor' });

/** An admin adds a facilitator, sponsor or admin to their workspace. */
export async function createUser(
  db: Db,
  workspaceId: string,
  input: NewAccount & { role: UserRole },
): Promise<AccountUser> {
  const account = parseInput(NewAccountSchema.extend({ role: RoleSchema }), input);
  const passwordHash = await hashPassword(account.password);
  return insertUser(db, { ...account, workspaceId, passwordHash });
}

/** Inserts a user whose email is already normalised; a taken email is a 'conflict'. */
export async function insertUser(
  db: Pick<Db, 'select' | 'insert'>,
  values: { workspaceId: string; email: string; name: string; role: UserRole; passwordHash: string },
): Promise<AccountUser> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, values.email)).limit(1);
  if (taken) throw emailTaken();
  try {
    const [created] = await db.insert(users).values(values).returning(accountUserColumns);
    if (!created) throw new Error('inserting a user returned no row');
    return toAccountUser(created);
  } catch (error) {
    // Two requests for the same email at once: the unique constraint decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

function emailTaken(): AppError {
  return new AppError('conflict', 'email: an account with this email already exists', [
    { field: 'email', message: 'an account with this email already exists' },
  ]);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
