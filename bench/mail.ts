import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { openDatabase } from '../src/db/client.ts';
import { participants } from '../src/db/schema.ts';
import { OutboxWorker, smtpTransport } from '../src/services/outbox-worker.ts';
import { queueSurveyInvitations } from '../src/services/survey-mail.ts';
import { createOpenSurvey } from '../tests/support/open-survey.ts';
import { startSmtpTestServer } from '../tests/support/smtp-test-server.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { wholeNumberOption } from './options.ts';
import { recordSection } from './record-section.ts';

// `npm run bench:mail` (issue 11): invitations to 2,000 participants queued (links issued and
// mails written in one transaction; target ≤ 2 s), then delivered by the outbox worker to a local
// SMTP server, against a bare nodemailer loop sending the same messages to the same server in the
// same run (target: the worker at ≥ 50% of the loop's rate). Embedded store. Options:
//   --people N      participants (default 2000)
//   --print-only    print the table without writing bench/RESULTS.md

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '2000' },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const people = wholeNumberOption('--people', values.people);
  const smtp = await startSmtpTestServer();
  const database = await openDatabase({ kind: 'pglite' });
  try {
    const { db } = database;
    const survey = await createOpenSurvey(db, { people: [] });
    await db.insert(participants).values(
      Array.from({ length: people }, (_, i) => ({
        relationshipId: survey.relationshipId,
        respondentKey: `r${i}`,
        side: i % 2 === 0 ? 'A' : 'B',
        level: 'staff',
        name: `Person ${i}`,
        email: `p${i}@example.test`,
      })),
    );
    let started = performance.now();
    const run = await queueSurveyInvitations(db, survey.workspaceId, survey.relationshipId, 'Baseline', {
      baseUrl: 'https://trust.example.test',
    });
    const queueMs = performance.now() - started;
    if (run.queued !== people) throw new Error(`queued ${run.queued} of ${people}`);
    const mails = await db.execute(sql`select id, to_address, subject, body, html from outbox`);
    const rows = (
      mails as unknown as {
        rows: Array<{ id: string; to_address: string; subject: string; body: string; html: string }>;
      }
    ).rows;

    // Baseline: a bare nodemailer loop over the same messages, the same pooled transport settings.
    const bare = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(new URL(smtp.url).port),
      pool: true,
      maxConnections: 5,
      maxMessages: 500,
    });
    started = performance.now();
    for (let i = 0; i < rows.length; i += 20) {
      await Promise.all(
        rows.slice(i, i + 20).map((row) =>
          bare.sendMail({
            from: 'trust@lakeside.test',
            to: row.to_address,
            subject: row.subject,
            text: row.body,
            html: row.html,
            messageId: `<bare-${row.id}@lakeside.test>`,
          }),
        ),
      );
    }
    const bareMs = performance.now() - started;
    bare.close();

    const transport = smtpTransport(smtp.url);
    const worker = new OutboxWorker(db, {
      transport,
      fromAddress: 'trust@lakeside.test',
      perDomainPerMinute: 1_000_000,
    });
    started = performance.now();
    const sent = await worker.drain();
    const workerMs = performance.now() - started;
    transport.close();
    if (sent.sent !== people) throw new Error(`sent ${sent.sent} of ${people}`);

    const bareRate = people / (bareMs / 1000);
    const workerRate = people / (workerMs / 1000);
    const table = [
      '| measurement | time s | mails/s | ratio | target |',
      '| --- | ---: | ---: | ---: | --- |',
      `| queue ${people.toLocaleString('en')} invitations (links + mails, one transaction) | ${(queueMs / 1000).toFixed(2)} | ${(people / (queueMs / 1000)).toFixed(0)} | | ≤ 2 s ${queueMs <= 2000 ? '(met)' : '(MISSED)'} |`,
      `| baseline: bare nodemailer loop, same messages | ${(bareMs / 1000).toFixed(2)} | ${bareRate.toFixed(0)} | 1.00× | |`,
      `| outbox worker: claim, send, mark sent | ${(workerMs / 1000).toFixed(2)} | ${workerRate.toFixed(0)} | ${(workerRate / bareRate).toFixed(2)}× | ≥ 0.50× ${workerRate / bareRate >= 0.5 ? '(met)' : '(MISSED)'} |`,
    ].join('\n');
    console.log(`\n${table}`);
    if (!values['print-only']) {
      const machine = describeMachine();
      const heading = sectionHeading('Survey mail', machine);
      const section = [
        heading,
        '',
        'Written by `npm run bench:mail` (bench/README.md, "Survey mail").',
        '',
        ...machineLines(
          machine,
          `Node ${machine.node}; the embedded store (PGlite); smtp-server on 127.0.0.1`,
        ),
        `- Workload: ${people.toLocaleString('en')} participants with an address; their invitations queued, then sent to a local SMTP server (no delay).`,
        '',
        table,
        '',
      ].join('\n');
      console.log(`\nRecorded in ${recordSection(heading, section)}`);
    }
  } finally {
    await database.close();
    await smtp.close();
  }
}

await main();
