import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server for the tests (the `smtp-server` package, started by the test): it takes mail
// as any server does, refuses the recipients it is told to with the server's own words, can be
// slow, and keeps every message it accepted, parsed, in the order it accepted them.

export type ReceivedMail = {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  /** The content types of its attachments and calendar parts. */
  parts: string[];
};

export type SmtpTestServer = {
  url: string;
  received: ReceivedMail[];
  /** Recipients refused at RCPT TO with 550. */
  refuse: Set<string>;
  /** Milliseconds to wait before accepting each message's data. */
  delayMs: number;
  close(): Promise<void>;
};

export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const state = { received: [] as ReceivedMail[], refuse: new Set<string>(), delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse.has(address.address.toLowerCase())) {
        const error = new Error('5.1.1 <mailbox unavailable>: user unknown') as Error & {
          responseCode: number;
        };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((parsed: ParsedMail) => {
          setTimeout(() => {
            state.received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              parts: parsed.attachments.map((a) => a.contentType),
            });
            callback();
          }, state.delayMs);
        }, callback);
      });
    },
  });
  // A client that dies mid-conversation (the crash test kills one) resets its connection: expected.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    refuse: state.refuse,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
