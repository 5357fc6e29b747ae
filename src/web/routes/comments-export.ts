import { describeAttribution } from '../../domain/attribute-comments.ts';
import { formatCsv } from '../../domain/csv.ts';
import { wordingForSide } from '../../domain/word-for-side.ts';
import { LEVEL_LABELS } from '../components/setup-labels.tsx';
import { csvDownload } from '../csv-download.server.ts';
import type { Route } from './+types/comments-export';
import { loadCommentsView } from './comments-view.server.ts';

// The comments page as CSV: the same service, so the same comments (submitted only, closed waves
// only), the same attribution (a level only where it is safe, else blank with the reason), the same
// keyed order and the same theme filter. A download travels: it holds what may be shared — the
// redacted texts and no hidden comment (the originals stay on the page). Facilitators only, like
// the page. Each question is worded as that row's side was asked it.

const HEADER = ['question', 'side', 'level', 'level_not_shown_because', 'text', 'themes'];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { view } = await loadCommentsView(context, request, params.id, 'shared');
  const rows: string[][] = [HEADER];
  const sides = view.relationship.sides;
  for (const question of view.comments?.questions ?? []) {
    for (const { side, comments } of question.sides) {
      for (const comment of comments) {
        const { level, reason } = describeAttribution(comment.attribution);
        rows.push([
          wordingForSide(question.text, side, sides),
          sides[side].name,
          level ? LEVEL_LABELS[level] : '',
          reason,
          comment.text,
          comment.themes.join('; '),
        ]);
      }
    }
  }
  const name = `comments-${view.relationship.name}-${view.wave?.label ?? 'none'}${view.comments?.theme ? `-${view.comments.theme}` : ''}`;
  return csvDownload(name, formatCsv(rows));
}
