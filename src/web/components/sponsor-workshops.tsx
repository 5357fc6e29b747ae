import { Form, Link } from 'react-router';
import type { Side, SideInfo } from '../../domain/model.ts';
import { CsrfField } from './form-parts.tsx';

// The joint feedback workshop as a sponsor meets it (issue 10, item 2): while one runs, join it on
// this device signed in — no code, on your own side — and afterwards read what the room said and
// agreed.

type SponsorWorkshop = { id: string; title: string; status: 'live' | 'ended'; endedAt: string | null };

export function SponsorWorkshops(props: {
  overview: {
    id: string;
    workshops: readonly SponsorWorkshop[];
    sides: Record<Side, SideInfo>;
    side: Side;
  };
  csrfToken: string;
  isBusy: boolean;
  formatDay: (iso: string) => string;
}) {
  const { overview } = props;
  if (overview.workshops.length === 0) return null;
  const ended = overview.workshops.filter((workshop) => workshop.status === 'ended');
  return (
    <section aria-labelledby="workshops-title">
      <h2 id="workshops-title">Joint workshops</h2>
      {overview.workshops
        .filter((workshop) => workshop.status === 'live')
        .map((workshop) => (
          <div key={workshop.id} className="notice">
            <p>
              <strong>{workshop.title}</strong> is running now. Join it on this device: you will be in the
              room as {overview.sides[overview.side].name}. Your notes are anonymous unless you sign them.
            </p>
            <Form method="post" className="compact-form">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="intent" value="join-workshop" />
              <input type="hidden" name="workshop" value={workshop.id} />
              <div className="field">
                <label htmlFor={`level-${workshop.id}`}>Your level (optional)</label>
                <select id={`level-${workshop.id}`} name="level" defaultValue="leadership">
                  <option value="leadership">Leadership</option>
                  <option value="operational">Operational</option>
                  <option value="staff">Staff</option>
                  <option value="">Rather not say</option>
                </select>
              </div>
              <button type="submit" disabled={props.isBusy}>
                Join the workshop
              </button>
            </Form>
          </div>
        ))}
      {ended.length > 0 && (
        <ul>
          {ended.map((workshop) => (
            <li key={workshop.id}>
              <Link to={`/sponsor/${overview.id}/workshops/${workshop.id}`}>{workshop.title}</Link>
              {workshop.endedAt && <> ({props.formatDay(workshop.endedAt.slice(0, 10))})</>}: what the room
              said and agreed
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
