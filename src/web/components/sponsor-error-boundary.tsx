import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

// The sponsor pages' error. No grant, no page: the same answer as for a relationship that does not
// exist, so a sponsor cannot tell another relationship's ids from nonsense.

export function SponsorErrorBoundary() {
  const error = useRouteError();
  const isNotFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="page" id="main">
      <h1>{isNotFound ? 'Not found' : 'Something went wrong'}</h1>
      <p>
        {isNotFound
          ? 'There is no relationship here that you sponsor. It may have been removed from your account.'
          : 'Please try again; if it keeps happening, tell your facilitator.'}
      </p>
      <p>
        <Link to="/sponsor">Your relationships</Link>
      </p>
    </main>
  );
}
