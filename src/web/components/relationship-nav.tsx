import { Link } from 'react-router';

// The sections of one relationship, under its heading on every page about it: setup (overview),
// the results of a wave, the trend, open-text comments, incidents, interviews, the findings, the workstreams and the charter.

export type RelationshipSection =
  | 'overview'
  | 'results'
  | 'trend'
  | 'comments'
  | 'incidents'
  | 'interviews'
  | 'findings'
  | 'workstreams'
  | 'charter'
  | 'workshops'
  | 'journey';

const SECTIONS: ReadonlyArray<{ key: RelationshipSection; label: string; path: string }> = [
  { key: 'overview', label: 'Overview', path: '' },
  { key: 'results', label: 'Results', path: '/results' },
  { key: 'trend', label: 'Trend', path: '/trend' },
  { key: 'comments', label: 'Comments', path: '/comments' },
  { key: 'incidents', label: 'Incidents', path: '/incidents' },
  { key: 'interviews', label: 'Interviews', path: '/interviews' },
  { key: 'findings', label: 'Findings', path: '/findings' },
  { key: 'workstreams', label: 'Workstreams', path: '/workstreams' },
  { key: 'workshops', label: 'Workshops', path: '/workshops' },
  { key: 'charter', label: 'Charter', path: '/charter' },
  { key: 'journey', label: 'Journey', path: '/journey' },
];

export function RelationshipNav({ id, current }: { id: string; current: RelationshipSection }) {
  return (
    <nav aria-label="Relationship" className="relationship-nav">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.key}>
            <Link
              to={`/relationships/${id}${section.path}`}
              aria-current={current === section.key ? 'page' : undefined}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
