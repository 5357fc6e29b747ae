import { RELEASE_KIND_LABELS } from '../../domain/describe-evidence.ts';
import type { Side, SideInfo } from '../../domain/model.ts';
import type { Release } from '../../domain/share-and-act.ts';
import { FindingCard } from './finding-card.tsx';

// What the facilitator released to a sponsor (issue 9, item 6): the latest joint release and, when
// it came later or there is no joint release yet, the latest pre-brief to the sponsor's own side.
// Each as it was released: an edit after a release waits for the next one.

export function SponsorFindings({
  overview,
  formatDay,
}: {
  overview: { releases: readonly Release[]; sides: Record<Side, SideInfo>; side: Side };
  formatDay: (iso: string) => string;
}) {
  const latest = (kind: Release['kind']) => overview.releases.filter((r) => r.kind === kind).at(-1);
  const joint = latest('joint');
  const preBrief = latest('pre-brief');
  const shown = [
    preBrief && (!joint || preBrief.releasedAt > joint.releasedAt) ? preBrief : null,
    joint,
  ].filter((r): r is Release => Boolean(r));
  return (
    <section aria-labelledby="findings-title" className="sponsor-findings">
      <h2 id="findings-title">Findings</h2>
      {shown.length === 0 ? (
        <p>
          No findings have been released to you yet. The facilitator first shares a pre-brief with each side's
          sponsors, then the findings with both sides together.
        </p>
      ) : (
        shown.map((release) => (
          <section key={release.id} aria-labelledby={`release-${release.id}`} className="release">
            <h3 id={`release-${release.id}`}>
              {release.kind === 'joint'
                ? `Shared with both sides — ${release.wave}`
                : `Pre-brief for ${overview.sides[overview.side].name} — ${release.wave}`}
            </h3>
            <p className="muted">
              {RELEASE_KIND_LABELS[release.kind]} by {release.releasedBy} on{' '}
              {formatDay(release.releasedAt.slice(0, 10))}
              {release.kind === 'pre-brief' ? ': for your side only, before the joint workshop.' : '.'}
            </p>
            {release.findings.map((finding) => (
              <FindingCard key={finding.ref} finding={finding} sides={overview.sides} headingLevel={4} />
            ))}
          </section>
        ))
      )}
    </section>
  );
}
