import type { AppLoadContext } from 'react-router';
import type { CommentAudience } from '../../domain/attribute-comments.ts';
import { listOpenAnswers } from '../../services/list-open-answers.ts';
import { requireWebUser } from '../auth.server.ts';
import { orNotFound } from '../not-found.server.ts';

/**
 * The signed-in facilitator and the comments of relationship `id` the request's query names
 * (?wave, ?theme): what the comments page shows (`facilitator`) and its CSV export writes (`shared`).
 */
export async function loadCommentsView(
  context: AppLoadContext,
  request: Request,
  id: string,
  audience: CommentAudience = 'facilitator',
) {
  const user = requireWebUser(context, request);
  const search = new URL(request.url).searchParams;
  const view = await orNotFound(
    listOpenAnswers(context.db, user.workspaceId, id, {
      wave: search.get('wave'),
      theme: search.get('theme'),
      audience,
    }),
  );
  return { user, view };
}
