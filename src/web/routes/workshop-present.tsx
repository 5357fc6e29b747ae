import { encode } from 'uqr';
import { SIDES } from '../../domain/model.ts';
import { type FacilitatorWorkshopView, getWorkshopForFacilitator } from '../../services/workshop-view.ts';
import { requireWebUser } from '../auth.server.ts';
import { FindingCard } from '../components/finding-card.tsx';
import { orNotFound } from '../not-found.server.ts';
import {
  allRevealedNotes,
  CommitmentsList,
  currentStepOf,
  LiveBadge,
  NotesList,
  TallyBars,
  ThemesList,
  TimerBadge,
} from '../workshop/room-parts.tsx';
import { useWorkshopEvents } from '../workshop/use-workshop-events.ts';
import type { Route } from './+types/workshop-present';

// The projector (issue 10, item 3): the code and a QR code to join, who has joined per side, and the
// step the room is on in large type: a finding with its evidence, how many notes are in while people
// write (never the notes), the notes once shown, the themes, the vote bars by side once shown, the
// timer and what was committed. It follows the room by itself; the facilitator controls it from
// their own page.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.workshop.title ?? 'Workshop'} — projector — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const workshop = await orNotFound(getWorkshopForFacilitator(context.db, user.workspaceId, params.wid));
  const joinUrl = `${context.baseUrl}/w?code=${workshop.code}`;
  return {
    workshop: workshop as FacilitatorWorkshopView,
    joinUrl,
    joinPath: `${new URL(context.baseUrl).host}/w`,
  };
}

/** The QR code as SVG squares (no markup from elsewhere), with its text beside it. */
function QrCode({ text }: { text: string }) {
  const { data } = encode(text, { ecc: 'M', border: 2 });
  const size = data.length;
  let path = '';
  data.forEach((row, y) => {
    row.forEach((on, x) => {
      if (on) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label="QR code to join the workshop"
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

export default function WorkshopPresent({ loaderData }: Route.ComponentProps) {
  const { workshop } = loaderData;
  const live = useWorkshopEvents(workshop.status === 'live' ? `/api/workshops/${workshop.id}/events` : null);
  const current = currentStepOf(workshop.steps, workshop.currentStepId);
  const step = current?.step;
  const sidesInfo = { A: { name: workshop.sides.A, role: '' }, B: { name: workshop.sides.B, role: '' } };
  return (
    <main className="page workshop-presenter" id="main">
      <div className="workshop-presenter-top">
        {workshop.status === 'live' ? (
          <div className="workshop-join-box">
            <QrCode text={loaderData.joinUrl} />
            <div>
              <p className="muted">Join at {loaderData.joinPath} with the code</p>
              <p className="workshop-code">
                {workshop.code.slice(0, 3)} {workshop.code.slice(3)}
              </p>
            </div>
          </div>
        ) : (
          <p>
            {workshop.status === 'draft' ? 'The workshop has not started yet.' : 'The workshop has ended.'}
          </p>
        )}
        <div>
          <p className="workshop-joined">
            {SIDES.map((side) => (
              <span key={side}>
                {workshop.sides[side]}: {workshop.joined[side]}
              </span>
            ))}
          </p>
          <TimerBadge endsAt={workshop.timerEndsAt} />
          <LiveBadge state={live} />
        </div>
      </div>
      {step ? (
        <>
          <p className="workshop-step-number">
            Step {current.number} of {workshop.steps.length}: {step.label}
          </p>
          {step.kind === 'present' &&
            (workshop.findings[workshop.presentIndex] ? (
              <>
                <h1>
                  Finding {workshop.presentIndex + 1} of {workshop.findings.length}
                </h1>
                <FindingCard
                  finding={workshop.findings[workshop.presentIndex]!}
                  sides={sidesInfo}
                  headingLevel={2}
                />
              </>
            ) : (
              <h1>No findings were released for this workshop</h1>
            ))}
          {step.kind === 'reflect' && (
            <>
              <h1>{step.prompt ?? 'Reflect'}</h1>
              {step.revealed ? (
                <NotesList notes={step.notes} sides={workshop.sides} label="The notes" />
              ) : (
                <p role="status">
                  {step.noteCount} note{step.noteCount === 1 ? '' : 's'} written so far. Nobody sees them
                  until they are shown here, without names.
                </p>
              )}
            </>
          )}
          {(step.kind === 'group' || step.kind === 'discuss') && (
            <>
              <h1>{step.kind === 'group' ? 'Themes' : (step.prompt ?? 'Discuss')}</h1>
              <ThemesList
                themes={workshop.themes}
                notes={allRevealedNotes(workshop.steps)}
                sides={workshop.sides}
              />
            </>
          )}
          {step.kind === 'vote' && (
            <>
              <h1>{step.prompt ?? 'Vote'}</h1>
              {step.tally ? (
                <TallyBars tally={step.tally} themes={workshop.themes} sides={workshop.sides} />
              ) : (
                <p role="status">
                  {workshop.dots} dots each. Voted so far:{' '}
                  {SIDES.map((side) => `${workshop.sides[side]} ${step.voters?.[side] ?? 0}`).join(', ')}. The
                  result is shown when the vote closes.
                </p>
              )}
            </>
          )}
          {step.kind === 'commit' && (
            <>
              <h1>What we commit to</h1>
              <CommitmentsList commitments={workshop.commitments} />
            </>
          )}
        </>
      ) : (
        <h1>{workshop.title}</h1>
      )}
    </main>
  );
}
