import { Link } from 'react-router';

// Links between the waves of a relationship's results and its trend, the current one marked.

export function ResultsWavePicker(props: {
  base: string;
  waves: readonly string[];
  current: string | 'trend';
}) {
  return (
    <nav aria-label="Waves" className="results-waves">
      <ul>
        {props.waves.map((label) => (
          <li key={label}>
            <Link
              to={`${props.base}/results/${encodeURIComponent(label)}`}
              aria-current={props.current === label ? 'page' : undefined}
            >
              {label}
            </Link>
          </li>
        ))}
        <li>
          <Link to={`${props.base}/trend`} aria-current={props.current === 'trend' ? 'page' : undefined}>
            Trend across waves
          </Link>
        </li>
      </ul>
    </nav>
  );
}
