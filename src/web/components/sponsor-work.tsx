import type { Side, SideInfo } from '../../domain/model.ts';
import type { CharterView, WorkstreamStatusView } from '../../domain/share-and-act.ts';
import { CharterText } from './charter-text.tsx';
import type { ActionFailure } from './form-parts.tsx';
import { CsrfField } from './form-parts.tsx';
import { RAG_LABELS, WORKSTREAM_TYPE_LABELS } from './share-and-act-labels.ts';

// What a sponsor follows of the joint work (issue 9, item 6): each workstream's status and how
// far its actions are, and the charter to sign for their side — the newest version only.

export function SponsorWork(props: {
  overview: {
    workstreams: readonly WorkstreamStatusView[];
    charter: CharterView;
    sides: Record<Side, SideInfo>;
    side: Side;
  };
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
  formatDay: (iso: string) => string;
}) {
  const { overview } = props;
  const current = overview.charter.versions[0];
  const mine = current?.signOffs.find((s) => s.side === overview.side);
  return (
    <>
      <section aria-labelledby="charter" className="sponsor-charter">
        <h2 id="charter">Charter</h2>
        {!current ? (
          <p>The charter has not been written yet. It comes out of the joint workshop.</p>
        ) : (
          <>
            <CharterText
              version={current}
              sides={overview.sides}
              headingLevel={2}
              formatDay={props.formatDay}
            />
            {mine ? (
              <p className="notice success" role="status">
                {mine.signedBy} signed version {current.version} for {overview.sides[overview.side].name}.
              </p>
            ) : (
              <form method="post" className="sign-form">
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="version" value={current.version} />
                {props.failure && <p className="field-error">{props.failure.message}</p>}
                <p>
                  <input type="checkbox" id="sign-confirm" name="confirm" value="yes" required />{' '}
                  <label htmlFor="sign-confirm">
                    I have read version {current.version} and sign it for {overview.sides[overview.side].name}
                  </label>
                </p>
                <button type="submit" disabled={props.isBusy}>
                  Sign version {current.version}
                </button>
              </form>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="work" className="sponsor-workstreams">
        <h2 id="work">Workstreams</h2>
        {overview.workstreams.length === 0 ? (
          <p>No workstreams yet.</p>
        ) : (
          <ul className="things-list">
            {overview.workstreams.map((w) => (
              <li key={w.key}>
                <strong>{w.title}</strong> <span className="muted">({WORKSTREAM_TYPE_LABELS[w.type]})</span>{' '}
                {w.status === 'closed' ? (
                  <span className="status status-closed">Closed</span>
                ) : w.rag ? (
                  <span className={`rag rag-${w.rag}`}>{RAG_LABELS[w.rag]}</span>
                ) : (
                  <span className="muted">no update yet</span>
                )}
                <br />
                {w.actions.done} action{w.actions.done === 1 ? '' : 's'} done, {w.actions.open} open
                {w.actions.overdue > 0 ? `, ${w.actions.overdue} overdue` : ''}.
                {w.latest && (
                  <>
                    {' '}
                    Latest ({props.formatDay(w.latest.on)}): {w.latest.note || 'no note'}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
