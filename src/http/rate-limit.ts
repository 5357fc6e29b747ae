import { createMiddleware } from 'hono/factory';
import { AppError } from '../domain/app-error.ts';
import type { AppEnv } from './app-env.ts';
import { clientAddress } from './auth-routes.ts';

/**
 * A fixed-window limit per client address, kept in this process's memory: enough for one server
 * (survey codes are 37 bits, safe only while guessing is slow). Sign-in has its own limit in the
 * database (decision 009).
 */
export function rateLimit(options: { limit: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = clientAddress(c);
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.start >= options.windowMs) {
      window = { start: time, count: 0 };
      windows.set(key, window);
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (time - w.start >= options.windowMs) windows.delete(k);
      }
    }
    window.count += 1;
    if (window.count > options.limit) {
      const minutes = Math.ceil((window.start + options.windowMs - time) / 60_000);
      c.header('Retry-After', String(Math.ceil((window.start + options.windowMs - time) / 1000)));
      throw new AppError(
        'forbidden',
        `too many attempts from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      );
    }
    await next();
  });
}
