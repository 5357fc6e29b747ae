import type { ActionStatus, Owner, RagStatus, WorkstreamType } from '../../domain/share-and-act.ts';

// How the pages name the joint work's vocabularies, once for the facilitator's and sponsor's pages.

export const WORKSTREAM_TYPE_LABELS: Record<WorkstreamType, string> = {
  'vision-charter': 'Vision and charter',
  'ways-of-working': 'Ways of working',
  'operational-fix': 'Operational fix',
  'small-big-things': 'Small big things',
  people: 'People',
};

export const RAG_LABELS: Record<RagStatus, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  done: 'Done',
  dropped: 'Dropped',
};

/** An owner as a select posts it: kind and id in one value. */
export function ownerValue(owner: Pick<Owner, 'kind' | 'id'>): string {
  return `${owner.kind}:${owner.id}`;
}

/** The owner a select posted, for the services' OwnerSchema; null for none chosen. */
export function ownerFromValue(value: string): { kind: string; id: string } | null {
  const [kind, id] = value.split(':');
  return kind && id ? { kind, id } : null;
}

/** "Nora North (sponsor)" or "Sam Okafor": how an owner reads in a list. */
export function ownerText(owner: Owner | null): string {
  if (!owner) return 'nobody yet';
  return owner.kind === 'sponsor' ? `${owner.name} (sponsor)` : owner.name;
}
