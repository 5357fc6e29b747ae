import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Db } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open-configured-database.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { type Env, readEnv } from '../env.ts';
import { bodyLimitsOf } from '../http/body-limits.ts';
import { startServer } from '../http/start-server.ts';
import { hasWebBuild } from '../http/web-handler.ts';
import { queueActionReminders } from '../services/action-reminders.ts';
import { getSetupStatus } from '../services/create-first-admin.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { ensureDemoFacilitator } from '../services/ensure-demo-facilitator.ts';
import { listRelationships } from '../services/list-relationships.ts';
import { startOutboxWorker } from '../services/outbox-worker.ts';
import { queueDueReminders } from '../services/survey-mail.ts';
import type { Output } from './cli-context.ts';
import { type CommandSocket, listenForCommands } from './command-socket-server.ts';
import { mailWorkerOf } from './mail-worker.ts';

const WEB_BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/ensure-web-build.ts', import.meta.url));

export function addServeCommand(
  program: Command,
  output: Output,
  runCommandLine: (argv: readonly string[], output: Output) => Promise<number>,
): void {
  program
    .command('serve')
    .description('start the server: health at /health, the JSON API under /api')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option(
      '--demo-if-empty',
      'load the demo relationship when the workspace has none (what `npm start` does)',
    )
    .option('--api-only', 'serve the JSON API without the web app (no pages, no survey links)')
    .action(async (options: { port?: string; host?: string; demoIfEmpty?: boolean; apiOnly?: boolean }) => {
      const env = readEnv();
      if (!options.apiOnly && !hasWebBuild()) {
        // Build it now, as `npm start` does; where the build tools are missing, startServer refuses.
        output.out('The web app is not built yet: building it once (about a minute)…');
        spawnSync(process.execPath, ['--import', 'tsx', WEB_BUILD_SCRIPT], { stdio: 'inherit' });
      }
      const database = await openConfiguredDatabase(env);
      try {
        const workspace = await ensureDefaultWorkspace(database.db);
        let demoAccount: { email: string; password: string } | undefined;
        if (options.demoIfEmpty) {
          if ((await listRelationships(database.db, workspace.id)).length === 0) {
            await loadDemo(database.db, workspace.id);
            output.out('Loaded the demo relationship into the empty data folder.');
          }
          // A fresh password at every start of the embedded demo, printed below.
          demoAccount = await ensureDemoFacilitator(database.db, workspace.id);
        }
        const server = await startServer({
          database,
          publicUrl: env.PUBLIC_URL,
          trustProxy: env.TRUST_PROXY,
          bodyLimits: bodyLimitsOf(env),
          port: options.port === undefined ? env.PORT : parsePort(options.port),
          host: options.host ?? env.HOST,
          logLevel: env.LOG_LEVEL,
          apiOnly: options.apiOnly,
        });
        // On the embedded store, other `trustloop` commands are run here, on this open store.
        let commands: CommandSocket | undefined;
        if (database.kind === 'pglite') {
          commands = await listenForCommands({
            dataFolder: database.location,
            context: { database, workspaceId: workspace.id },
            runCommandLine,
            logLevel: env.LOG_LEVEL,
          });
        }
        output.out(
          `Trustloop is serving ${server.url}${options.apiOnly ? ' (the JSON API only)' : ''} (store: ${database.kind}, ${database.location})`,
        );
        const stopMail = startMail(database.db, env, env.PUBLIC_URL ?? server.url, output);
        if (commands) {
          output.out('Other trustloop commands on this data folder are run by this server while it runs.');
        }
        if (demoAccount) {
          output.out(`Sign in as ${demoAccount.email} with password ${demoAccount.password}`);
        } else if ((await getSetupStatus(database.db)).needsFirstAdmin) {
          output.out(`No account yet: open ${server.url}/setup to create the first admin.`);
        }
        const stop = () => {
          output.out('Shutting down…');
          Promise.all([commands?.close(), server.close(), stopMail()]).then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } catch (error) {
        await database.close();
        throw error;
      }
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: "${value}" is not a port number`);
  return port;
}

/**
 * With SMTP_URL and MAIL_FROM, the outbox worker sends queued mail every two seconds and queues
 * the reminders whose day has come once a minute (decision 053); without them, mail waits in the
 * outbox page. Logs say what happened to which mail id, never to whom.
 */
function startMail(db: Db, env: Env, baseUrl: string, output: Output): () => Promise<void> {
  const mail = mailWorkerOf(db, env);
  if (!mail || !env.SMTP_URL) {
    output.out('No SMTP_URL and MAIL_FROM: mail waits in the outbox page.');
    return async () => {};
  }
  let remindersCheckedAt = 0;
  const stop = startOutboxWorker(mail.worker, {
    tick: async () => {
      if (Date.now() - remindersCheckedAt < 60_000) return;
      remindersCheckedAt = Date.now();
      const today = new Date().toISOString().slice(0, 10);
      await queueDueReminders(db, baseUrl, today);
      await queueActionReminders(db, baseUrl, today);
    },
    onError: (error) =>
      output.err(`The mail worker stopped a round: ${loggableKind(error)}; it tries again.`),
  });
  output.out(`Mail goes out through ${new URL(env.SMTP_URL).hostname} from ${env.MAIL_FROM}.`);
  return async () => {
    await stop();
    mail.close();
  };
}

function loggableKind(error: unknown): string {
  return error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown error';
}
