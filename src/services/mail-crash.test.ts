import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { createOpenSurvey } from '../../tests/support/open-survey.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../../tests/support/smtp-test-server.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { openConfiguredDatabase } from '../db/open-configured-database.ts';
import { queryRows } from '../db/query-rows.ts';
import { readEnv } from '../env.ts';
import { queueSurveyInvitations } from './survey-mail.ts';

// Durable sending (issue 11, item 5): 200 invitations are queued, a worker process is killed with
// SIGKILL while it sends, and a second worker process finishes. Every mail arrives, each person's
// under one Message-ID; a mail the killed worker had handed to the server but not yet marked sent
// can arrive twice, but only under the same Message-ID (decision 053), and never more than the
// batch the worker had in hand. On the configured store: PostgreSQL with DATABASE_URL, else a
// PGlite data folder (which the test closes while a worker holds it).

const PEOPLE = 200;
const CHILD = new URL('../../tests/support/outbox-worker-child.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
let smtp: SmtpTestServer | undefined;

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await smtp?.close();
});

async function until(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a worker killed mid-send loses nothing: the next one delivers every mail, each under one Message-ID', async () => {
  smtp = await startSmtpTestServer();
  const env = {
    ...process.env,
    TRUSTLOOP_DATA: join(makeTempFolder(), 'data'),
    SMTP_URL: smtp.url,
    MAIL_FROM: 'trust@lakeside.test',
  };
  const open = () => openConfiguredDatabase(readEnv(env));
  let database = await open();
  const survey = await createOpenSurvey(database.db, {
    people: Array.from({ length: PEOPLE }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.test` })),
  });
  const run = await queueSurveyInvitations(
    database.db,
    survey.workspaceId,
    survey.relationshipId,
    'Baseline',
    {
      baseUrl: 'https://trust.example.test',
    },
  );
  expect(run.queued).toBe(PEOPLE);
  if (database.kind === 'pglite') await database.close();

  const startWorker = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
    });
    return child;
  };

  smtp.delayMs = 15;
  const first = await startWorker();
  await until(() => smtp!.received.length >= 50, '50 mails');
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const atKill = smtp.received.length;
  expect(atKill).toBeLessThan(PEOPLE);

  const second = await startWorker();
  await until(() => new Set(smtp!.received.map((m) => m.messageId)).size >= PEOPLE, 'every mail');
  second.kill('SIGTERM');
  await new Promise((resolve) => second.once('exit', resolve));

  const byRecipient = new Map<string, Set<string>>();
  for (const mail of smtp.received) {
    byRecipient.set(mail.to, (byRecipient.get(mail.to) ?? new Set()).add(mail.messageId));
  }
  expect(byRecipient.size).toBe(PEOPLE);
  for (const ids of byRecipient.values()) expect(ids.size).toBe(1);
  const duplicates = smtp.received.length - PEOPLE;
  expect(duplicates).toBeLessThanOrEqual(10);

  if (database.kind === 'pglite') database = await open();
  const states = await queryRows<{ status: string; n: number }>(
    database.db,
    sql`select status, count(*)::int as n from outbox group by status`,
  );
  expect(states).toEqual([{ status: 'sent', n: PEOPLE }]);
  await database.close();
}, 180_000);
