import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { hashPassword, insertUser } from './create-user.ts';
import { createToken } from './secrets.ts';

export const DEMO_FACILITATOR_EMAIL = 'demo@trustloop.example';

/**
 * The embedded demo's account: `npm start` prints its email and a password that is new on every
 * start (the old one stops working; open sessions stay). It is an admin so that the demo can show
 * everything, people management included. `.example` is reserved (RFC 2606): no mail can reach it.
 */
export async function ensureDemoFacilitator(
  db: Db,
  workspaceId: string,
): Promise<{ email: string; password: string }> {
  const password = createToken(15); // 20 URL-safe characters, 120 bits
  const passwordHash = await hashPassword(password);
  const [updated] = await db
    .update(users)
    .set({ passwordHash })
    .where(eq(users.email, DEMO_FACILITATOR_EMAIL))
    .returning({ id: users.id });
  if (!updated) {
    await insertUser(db, {
      workspaceId,
      email: DEMO_FACILITATOR_EMAIL,
      name: 'Demo facilitator',
      role: 'admin',
      passwordHash,
    });
  }
  return { email: DEMO_FACILITATOR_EMAIL, password };
}
