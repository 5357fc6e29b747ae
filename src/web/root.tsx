import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from 'react-router';
import type { Route } from './+types/root';
import { SiteHeader } from './components/site-header.tsx';
import './styles.css';
import './styles/results.css';
import './styles/comments.css';
import './styles/incidents.css';
import './styles/interviews.css';
import './styles/portfolio.css';
import './styles/people.css';
import './styles/home.css';
import './styles/workshop.css';

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <Meta />
        {/* Stylesheets need no nonce (style-src allows 'self'); scripts get it from ServerRouter. */}
        <Links nonce="" />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** What a person reads for each status: never a server's message, a stack or a command to run. */
const STATUS_PAGES: Record<number, { title: string; detail: string }> = {
  403: { title: 'Not allowed', detail: 'This page is not open to your account.' },
  404: {
    title: 'Not found',
    detail: 'There is nothing here. It may have been removed, or the address may be mistyped.',
  },
};

export function ErrorBoundary(_: Route.ErrorBoundaryProps) {
  const error = useRouteError();
  const known = isRouteErrorResponse(error) ? STATUS_PAGES[error.status] : undefined;
  const title = known?.title ?? 'Something went wrong';
  const detail = known?.detail ?? 'Please try again; if it keeps happening, tell your facilitator.';
  return (
    <>
      <SiteHeader />
      {/* The site's ways on, for whoever lands here: the pages themselves ask to sign in. */}
      <nav aria-label="Main" className="error-nav">
        <ul>
          <li>
            <a href="/">Relationships</a>
          </li>
          <li>
            <a href="/portfolio">Portfolio</a>
          </li>
          <li>
            <a href="/sponsor">Sponsor's view</a>
          </li>
          <li>
            <a href="/code">Enter a survey code</a>
          </li>
        </ul>
      </nav>
      <main className="page" id="main">
        {/* React 19 hoists this into <head>: every page, an error too, needs a title. */}
        <title>{`${title} — Trustloop`}</title>
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <a href="/">Go to your relationships</a>
        </p>
      </main>
    </>
  );
}
