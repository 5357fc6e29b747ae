import { Link, redirect } from 'react-router';
import { listRelationships } from '../../services/list-relationships.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/home';

export function meta() {
  return [{ title: 'Relationships — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  // A sponsor's home is their own list (decision 017); this one is the facilitator's.
  if (context.user?.role === 'sponsor') throw redirect('/sponsor');
  const user = requireWebUser(context, request);
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name,
    relationships: await listRelationships(context.db, user.workspaceId),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { relationships } = loaderData;
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} current="relationships" />
      <main className="page" id="main">
        <div className="page-heading">
          <h1>Relationships</h1>
          <Link to="/relationships/new" className="button">
            New relationship
          </Link>
        </div>
        {relationships.length === 0 ? (
          <div className="notice">
            <p>
              Your workspace has no relationships yet. Start with <strong>New relationship</strong>: name the
              two organisations, then add participants from both sides and open a first wave of the survey.
            </p>
          </div>
        ) : (
          <ul className="card-list">
            {relationships.map((r) => (
              <li key={r.id} className="card">
                <h2 className="card-title">
                  <Link to={`/relationships/${r.id}`}>{r.name}</Link>
                </h2>
                <dl className="facts">
                  <div>
                    <dt>Side A</dt>
                    <dd>
                      {r.sides.A.name}
                      {r.sides.A.role && <span className="muted"> ({r.sides.A.role})</span>}
                    </dd>
                  </div>
                  <div>
                    <dt>Side B</dt>
                    <dd>
                      {r.sides.B.name}
                      {r.sides.B.role && <span className="muted"> ({r.sides.B.role})</span>}
                    </dd>
                  </div>
                  <div>
                    <dt>Waves</dt>
                    <dd>
                      {r.waves === 0 ? 'none yet' : r.waves}
                      {r.latestWave && <span className="muted"> · latest: {r.latestWave}</span>}
                    </dd>
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
