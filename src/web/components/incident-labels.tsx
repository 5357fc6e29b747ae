import type {
  ContractScope,
  Direction,
  IncidentSource,
  IncidentStatus,
  IncidentTrigger,
  Level,
} from '../../domain/model.ts';
import type { KappaBand } from '../../domain/statistics/cohen-kappa.ts';
import { LEVEL_LABELS } from './setup-labels.tsx';

// How the incident pages name the coding vocabulary in words.

export const DIRECTION_LABELS: Record<Direction, string> = {
  builds: 'Builds trust',
  dilutes: 'Dilutes trust',
};

export const STRENGTH_LABELS: Record<1 | 2 | 3, string> = {
  1: '1 — slight',
  2: '2 — clear',
  3: '3 — strong',
};

export const TRIGGER_LABELS: Record<IncidentTrigger, string> = {
  delivery: 'Delivery',
  commercial: 'Commercial',
  communication: 'Communication',
  people: 'People',
  escalation: 'Escalation',
  governance: 'Governance',
  external: 'External',
};

export const CONTRACT_SCOPE_LABELS: Record<ContractScope, string> = {
  within: 'Within the contract',
  beyond: 'Beyond the contract',
  breach: 'Breach of the contract',
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  reported: 'Reported',
  coded: 'Coded',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export const SOURCE_LABELS: Record<IncidentSource, string> = {
  survey: 'Survey',
  interview: 'Interview',
  workshop: 'Workshop',
  facilitator: 'Facilitator',
};

export const BAND_LABELS: Record<KappaBand, string> = {
  poor: 'Poor (worse than chance)',
  slight: 'Slight',
  fair: 'Fair',
  moderate: 'Moderate',
  substantial: 'Substantial',
  'almost perfect': 'Almost perfect',
};

export function IncidentDirectionBadge({ direction }: { direction: Direction }) {
  return <span className={`incident-direction incident-${direction}`}>{DIRECTION_LABELS[direction]}</span>;
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <span className={`status incident-status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/**
 * The reporter's level in words, lower case: "staff level", or why it is not shown (the attribution
 * rule for what participants wrote, docs/anonymity.md).
 */
export function reporterLevelText(incident: {
  reporterLevel: Level | null;
  reporterLevelThreshold: number | null;
}) {
  return incident.reporterLevel
    ? `${LEVEL_LABELS[incident.reporterLevel].toLowerCase()} level`
    : `level not shown (fewer than ${incident.reporterLevelThreshold ?? 5} respondents)`;
}
