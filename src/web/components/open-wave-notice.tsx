import { Link } from 'react-router';

// What a page shows of a wave that has not closed: its response count and why nothing else yet
// (docs/anonymity.md). While a wave is open, any figure or comment read before and after one known
// person submits would tell what that person said, so scores, comments and survey incidents of the
// wave appear when it closes — everywhere, for everyone.

export function OpenWaveNotice(props: {
  wave: string;
  status: string;
  /** Submitted responses so far (an open wave's one figure). */
  submitted: number;
  /** What waits for the close, as the sentence's subject: "Its results", "Its comments". */
  what: string;
  /** The wave's response tracking, for a facilitator. */
  trackingHref?: string;
}) {
  if (props.status === 'draft') {
    return (
      <div className="notice provisional" role="status">
        <p>
          <strong>{props.wave} has not opened yet.</strong> {props.what} appear here once it has opened,
          people have answered, and it has closed.
        </p>
      </div>
    );
  }
  const responses = `${props.submitted} response${props.submitted === 1 ? '' : 's'}`;
  return (
    <div className="notice provisional" role="status">
      <p>
        <strong>Provisional: {props.wave} is still open.</strong> {responses} submitted so far. {props.what}{' '}
        appear here when the wave closes.
      </p>
      <p className="muted">
        While a wave is open, a figure read before and after one person submits would show what that person
        said, so only the count of responses is shown until then — on every page, download and report.
        {props.trackingHref && (
          <>
            {' '}
            <Link to={props.trackingHref}>Follow who has answered</Link>.
          </>
        )}
      </p>
    </div>
  );
}
