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
import './styles.css';
import './styles/results.css';
import './styles/comments.css';
import './styles/incidents.css';
import './styles/interviews.css';
import './styles/portfolio.css';
import './styles/people.css';
import './styles/home.css';

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

const STATUS_NAMES: Record<number, string> = { 403: 'Not allowed', 404: 'Not found' };

export function ErrorBoundary(_: Route.ErrorBoundaryProps) {
  const error = useRouteError();
  const title = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText || STATUS_NAMES[error.status] || 'Error'}`
    : 'Something went wrong';
  const detail = isRouteErrorResponse(error)
    ? String(error.data ?? '')
    : 'Please try again; if it keeps happening, tell your facilitator.';
  return (
    <main className="page" id="main">
      {/* React 19 hoists this into <head>: every page, an error too, needs a title. */}
      <title>{`${title} — Trustloop`}</title>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/">Back to the start</a>
      </p>
    </main>
  );
}
