import { Link, redirect } from 'react-router';
import { getSponsorOverview } from '../../services/get-sponsor-overview.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { sideLabel } from '../components/setup-labels.tsx';
import { SponsorHeader } from '../components/sponsor-header.tsx';
import type { Route } from './+types/sponsor';

// A sponsor's home: the relationships they hold a grant for (decision 017). Facilitators and
// admins see everything from their own home, so they are sent there.

export function meta() {
  return [{ title: 'Your relationships — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  if (context.user && context.user.role !== 'sponsor') throw redirect('/');
  const user = requireWebUser(context, request, ['sponsor']);
  const { relationships } = await getSponsorOverview(context.db, user);
  return { csrfToken: csrfTokenOf(context), userName: user.name || user.email, relationships };
}

export default function SponsorHome({ loaderData }: Route.ComponentProps) {
  const { relationships } = loaderData;
  return (
    <>
      <SponsorHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} />
      <main className="page" id="main">
        <h1>Your relationships</h1>
        {relationships.length === 0 ? (
          <p className="notice">
            You do not sponsor any relationship at the moment. The facilitator who invited you can add you to
            one.
          </p>
        ) : (
          <ul className="card-list">
            {relationships.map((r) => (
              <li key={r.id} className="card">
                <h2 className="card-title">
                  <Link to={`/sponsor/${r.id}`}>{r.name}</Link>
                </h2>
                <dl className="facts">
                  <div>
                    <dt>You sponsor</dt>
                    <dd>{sideLabel(r.sides, r.side)}</dd>
                  </div>
                  <div>
                    <dt>Waves</dt>
                    <dd>{r.waveCount === 0 ? 'none yet' : r.waveCount}</dd>
                  </div>
                  <div>
                    <dt>Results</dt>
                    <dd>{r.isReleased ? 'released' : 'not released yet'}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
