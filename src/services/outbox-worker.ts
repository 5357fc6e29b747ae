import { type SQL, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { findForbiddenCharacter } from '../domain/control-characters.ts';
import { htmlOfPlainText } from '../domain/survey-mail.ts';

// The outbox worker (issue 11, item 5; decision 053): sends the mail queued in the database
// through SMTP. A batch of due mails is claimed with FOR UPDATE SKIP LOCKED (the same SQL on
// PGlite and PostgreSQL, so several processes share the work) and marked `sending` with a lease;
// each is sent with a Message-ID made from its row's id; a success marks it `sent`. A server's
// permanent refusal (5xx) marks it `failed` with the server's words; anything else is retried with
// back-off, up to MAX_ATTEMPTS. A worker that dies mid-send leaves its mails `sending` until the
// lease ends; another worker then sends them again under the same Message-ID, so a mail the server
// had already taken arrives as a duplicate a mail system recognises, never as a second message.
// Sending is rate-limited per recipient domain. Logs carry ids and reasons, never an address.

export type OutgoingMail = {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  attachments: MailAttachment[];
};

export type MailAttachment = { filename: string; contentType: string; content: string };

/** Sends one mail or throws; an error with `responseCode` 5xx is permanent. */
export type MailTransport = { send(mail: OutgoingMail): Promise<void>; close(): void };

export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  const transport = nodemailer.createTransport({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : parsed.protocol === 'smtps:' ? 465 : 587,
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
    pool: true,
    maxConnections: 5,
    maxMessages: 500,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        // A calendar invitation goes as the message's calendar part too, which mail programs show
        // as an invitation to accept.
        ...(calendarOf(mail.attachments)
          ? { icalEvent: { method: 'REQUEST', content: calendarOf(mail.attachments)! } }
          : {}),
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    },
    close: () => transport.close(),
  };
}

export type OutboxWorkerOptions = {
  transport: MailTransport;
  /** MAIL_FROM: the address; each mail's sender name is its workspace's name. */
  fromAddress: string;
  perDomainPerMinute: number;
  batchSize?: number;
  /** How long a claimed mail is this worker's before another may take it over (default 120 s). */
  leaseSeconds?: number;
  /** Called with what happened, for the log: ids, counts and reasons only. */
  log?: (event: { event: string; id?: string; reason?: string; count?: number }) => void;
};

export const MAX_ATTEMPTS = 6;

/**
 * Once a mail has left (or never will), the plain survey or actions link and survey code in it are
 * blanked: the database keeps only hashes of them again (decision 010), as before it was written.
 */
const SCRUB =
  sql.raw(`body = regexp_replace(regexp_replace(body, '/([sa])/[A-Za-z0-9_-]{16,}', '/\\1/…', 'g'), 'code [A-Z0-9]{4}-[A-Z0-9]{4}', 'code ····-····', 'g'),
  html = regexp_replace(regexp_replace(html, '/([sa])/[A-Za-z0-9_-]{16,}', '/\\1/…', 'g'), '[A-Z0-9]{4}-[A-Z0-9]{4}</strong>', '····-····</strong>', 'g')`);
const MAX_AGE_DAYS = 7;

function calendarOf(attachments: MailAttachment[]): string | undefined {
  return attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content;
}

type Claimed = {
  attachments: MailAttachment[] | null;
  id: string;
  to_address: string;
  subject: string;
  body: string;
  html: string | null;
  attempts: number;
  stale: boolean;
  workspace_name: string | null;
};

export type DrainResult = { sent: number; failed: number; retried: number };

export class OutboxWorker {
  private readonly sentAt = new Map<string, number[]>();
  private readonly batchSize: number;
  private readonly leaseSeconds: number;

  constructor(
    private readonly db: Db,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.leaseSeconds = options.leaseSeconds ?? 120;
  }

  /** Sends what is due now, batch after batch, until nothing is due; returns what happened. */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, failed: 0, retried: 0 };
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) return total;
      const results = await Promise.all(claimed.map((mail) => this.deliver(mail)));
      // The sent ones are marked in one statement; the others were settled one by one.
      const sent = claimed.filter((_, i) => results[i] === 'sent').map((mail) => mail.id);
      if (sent.length > 0) {
        await this.db.execute(
          sql`update outbox set status = 'sent', sent_at = now(), last_error = null, claimed_until = null, ${SCRUB}
              where id = any(${toPgArrayLiteral(sent)}::uuid[]) and status = 'sending'`,
        );
        for (const id of sent) this.options.log?.({ event: 'mail-sent', id });
      }
      for (const result of results) total[result] += 1;
    }
  }

  private async claim(): Promise<Claimed[]> {
    return queryRows<Claimed>(
      this.db,
      sql`update outbox o
          set status = 'sending', attempts = o.attempts + 1,
              claimed_until = now() + make_interval(secs => ${this.leaseSeconds})
          from (
            select id from outbox
            where (status = 'queued' and next_attempt_at <= now())
               or (status = 'sending' and claimed_until < now())
            order by next_attempt_at, id
            limit ${this.batchSize}
            for update skip locked
          ) due
          where o.id = due.id
          returning o.id, o.to_address, o.subject, o.body, o.html, o.attachments, o.attempts,
            o.created_at < now() - make_interval(days => ${MAX_AGE_DAYS}) as stale,
            (select w.name from workspaces w where w.id = o.workspace_id) as workspace_name`,
    );
  }

  private async deliver(mail: Claimed): Promise<'sent' | 'failed' | 'retried'> {
    if (mail.stale) {
      await this.settle(
        mail.id,
        sql`status = 'failed', last_error = ${`queued more than ${MAX_AGE_DAYS} days ago and not sent then; pass it on from the outbox page if it is still needed`}`,
      );
      return 'failed';
    }
    const domain = mail.to_address.split('@').at(-1)?.toLowerCase() ?? '';
    const wait = this.waitFor(domain);
    if (wait > 0) {
      // Over the domain's rate: back in the queue, this attempt not counted.
      await this.settle(
        mail.id,
        sql`status = 'queued', attempts = attempts - 1, next_attempt_at = now() + make_interval(secs => ${wait / 1000})`,
      );
      return 'retried';
    }
    try {
      await this.options.transport.send({
        from: { name: mail.workspace_name ?? 'Trustloop', address: this.options.fromAddress },
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body,
        // Mail written only as text (account mails) gets an HTML version made from it.
        html: mail.html ?? htmlOfPlainText(mail.body),
        attachments: mail.attachments ?? [],
        messageId: `<${mail.id}@${this.options.fromAddress.split('@').at(-1)}>`,
      });
      return 'sent';
    } catch (error) {
      const reason = reasonOf(error);
      const permanent = isPermanent(error) || mail.attempts >= MAX_ATTEMPTS;
      if (permanent) {
        await this.settle(mail.id, sql`status = 'failed', last_error = ${reason}, ${SCRUB}`);
        this.options.log?.({ event: 'mail-failed', id: mail.id, reason });
        return 'failed';
      }
      const delay = Math.min(30 * 2 ** (mail.attempts - 1), 3600);
      await this.settle(
        mail.id,
        sql`status = 'queued', last_error = ${reason}, next_attempt_at = now() + make_interval(secs => ${delay})`,
      );
      this.options.log?.({ event: 'mail-retry', id: mail.id, reason });
      return 'retried';
    }
  }

  private async settle(id: string, set: SQL): Promise<void> {
    await this.db.execute(
      sql`update outbox set ${set}, claimed_until = null where id = ${id} and status = 'sending'`,
    );
  }

  /** Milliseconds until the domain may take another mail (0: now), counting this one if it may. */
  private waitFor(domain: string): number {
    const now = Date.now();
    const recent = (this.sentAt.get(domain) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= this.options.perDomainPerMinute) {
      this.sentAt.set(domain, recent);
      return recent[0]! + 60_000 - now;
    }
    recent.push(now);
    this.sentAt.set(domain, recent);
    return 0;
  }
}

/** The server's answer (or the connection's problem) in one line, for the facilitator's page. */
export function reasonOf(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const words = e.response ?? e.message ?? String(error);
  const line = [
    ...`${e.responseCode && !words.startsWith(String(e.responseCode)) ? `${e.responseCode} ` : ''}${words}`,
  ]
    .map((c) => (findForbiddenCharacter(c, 'single-line') === null ? c : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  // A server's answer speaks for itself; a connection's problem gets its code (ECONNREFUSED, …).
  return (e.code && !e.responseCode && !line.includes(e.code) ? `${e.code}: ${line}` : line).slice(0, 300);
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Runs a worker in the background: a drain every `intervalMs`, and `tick` (the reminder schedule)
 * before each. Returns a stop function that waits for the current round.
 */
export function startOutboxWorker(
  worker: OutboxWorker,
  options: { intervalMs?: number; tick?: () => Promise<void>; onError?: (error: unknown) => void } = {},
): () => Promise<void> {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    try {
      await options.tick?.();
      await worker.drain();
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round().finally(schedule);
    }, options.intervalMs ?? 2000);
  };
  current = round().finally(schedule);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
