import { data } from 'react-router';
import { DOCUMENT_FORMATS, type DocumentFormat, renderDocument } from '../../documents/render-document.ts';
import { requireWebUser } from '../auth.server.ts';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/results-document';

// A wave's workshop deck (.pptx) or report (.pdf) download (issue 11, items 1–2), private to the
// facilitators like the results pages: the same file `trustloop report` writes.

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const format = params.format.toLowerCase() as DocumentFormat;
  if (!DOCUMENT_FORMATS.includes(format)) throw data('Not found', { status: 404, statusText: 'Not Found' });
  const document = await orNotFound(
    renderDocument(context.db, user.workspaceId, params.id, params.label, format),
  );
  return new Response(new Uint8Array(document.body), {
    headers: {
      'Content-Type': document.contentType,
      'Content-Disposition': `attachment; filename="${document.fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
