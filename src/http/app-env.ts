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

/** The server's structured log (pino in `trustloop serve`); never given a participant's words. */
export type RequestLog = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

export type CurrentSession = { idHash: string; csrfToken: string; expiresAt: Date };

export type AppEnv = {
  Variables: {
    db: Db;
    user: SignedInUser | null;
    session: CurrentSession | null;
    /** Per-request CSP nonce for the web app's inline scripts. */
    nonce: string;
    /**
     * Where links in mail and survey links point: PUBLIC_URL, else the address the server was
     * started on. Never the request's Host header, which the client chooses.
     */
    baseUrl: string;
    /** The client's address: the socket's, or X-Forwarded-For's only when TRUST_PROXY says so. */
    address: string;
    /** The most bytes this request's body may have (src/http/body-limits.ts). */
    bodyLimit: number;
    /** A form post's fields, parsed once and checked by the request guards. */
    form: FormData | undefined;
    log: RequestLog | undefined;
  };
};
