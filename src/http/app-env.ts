import type { Db } from '../db/client.ts';

// What every request handler can read from the Hono context (`c.get(...)`). The session
// middleware (src/http/session-middleware.ts) fills `user` and `session` from the cookie.

export type SignedInUser = {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: 'admin' | 'facilitator' | 'sponsor';
};

export type CurrentSession = { idHash: string; csrfToken: string; expiresAt: Date };

export type AppEnv = {
  Variables: {
    db: Db;
    user: SignedInUser | null;
    session: CurrentSession | null;
    /** Per-request CSP nonce for the web app's inline scripts. */
    nonce: string;
  };
};
