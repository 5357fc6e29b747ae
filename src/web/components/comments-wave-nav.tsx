import { Link } from 'react-router';

// Links between the waves whose comments can be read, the current one marked. Plain links: they
// work without JavaScript and can be bookmarked.

export function CommentsWaveNav(props: {
  base: string;
  /** The section the links lead to: comments by default. */
  section?: 'comments' | 'findings';
  waves: readonly { label: string }[];
  current: string;
}) {
  return (
    <nav aria-label="Waves" className="comments-waves">
      <ul>
        {props.waves.map(({ label }) => (
          <li key={label}>
            <Link
              to={`${props.base}/${props.section ?? 'comments'}?wave=${encodeURIComponent(label)}`}
              aria-current={props.current === label ? 'page' : undefined}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
