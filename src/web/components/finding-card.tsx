import { concernsText, describeEvidence, FINDING_KIND_LABELS } from '../../domain/describe-evidence.ts';
import type { Side, SideInfo } from '../../domain/model.ts';
import type { ReleasedFinding } from '../../domain/share-and-act.ts';

// One finding as people read it — its kind, whose trust it is about, what it says and the
// evidence with the numbers as they were when it was written. The same on the facilitator's page,
// in a release and on a sponsor's page.

export function FindingCard({
  finding,
  sides,
  headingLevel = 3,
  children,
}: {
  finding: Pick<ReleasedFinding, 'ref' | 'kind' | 'concerns' | 'title' | 'body' | 'evidence' | 'version'>;
  sides: Record<Side, SideInfo>;
  headingLevel?: 2 | 3 | 4;
  children?: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article
      className={`finding finding-${finding.kind}`}
      id={`finding-${finding.ref}`}
      aria-labelledby={`finding-${finding.ref}-title`}
    >
      <p className="finding-kind">
        {FINDING_KIND_LABELS[finding.kind]}{' '}
        <span className="muted">· about {concernsText(finding.concerns, sides)}</span>
      </p>
      <Heading id={`finding-${finding.ref}-title`} className="finding-title">
        {finding.title}
      </Heading>
      {finding.body && <p className="finding-body">{finding.body}</p>}
      <ul className="finding-evidence" aria-label="Evidence">
        {finding.evidence.map((piece) => (
          <li key={JSON.stringify(piece.reference)}>
            <span className="evidence-label">{piece.label}</span>: {describeEvidence(piece.snapshot)}
          </li>
        ))}
      </ul>
      <p className="muted small">
        {finding.ref}, version {finding.version}
      </p>
      {children}
    </article>
  );
}
