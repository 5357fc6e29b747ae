import { Form, Link } from 'react-router';
import { CsrfField } from './form-parts.tsx';

// The facilitator's header on every signed-in page: a skip link to #main, the brand, the main
// sections and a sign-out button (a POST: signing out changes state, so it is never a link).
// Without a user (sign-in, setup, password reset) it shows the brand only.

export type SiteSection =
  | 'relationships'
  | 'portfolio'
  | 'instruments'
  | 'interview-guide'
  | 'people'
  | 'outbox';

const SECTIONS: ReadonlyArray<{ key: SiteSection; label: string; to: string }> = [
  { key: 'relationships', label: 'Relationships', to: '/' },
  { key: 'portfolio', label: 'Portfolio', to: '/portfolio' },
  { key: 'instruments', label: 'Instruments', to: '/instruments' },
  { key: 'interview-guide', label: 'Interview guide', to: '/interview-guide' },
  { key: 'people', label: 'People', to: '/people' },
  { key: 'outbox', label: 'Outbox', to: '/outbox' },
];

export function SiteHeader(props: { csrfToken?: string; userName?: string | null; current?: SiteSection }) {
  const isSignedIn = props.userName !== undefined && props.userName !== null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site">
        <Link to="/" className="brand">
          Trustloop
        </Link>
        {isSignedIn && (
          <>
            <nav aria-label="Main">
              <ul>
                {SECTIONS.map((section) => (
                  <li key={section.key}>
                    <Link to={section.to} aria-current={props.current === section.key ? 'page' : undefined}>
                      {section.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <Form method="post" action="/sign-out" className="site-sign-out">
              <CsrfField token={props.csrfToken ?? ''} />
              <span className="muted site-user">{props.userName}</span>
              <button type="submit" className="secondary small">
                Sign out
              </button>
            </Form>
          </>
        )}
      </header>
    </>
  );
}
