import type { Command } from 'commander';
import { readEnv } from '../env.ts';
import { queueSurveyInvitations, queueSurveyReminders, type SurveyMailRun } from '../services/survey-mail.ts';
import { type Output, withCliContext } from './cli-context.ts';
import { mailWorkerOf } from './mail-worker.ts';

// `trustloop invite` and `trustloop remind` (issue 11, item 7): queue the survey's invitations, or
// the next reminder for those who have not submitted, each with the person's own new link, then
// send what is queued when SMTP_URL is set (a running server's worker sends it too). --dry-run
// shows who would get what and the first mail, and changes nothing.

type MailOptions = { wave: string; dryRun?: boolean; baseUrl?: string };

export function addMailCommands(program: Command, output: Output): void {
  for (const kind of ['invite', 'remind'] as const) {
    program
      .command(kind)
      .description(
        kind === 'invite'
          ? 'email each participant of a wave who has an address and no invitation yet their own link and code (a link printed earlier is replaced)'
          : "email the next reminder, with a new link, to each invited participant who has not submitted (never more than the wave's reminder schedule, never after it closes; not to those who opted out)",
      )
      .argument('<relationship>', 'id, id prefix or name (see `trustloop list`)')
      .requiredOption('--wave <label>', 'the wave')
      .option('--dry-run', 'show who would get a mail and the first mail, and change nothing')
      .option('--base-url <url>', 'where the links point (default: PUBLIC_URL, else http://HOST:PORT)')
      .action(async (reference: string, options: MailOptions) => {
        const env = readEnv();
        const baseUrl = options.baseUrl ?? env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
        await withCliContext(async ({ database, workspaceId }) => {
          const queue = kind === 'invite' ? queueSurveyInvitations : queueSurveyReminders;
          const run = await queue(database.db, workspaceId, reference, options.wave, {
            baseUrl,
            dryRun: options.dryRun === true,
          });
          report(output, kind, run, options.dryRun === true);
          if (options.dryRun || run.queued === 0) return;
          const mail = mailWorkerOf(database.db, env);
          if (!mail) {
            output.out(
              'No SMTP_URL and MAIL_FROM: the mails wait in the outbox page (or set them and run `trustloop serve`).',
            );
            return;
          }
          try {
            const sent = await mail.worker.drain();
            output.out(
              `Sent ${sent.sent}; ${sent.failed} failed (the reasons are on the wave's links page); ${sent.retried} will be tried again.`,
            );
          } finally {
            mail.close();
          }
        });
      });
  }
}

function report(output: Output, kind: 'invite' | 'remind', run: SurveyMailRun, dryRun: boolean): void {
  const what = kind === 'invite' ? 'invitation' : 'reminder';
  output.out(
    `${dryRun ? 'Would queue' : 'Queued'} ${run.queued} ${what}${run.queued === 1 ? '' : 's'}` +
      (kind === 'remind' ? `; ${run.submitted} have submitted` : '') +
      `; ${run.skipped} ${kind === 'invite' ? 'already invited' : 'not due, opted out or not invited'}; ${run.withoutEmail} without an email address.`,
  );
  if (dryRun && run.preview) {
    output.out(
      `\nThe first, to ${run.preview.to} (link and code hidden here):\nSubject: ${run.preview.subject}\n\n${run.preview.text}`,
    );
  }
}
