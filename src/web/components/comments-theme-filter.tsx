import { Form, Link } from 'react-router';
import type { ThemeCount } from '../../domain/attribute-comments.ts';

// The filter by theme: a plain GET form (works without JavaScript), each theme with how many
// comments of the wave carry it.

export function CommentsThemeFilter(props: {
  base: string;
  wave: string;
  themes: readonly ThemeCount[];
  current: string | null;
}) {
  const { themes, current } = props;
  const all = `${props.base}/comments?wave=${encodeURIComponent(props.wave)}`;
  if (themes.length === 0) {
    return (
      <p className="muted">
        No themes yet: tag a comment below with a theme (for example "ticket ownership") and the counts per
        question and side appear here.
      </p>
    );
  }
  const currentLabel = themes.find((t) => t.key === current)?.label ?? current;
  return (
    <>
      <Form method="get" className="comments-filter" action={`${props.base}/comments`}>
        <input type="hidden" name="wave" value={props.wave} />
        <div className="field">
          <label htmlFor="comments-theme">Show comments tagged</label>
          <select id="comments-theme" name="theme" defaultValue={current ?? ''} key={current ?? ''}>
            <option value="">Any theme or none (all comments)</option>
            {themes.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label} ({t.total})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {current && (
        <p className="notice" role="status">
          Showing only comments tagged “{currentLabel}”. The theme counts still cover every comment.{' '}
          <Link to={all}>Show all comments</Link>
        </p>
      )}
    </>
  );
}
