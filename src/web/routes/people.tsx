import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { createSponsor } from '../../services/create-sponsor.ts';
import { listPeople } from '../../services/list-people.ts';
import { listRelationships } from '../../services/list-relationships.ts';
import { removeSponsorGrant } from '../../services/remove-sponsor-grant.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { PeopleAddForm } from '../components/people-add-form.tsx';
import { PeopleTable } from '../components/people-table.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/people';

// The workspace's people (decision 017): every account, and sponsors added and removed here. A new
// sponsor's invitation, with a link to choose a password, is written to the outbox.

export function meta() {
  return [{ title: 'People — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const [people, relationships] = await Promise.all([
    listPeople(context.db, user.workspaceId),
    listRelationships(context.db, user.workspaceId),
  ]);
  const search = new URL(request.url).searchParams;
  const person = (id: string | null) => people.find((p) => p.id === id);
  const removing = person(search.get('remove'));
  const grant = removing?.grants.find((g) => g.relationshipId === search.get('relationship'));
  let notice: string | null = null;
  const added = person(search.get('added'));
  if (added) {
    notice = search.has('invited')
      ? `${added.name || added.email} was added as a sponsor. The invitation, with a link to choose a password, is in the outbox${user.role === 'admin' ? '' : ': ask an admin to pass it on'}.`
      : `${added.name || added.email} already had a sponsor account: the relationship was added to it, and a note is in the outbox.`;
  } else if (search.has('removed')) {
    notice = 'The sponsor’s access was removed.';
  }
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name || user.email,
    isAdmin: user.role === 'admin',
    people,
    relationships: relationships.map((r) => ({ id: r.id, name: r.name, sides: r.sides })),
    toRemove: removing && grant ? { person: removing, grant } : null,
    notice,
    /** A fresh, empty add form after every change. */
    formKey: search.toString(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  if (text('intent') === 'remove') {
    const result = await runFormAction(form, () =>
      removeSponsorGrant(context.db, user.workspaceId, {
        userId: text('userId'),
        relationshipId: text('relationshipId'),
      }),
    );
    if (result !== undefined) return result;
    return redirect('/people?removed=1');
  }
  // Empty when nothing was chosen: the service then names it with the other fields.
  const [relationship = '', side = ''] = text('sponsorOf').split('|');
  const result = await runFormAction(form, () =>
    createSponsor(context.db, user.workspaceId, {
      name: text('name'),
      email: text('email'),
      relationship,
      // The service checks it; a wrong value comes back as a field error.
      side: side as 'A',
      baseUrl: context.baseUrl,
    }),
  );
  if (!('userId' in result)) {
    // One control chooses both: its errors land on it.
    const failure = result.data;
    const fieldErrors = { ...failure.fieldErrors };
    for (const field of ['relationship', 'side']) {
      if (fieldErrors[field]) fieldErrors.sponsorOf ??= fieldErrors[field];
      delete fieldErrors[field];
    }
    return data<ActionFailure>({ ...failure, fieldErrors }, { status: result.init?.status ?? 400 });
  }
  return redirect(`/people?added=${result.userId}${result.isInvited ? '&invited=1' : ''}`);
}

const LABELS = { name: 'Name', email: 'Email', sponsorOf: 'Sponsor of' };

export default function People({ loaderData }: Route.ComponentProps) {
  const { people, relationships, toRemove, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const isRemoveFailure = failure?.values?.intent === 'remove';
  const addFailure = failure && !isRemoveFailure ? failure : undefined;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="people" />
      <main className="page wide" id="main">
        <h1>People</h1>
        <ErrorSummary failure={wordFailure(failure, LABELS)} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}{' '}
            {loaderData.isAdmin && loaderData.notice.includes('outbox') && (
              <Link to="/outbox">Open the outbox</Link>
            )}
          </p>
        )}

        {toRemove && !failure && (
          <section className="confirm" aria-labelledby="confirm-remove-title" id="confirm-remove">
            <h2 id="confirm-remove-title">
              Remove {toRemove.person.name || toRemove.person.email}’s access to{' '}
              {toRemove.grant.relationshipName}?
            </h2>
            <p>
              They will no longer see this relationship, from their next click on. Their account stays, with
              any other relationship they sponsor.
            </p>
            <Form method="post" className="actions">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="userId" value={toRemove.person.id} />
              <input type="hidden" name="relationshipId" value={toRemove.grant.relationshipId} />
              <button type="submit" name="intent" value="remove" className="danger" disabled={isBusy}>
                Yes, remove the access
              </button>
              <Link to="/people">No, keep it</Link>
            </Form>
          </section>
        )}

        <p>
          Facilitators and admins see every relationship of the workspace. A sponsor sees only the
          relationships they are added to here: before the results are released, how the survey is going
          (waves, dates, response rates); after release, also the results.
        </p>
        <PeopleTable people={people} />

        <section aria-labelledby="add-title">
          <h2 id="add-title">Add a sponsor</h2>
          {relationships.length === 0 ? (
            <p>Create a relationship first: a sponsor always sponsors one side of a relationship.</p>
          ) : (
            <PeopleAddForm
              key={addFailure ? 'failed' : loaderData.formKey}
              csrfToken={csrfToken}
              relationships={relationships}
              values={addFailure?.values ?? {}}
              errors={addFailure?.fieldErrors ?? {}}
              isBusy={isBusy}
            />
          )}
        </section>
      </main>
    </>
  );
}
