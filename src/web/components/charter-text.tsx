import { SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import type { CharterVersion } from '../../domain/share-and-act.ts';

// One version of the charter as people read it — the vision, the shared principles and behaviours,
// each side's commitments and who meets how often — with who signed it for which side. The same on
// the facilitator's and the sponsor's page.

export function CharterText(props: {
  version: CharterVersion;
  sides: Record<Side, SideInfo>;
  headingLevel: 2 | 3;
  formatDay: (iso: string) => string;
}) {
  const { version, sides } = props;
  const H = props.headingLevel === 2 ? 'h3' : 'h4';
  const list = (lines: readonly string[]) =>
    lines.length === 0 ? (
      <p className="muted">None yet.</p>
    ) : (
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    );
  return (
    <div className="charter">
      <p className="charter-vision">{version.vision}</p>
      <H>Principles</H>
      {list(version.principles)}
      <H>Behaviours</H>
      {list(version.behaviours)}
      {SIDES.map((side) => (
        <div key={side}>
          <H>{sides[side].name} commits to</H>
          {list(version.commitments[side])}
        </div>
      ))}
      <H>How we meet</H>
      {list(version.governance)}
      <H>Signed</H>
      <ul>
        {SIDES.map((side) => {
          const signed = version.signOffs.find((s) => s.side === side);
          return (
            <li key={side}>
              {sides[side].name}:{' '}
              {signed
                ? `signed by ${signed.signedBy} on ${props.formatDay(signed.signedAt.slice(0, 10))}`
                : 'not signed yet'}
            </li>
          );
        })}
      </ul>
      <p className="muted small">
        Version {version.version}, written by {version.createdBy || 'the facilitator'} on{' '}
        {props.formatDay(version.createdAt.slice(0, 10))}.
      </p>
    </div>
  );
}
