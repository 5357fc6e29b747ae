import type { Level, Side, SideInfo } from '../../domain/model.ts';

// How the setup screens name sides, levels and wave states in words.

export const LEVEL_LABELS: Record<Level, string> = {
  leadership: 'Leadership',
  operational: 'Operational',
  staff: 'Staff',
};

/** "Northwind (A)": the organisation first, the side letter for those who think in A and B. */
export function sideLabel(sides: Record<Side, SideInfo>, side: Side): string {
  return `${sides[side].name} (${side})`;
}

export const WAVE_STATUS_LABELS = { draft: 'Draft', open: 'Open', closed: 'Closed' } as const;
export type WaveStatusName = keyof typeof WAVE_STATUS_LABELS;
