import type { Command } from 'commander';
import { readEnv } from '../env.ts';
import { issueSurveyLinks } from '../services/issue-survey-links.ts';
import { listSurveyLinks } from '../services/list-survey-links.ts';
import { type Output, withCliContext } from './cli-context.ts';

type LinksOptions = { wave: string; json?: boolean; baseUrl?: string; reissue?: boolean };

export function addLinksCommand(program: Command, output: Output): void {
  program
    .command('links')
    .description('personal survey links for a wave: issues one to each participant without one and prints it')
    .argument('<relationship>', 'relationship id, id prefix or name')
    .requiredOption('--wave <label>', 'the wave the links are for')
    .option('--json', 'print one JSON document')
    .option(
      '--base-url <url>',
      'where the survey pages are served (default: PUBLIC_URL, else http://HOST:PORT)',
    )
    .option('--reissue', 'replace every live link too; the old links stop working')
    .action(async (relationship: string, options: LinksOptions) => {
      const env = readEnv();
      const baseUrl = options.baseUrl ?? env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
      await withCliContext(async ({ database, workspaceId }) => {
        const issued = await issueSurveyLinks(database.db, workspaceId, relationship, options.wave, {
          baseUrl,
          ...(options.reissue ? { reissue: true } : {}),
        });
        const listing = await listSurveyLinks(database.db, workspaceId, relationship, options.wave);
        const fresh = new Map(issued.map((link) => [link.participantId, link]));
        const rows = listing.map((p) => {
          const link = fresh.get(p.participantId);
          return {
            participantId: p.participantId,
            name: p.name,
            email: p.email,
            side: p.side,
            level: p.level,
            status: link ? ('new' as const) : p.status,
            url: link?.url ?? null,
            code: link?.code ?? null,
          };
        });
        const earlier = rows.filter((r) => r.url === null).length;
        const note =
          earlier > 0
            ? `${earlier} participant${earlier === 1 ? ' has' : 's have'} a link from before. Only hashes of links and codes are stored, so their URL and code cannot be shown again; run again with --reissue to replace them (the old links stop working).`
            : null;
        if (options.json) {
          output.out(JSON.stringify({ wave: options.wave, links: rows, note }, null, 2));
          return;
        }
        if (rows.length === 0) {
          output.out('This relationship has no participants yet.');
          return;
        }
        for (const r of rows) {
          const who = [r.name || '(no name)', r.email ? `<${r.email}>` : ''].filter(Boolean).join(' ');
          const secret = r.url
            ? `${r.url}  code ${r.code}`
            : `(${r.status}: sent earlier, cannot be shown again)`;
          output.out(`${who}  ${r.side} ${r.level}  ${secret}`);
        }
        if (issued.length > 0) {
          output.out(
            `Issued ${issued.length} new link${issued.length === 1 ? '' : 's'}: send each person their own; this is the only time they are shown.`,
          );
        }
        if (note) output.out(note);
      });
    });
}
