import { z } from 'zod';

// The only reader of process.env (STYLE.md). Everything else receives these values.

/** "256k", "2MiB" or bytes (units of 1,024): a request body limit (src/http/body-limits.ts). */
const byteSize = z.string().transform((text, ctx) => {
  const bytes = parseByteSize(text);
  if (bytes === null) {
    ctx.addIssue({ code: 'custom', message: 'must be a size such as 262144, 256k or 2MiB' });
    return z.NEVER;
  }
  return bytes;
});

function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (!match) return null;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : null;
}

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TRUSTLOOP_DATA: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The public origin (https://trust.example.com) used in emailed and survey links. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Whether X-Forwarded-For tells the client's address: `false` (default: the socket's address),
   * `true` (one proxy in front) or how many proxies in front add to it.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/i, 'must be true, false or the number of proxies in front (0–99)')
    .default('false')
    .transform((value) => (/^true$/i.test(value) ? 1 : /^false$/i.test(value) ? 0 : Number(value))),
  BODY_LIMIT_SURVEY: byteSize.optional(),
  BODY_LIMIT_DEFAULT: byteSize.optional(),
  BODY_LIMIT_PARTICIPANTS: byteSize.optional(),
  BODY_LIMIT_BUNDLE: byteSize.optional(),
  /** The mail server: smtp://user:pass@host:587 or smtps://…:465; without it mail waits in the outbox. */
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Who mail comes from: an address (the workspace's name is put in front of it). */
  MAIL_FROM: z.string().email('must be an email address such as trust@example.com').optional(),
  /** At most this many mails a minute to one recipient domain (per sending process). */
  MAIL_PER_DOMAIN_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof EnvSchema>;

/** SMTP_URL and MAIL_FROM go together: one without the other is a mistake worth stopping for. */
function checkMail(env: Env): void {
  if ((env.SMTP_URL === undefined) !== (env.MAIL_FROM === undefined)) {
    throw new Error(
      `Invalid environment:\n  ${env.SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL'}: set it too (SMTP_URL and MAIL_FROM go together; without both, mail waits in the outbox)`,
    );
  }
}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  checkMail(parsed.data);
  return parsed.data;
}

/**
 * React picks its production or development build from NODE_ENV when it is first imported. The web
 * app is built and served in production mode, so a server that was not told otherwise renders with
 * production React too: development React renders several times slower and checks nothing a
 * running server needs (bench/RESULTS.md, "Portfolio"). Called by src/http/production-rendering.ts
 * before anything imports React; test runners set NODE_ENV=test and keep React's development checks.
 */
export function defaultToProductionRendering(env: Record<string, string | undefined> = process.env): void {
  if (!env.NODE_ENV) env.NODE_ENV = 'production';
}
