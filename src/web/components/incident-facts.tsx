import type { IncidentView } from '../../domain/incident-coding.ts';
import type { Side, SideInfo } from '../../domain/model.ts';
import { reporterLevelText, SOURCE_LABELS } from './incident-labels.tsx';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';

// The facts of an incident that are not coding: when, who reported it (side and level only, never
// a name), who was involved, where it came from.

export type IncidentFactsView = Pick<
  IncidentView,
  | 'occurredOn'
  | 'reporterSide'
  | 'reporterLevel'
  | 'reporterLevelThreshold'
  | 'sidesInvolved'
  | 'levelsInvolved'
  | 'source'
  | 'resolvedOn'
>;

export function IncidentFacts({
  incident,
  sides,
}: {
  incident: IncidentFactsView;
  sides: Record<Side, SideInfo>;
}) {
  return (
    <dl className="facts">
      <div>
        <dt>Occurred on</dt>
        <dd>{incident.occurredOn}</dd>
      </div>
      <div>
        <dt>Reported by</dt>
        <dd>
          {sideLabel(sides, incident.reporterSide)}, {reporterLevelText(incident)}
        </dd>
      </div>
      <div>
        <dt>Sides involved</dt>
        <dd>{incident.sidesInvolved.map((s) => sides[s].name).join(' and ') || '—'}</dd>
      </div>
      <div>
        <dt>Levels involved</dt>
        <dd>{incident.levelsInvolved.map((l) => LEVEL_LABELS[l]).join(', ') || '—'}</dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>{SOURCE_LABELS[incident.source]}</dd>
      </div>
      {incident.resolvedOn && (
        <div>
          <dt>Resolved on</dt>
          <dd>{incident.resolvedOn}</dd>
        </div>
      )}
    </dl>
  );
}
