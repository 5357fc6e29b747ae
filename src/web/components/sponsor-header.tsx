import { Form, Link } from 'react-router';
import { CsrfField } from './form-parts.tsx';

// A sponsor's header: the brand (their home), their one section and the sign-out button. Not the
// facilitator's SiteHeader: its sections are pages a sponsor is refused.

export function SponsorHeader(props: { csrfToken: string; userName: string }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site">
        <Link to="/sponsor" className="brand">
          Trustloop
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/sponsor">Your relationships</Link>
            </li>
          </ul>
        </nav>
        <Form method="post" action="/sign-out" className="site-sign-out">
          <CsrfField token={props.csrfToken} />
          <span className="muted site-user">{props.userName}</span>
          <button type="submit" className="secondary small">
            Sign out
          </button>
        </Form>
      </header>
    </>
  );
}
