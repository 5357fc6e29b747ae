import { openConfiguredDatabase } from '../../src/db/open-configured-database.ts';
import { readEnv } from '../../src/env.ts';
import { OutboxWorker, smtpTransport, startOutboxWorker } from '../../src/services/outbox-worker.ts';

// The outbox worker alone in a process of its own, on the configured store, for the test that
// kills it mid-send (src/services/mail-crash.test.ts). A short lease lets the next worker take over
// a dead one's mails within seconds.

const env = readEnv();
const database = await openConfiguredDatabase(env);
const transport = smtpTransport(env.SMTP_URL!);
const worker = new OutboxWorker(database.db, {
  transport,
  fromAddress: env.MAIL_FROM!,
  perDomainPerMinute: 100_000,
  leaseSeconds: Number(process.env.OUTBOX_LEASE_SECONDS ?? '2'),
  batchSize: 10,
});
const stop = startOutboxWorker(worker, { intervalMs: 100 });
process.once('SIGTERM', () => {
  void stop().then(async () => {
    transport.close();
    await database.close();
    process.exit(0);
  });
});
console.log('ready');
