import { data, redirect } from 'react-router';
import { isAppError } from '../../domain/app-error.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { updateRelationship } from '../../services/update-relationship.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { failureOf } from '../components/account-parts.tsx';
import { RelationshipForm, relationshipInputOf } from '../components/relationship-form.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/relationship-edit';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Edit ${data?.relationship.name ?? 'relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const relationship = await getRelationshipSetup(context.db, user.workspaceId, params.id).catch(
    (error: unknown) => {
      if (isAppError(error) && error.code === 'not-found') {
        throw data('There is no such relationship in your workspace.', { status: 404 });
      }
      throw error;
    },
  );
  return { csrfToken: csrfTokenOf(context), userName: user.name, relationship };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const result = await runFormAction(form, () =>
    updateRelationship(context.db, user.workspaceId, params.id, relationshipInputOf(form)),
  );
  if (!('id' in result)) return result;
  return redirect(`/relationships/${result.id}`);
}

export default function RelationshipEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { relationship } = loaderData;
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} current="relationships" />
      <main className="page" id="main">
        <h1>Edit {relationship.name}</h1>
        <RelationshipForm
          csrfToken={loaderData.csrfToken}
          failure={failureOf(actionData)}
          initial={relationship}
          isThresholdFixed={relationship.isThresholdFixed}
          submitLabel="Save changes"
          cancelTo={`/relationships/${relationship.id}`}
        />
      </main>
    </>
  );
}
