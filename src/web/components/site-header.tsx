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
  | 'team'
  | 'outbox';

const SECTIONS: ReadonlyArray<HeaderSection & { key: SiteSection }> = [
  { key: 'relationships', label: 'Relationships', to: '/' },
  { key: 'portfolio', label: 'Portfolio', to: '/portfolio' },
  { key: 'instruments', label: 'Instruments', to: '/instruments' },
  { key: 'interview-guide', label: 'Interview guide', to: '/interview-guide' },
  { key: 'people', label: 'People', to: '/people' },
  { key: 'team', label: 'Team', to: '/team' },
  { key: 'outbox', label: 'Outbox', to: '/outbox' },
];

export type HeaderSection = { key: string; label: string; to: string };

/**
 * `home` and `sections` are the facilitator's unless given (SponsorHeader gives a sponsor's: the
 * facilitator's sections are pages a sponsor is refused).
 */
export function SiteHeader(props: {
  csrfToken?: string;
  userName?: string | null;
  current?: SiteSection;
  home?: string;
  sections?: ReadonlyArray<HeaderSection>;
}) {
  const isSignedIn = props.userName !== undefined && props.userName !== null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site">
        <Link to={props.home ?? '/'} className="brand">
          Trustloop
        </Link>
        {isSignedIn && (
          <>
            <nav aria-label="Main">
              <ul>
                {(props.sections ?? SECTIONS).map((section) => (
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
