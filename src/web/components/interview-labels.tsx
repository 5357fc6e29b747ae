import type { InterviewStatus } from '../../domain/interview-input.ts';
import type { Level, Side, SideInfo } from '../../domain/model.ts';
import { LEVEL_LABELS } from './setup-labels.tsx';

// How the interview pages name statuses and attribute quotes in words.

export const INTERVIEW_STATUS_LABELS: Record<InterviewStatus, string> = {
  scheduled: 'Scheduled',
  held: 'Held',
};

export function InterviewStatusBadge({ status }: { status: InterviewStatus }) {
  return <span className={`status status-interview-${status}`}>{INTERVIEW_STATUS_LABELS[status]}</span>;
}

/** "Operational, Northwater (A)": how a quote is attributed everywhere — side and level, never a name. */
export function quoteAttribution(sides: Record<Side, SideInfo>, side: Side, level: Level): string {
  return `${LEVEL_LABELS[level]}, ${sides[side].name} (${side})`;
}
