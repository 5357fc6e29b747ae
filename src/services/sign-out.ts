import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema.ts';
import { hashSecret } from './secrets.ts';

/** Ends the session the token opens; an unknown token is already signed out. */
export async function signOut(db: Db, sessionToken: string): Promise<void> {
  if (!sessionToken) return;
  await db.delete(sessions).where(eq(sessions.idHash, hashSecret(sessionToken)));
}
