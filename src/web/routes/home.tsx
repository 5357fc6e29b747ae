import { Link, redirect } from 'react-router';
import { listRelationships } from '../../services/list-relationships.ts';
import type { Route } from './+types/home';

export function meta() {
  return [{ title: 'Relationships — Trustloop' }];
}

export async function loader({ context }: Route.LoaderArgs) {
  if (!context.user) throw redirect('/sign-in');
  return { relationships: await listRelationships(context.db, context.user.workspaceId), user: context.user };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { relationships } = loaderData;
  return (
    <main className="page" id="main">
      <h1>Relationships</h1>
      {relationships.length === 0 ? (
        <p>No relationships yet.</p>
      ) : (
        <ul className="card-list">
          {relationships.map((r) => (
            <li key={r.id} className="card">
              <Link to={`/relationships/${r.id}`}>{r.name}</Link>
              <div className="muted">
                {r.sides.A.name} and {r.sides.B.name} · {r.waves} wave{r.waves === 1 ? '' : 's'}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
