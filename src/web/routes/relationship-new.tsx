import { redirect } from 'react-router';
import { createRelationship } from '../../services/create-relationship.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { failureOf } from '../components/account-parts.tsx';
import { RelationshipForm, relationshipInputOf } from '../components/relationship-form.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/relationship-new';

export function meta() {
  return [{ title: 'New relationship — Trustloop' }];
}

export function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  return { csrfToken: csrfTokenOf(context), userName: user.name };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const result = await runFormAction(form, () =>
    createRelationship(context.db, user.workspaceId, relationshipInputOf(form)),
  );
  if (!('id' in result)) return result;
  return redirect(`/relationships/${result.id}`);
}

export default function RelationshipNew({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} current="relationships" />
      <main className="page" id="main">
        <h1>New relationship</h1>
        <p>
          Name the two organisations. Participants, waves and the survey come next, on the relationship's own
          page.
        </p>
        <RelationshipForm
          csrfToken={loaderData.csrfToken}
          failure={failureOf(actionData)}
          initial={null}
          isThresholdFixed={false}
          submitLabel="Create the relationship"
          cancelTo="/"
        />
      </main>
    </>
  );
}
