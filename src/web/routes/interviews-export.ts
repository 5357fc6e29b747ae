import { data } from 'react-router';
import { formatInterviewsCsv, formatQuotesCsv } from '../../domain/interviews-csv.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { listInterviews } from '../../services/list-interviews.ts';
import { listQuotes } from '../../services/list-quotes.ts';
import { requireWebUser } from '../auth.server.ts';
import { csvDownload } from '../csv-download.server.ts';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/interviews-export';

// CSV downloads of the interviews page: `…/interviews-export/interviews` (ref, side, level, date,
// status, counts — no names, notes or transcripts) and `…/interviews-export/quotes` (side and
// level only). Facilitators only, like the page.

const TABLES = ['interviews', 'quotes'] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const table = params.table;
  if (!(TABLES as readonly string[]).includes(table)) {
    throw data(`There is no interviews table "${table}". Tables: ${TABLES.join(', ')}.`, { status: 404 });
  }
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const csv =
    table === 'interviews'
      ? formatInterviewsCsv(await listInterviews(context.db, user.workspaceId, setup.id))
      : formatQuotesCsv(await listQuotes(context.db, user.workspaceId, setup.id));
  return csvDownload(`${setup.name} ${table}`, csv);
}
