import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { cli } from '../../tests/support/run-cli.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../../tests/support/smtp-test-server.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { openDatabase } from '../db/client.ts';
import { addParticipant } from '../services/add-participant.ts';
import { createRelationship } from '../services/create-relationship.ts';
import { createWave } from '../services/create-wave.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';

// `trustloop wave open --remind-after`, `invite` and `remind` in-process on a PGlite folder (issue
// 11, item 7): a dry run shows the first mail with its secrets hidden and queues nothing; without
// SMTP_URL the mail waits in the outbox; with it, the command sends through a real SMTP server.

let smtp: SmtpTestServer;

beforeAll(async () => {
  const dataDir = join(makeTempFolder(), 'data');
  vi.stubEnv('TRUSTLOOP_DATA', dataDir);
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('PUBLIC_URL', 'https://trust.example.test');
  smtp = await startSmtpTestServer();
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    await createRelationship(database.db, workspaceId, {
      name: 'Acme and Globex',
      sides: { A: { name: 'Acme', role: 'customer' }, B: { name: 'Globex', role: 'supplier' } },
    });
    for (const [name, side] of [
      ['Ann', 'A'],
      ['Bo', 'B'],
    ] as const) {
      await addParticipant(database.db, workspaceId, 'Acme and Globex', {
        name,
        email: `${name.toLowerCase()}@example.test`,
        side,
        level: 'staff',
      });
    }
    const today = new Date().toISOString().slice(0, 10);
    const closes = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await createWave(database.db, workspaceId, 'Acme and Globex', { label: 'Pulse 1', opens: today, closes });
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp?.close();
});

test('open with a reminder schedule, invite (dry run, then for real), remind through SMTP', async () => {
  expect((await cli('wave', 'open', 'Acme', 'Pulse 1', '--remind-after', '3,x')).code).toBe(2);
  const opened = await cli('wave', 'open', 'Acme', 'Pulse 1', '--remind-after', '7,3');
  expect(opened.out.at(-1)).toBe(
    'Reminders go 3 and 7 days after opening to those who have not submitted (at most 2 each).',
  );

  const dry = await cli('invite', 'Acme', '--wave', 'Pulse 1', '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.out[0]).toBe('Would queue 2 invitations; 0 already invited; 0 without an email address.');
  const text = dry.out.join('\n');
  expect(text).toContain('Subject: How do you see Globex? A 10-minute survey for Acme');
  expect(text).toContain('Your personal link: https://trust.example.test/s/…');
  expect(text).toContain('Or type your code ····-··· at https://trust.example.test/code');

  const queued = await cli('invite', 'Acme', '--wave', 'Pulse 1');
  expect(queued.out).toEqual([
    'Queued 2 invitations; 0 already invited; 0 without an email address.',
    'No SMTP_URL and MAIL_FROM: the mails wait in the outbox page (or set them and run `trustloop serve`).',
  ]);

  vi.stubEnv('SMTP_URL', smtp.url);
  vi.stubEnv('MAIL_FROM', 'trust@lakeside.test');
  const reminded = await cli('remind', 'Acme', '--wave', 'Pulse 1');
  expect(reminded.out[0]).toBe(
    'Queued 2 reminders; 0 have submitted; 0 not due, opted out or not invited; 0 without an email address.',
  );
  // The command sends what is queued: the two invitations, then the two reminders.
  expect(reminded.out[1]).toBe(
    "Sent 4; 0 failed (the reasons are on the wave's links page); 0 will be tried again.",
  );
  expect(smtp.received.map((m) => m.to).sort()).toEqual([
    'ann@example.test',
    'ann@example.test',
    'bo@example.test',
    'bo@example.test',
  ]);
  vi.stubEnv('SMTP_URL', '');
  vi.stubEnv('MAIL_FROM', '');
});
