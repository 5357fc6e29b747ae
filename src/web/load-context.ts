import type { Db } from '../db/client.ts';
import type { CurrentSession, SignedInUser } from '../http/app-env.ts';

// What Hono hands every loader and action (src/http/web-handler.ts): the store, who is signed in,
// the session's CSRF token for forms, the CSP nonce for inline scripts, the public base URL.
export type WebLoadContext = {
  db: Db;
  user: SignedInUser | null;
  session: CurrentSession | null;
  nonce: string;
  baseUrl: string;
  /** The client's address (the socket's, or X-Forwarded-For's behind TRUST_PROXY), for rate limits. */
  address: string;
  /**
   * Logs an unexpected error a page met (entry.server.tsx): its kind and where, never its data
   * (SQL parameters, the path's survey token).
   */
  reportError(error: unknown, pathname: string): void;
};

declare module 'react-router' {
  interface AppLoadContext extends WebLoadContext {}
}
