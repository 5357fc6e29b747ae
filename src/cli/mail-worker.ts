import type { Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import { OutboxWorker, smtpTransport } from '../services/outbox-worker.ts';

/**
 * The outbox worker the environment asks for (SMTP_URL, MAIL_FROM, MAIL_PER_DOMAIN_PER_MINUTE),
 * with the function that closes its SMTP connections; null without a mail server. `serve` runs it
 * in the background, `invite` and `remind` drain it once.
 */
export function mailWorkerOf(db: Db, env: Env): { worker: OutboxWorker; close(): void } | null {
  if (!env.SMTP_URL || !env.MAIL_FROM) return null;
  const transport = smtpTransport(env.SMTP_URL);
  const worker = new OutboxWorker(db, {
    transport,
    fromAddress: env.MAIL_FROM,
    perDomainPerMinute: env.MAIL_PER_DOMAIN_PER_MINUTE,
  });
  return { worker, close: () => transport.close() };
}
