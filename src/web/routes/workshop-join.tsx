import { Form, redirect, useNavigation } from 'react-router';
import { isAppError } from '../../domain/app-error.ts';
import { LEVELS, SIDES, type Side } from '../../domain/model.ts';
import { findLiveWorkshopByCode, joinWorkshop } from '../../services/workshop-room.ts';
import { getWorkshopForAttendee } from '../../services/workshop-view.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { ErrorSummary } from '../components/form-parts.tsx';
import { workshopCookieFor, workshopTokenOf } from '../workshop/workshop-cookie.server.ts';
import type { Route } from './+types/workshop-join';

// Joining the workshop from a phone (issue 10, item 2): type the code from the big screen (or scan
// its QR code, which opens /w?code=…), say which organisation you are from and, if you like, your
// level; no account. The phone gets its own token in a cookie and goes to the room (/w/room).
// Both posts here try a code, under the shared guessing budget (decision 049).

const LEVEL_LABELS = { leadership: 'Leadership', operational: 'Operational', staff: 'Staff' } as const;

export function meta() {
  return [{ title: 'Join the workshop — Trustloop' }, { name: 'referrer', content: 'same-origin' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const token = workshopTokenOf(request);
  if (token) {
    try {
      await getWorkshopForAttendee(context.db, token);
      throw redirect('/w/room');
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return { code: new URL(request.url).searchParams.get('code') ?? '' };
}

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const db = context.db;
  if (intent === 'join') {
    const joined = await runFormAction(form, () =>
      joinWorkshop(db, String(form.get('code') ?? ''), {
        side: String(form.get('side') ?? ''),
        level: form.get('level') ? String(form.get('level')) : null,
      }),
    );
    if (!('token' in joined)) return joined;
    return redirect('/w/room', {
      headers: {
        'Set-Cookie': workshopCookieFor(joined.token, request),
      },
    });
  }
  const found = await runFormAction(form, () => findLiveWorkshopByCode(db, String(form.get('code') ?? '')));
  if (!('title' in found)) return found;
  return { ok: true as const, found };
}

export default function WorkshopJoin({ loaderData, actionData }: Route.ComponentProps) {
  const failure =
    actionData && 'ok' in actionData && actionData.ok === false ? (actionData as ActionFailure) : undefined;
  const found = actionData && 'found' in actionData ? actionData.found : null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the main content
      </a>
      <header className="site survey-header">
        <span className="brand">Trustloop workshop</span>
      </header>
      <main className="page survey workshop-phone" id="main">
        <ErrorSummary failure={failure} />
        {found ? (
          <JoinSides code={found.code} title={found.title} sides={found.sides} failure={failure} />
        ) : (
          <JoinCode code={failure?.values?.code ?? loaderData.code} />
        )}
      </main>
    </>
  );
}

function JoinCode({ code }: { code: string }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <h1>Join the workshop</h1>
      <p>Type the code shown on the big screen. You do not need an account, and nobody sees your name.</p>
      <Form method="post" className="compact-form">
        <input type="hidden" name="intent" value="code" />
        <div className="field">
          <label htmlFor="field-code">Workshop code</label>
          <span className="hint" id="field-code-hint">
            6 letters and numbers, for example KX4 7PQ
          </span>
          <input
            id="field-code"
            name="code"
            defaultValue={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            maxLength={12}
            aria-describedby="field-code-hint"
            className="code-input"
          />
        </div>
        <button type="submit" disabled={busy}>
          Continue
        </button>
      </Form>
    </>
  );
}

function JoinSides(props: {
  code: string;
  title: string;
  sides: Record<Side, string>;
  failure?: ActionFailure;
}) {
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <h1>{props.title}</h1>
      <Form method="post" className="compact-form">
        <input type="hidden" name="intent" value="join" />
        <input type="hidden" name="code" value={props.code} />
        <fieldset className="choices" id="field-side">
          <legend>Which organisation are you from?</legend>
          {SIDES.map((side) => (
            <label key={side} className="choice">
              <input
                type="radio"
                name="side"
                value={side}
                required
                defaultChecked={props.failure?.values?.side === side}
              />{' '}
              {props.sides[side]}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices" id="field-level">
          <legend>Your level (optional)</legend>
          <p className="hint">
            Your notes show your organisation. They show your level only when at least five people of that
            level have joined.
          </p>
          {LEVELS.map((level) => (
            <label key={level} className="choice">
              <input type="radio" name="level" value={level} /> {LEVEL_LABELS[level]}
            </label>
          ))}
          <label className="choice">
            <input type="radio" name="level" value="" defaultChecked /> Rather not say
          </label>
        </fieldset>
        <button type="submit" disabled={busy}>
          Join
        </button>
      </Form>
    </>
  );
}
