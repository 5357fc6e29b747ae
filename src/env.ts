import { z } from 'zod';

// The only reader of process.env (STYLE.md). Everything else receives these values.
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
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
