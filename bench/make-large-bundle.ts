import { createSeededRandom, type SeededRandom } from '../src/demo/seeded-random.ts';
import { BUILT_IN_INSTRUMENT } from '../src/domain/built-in-instrument.ts';
import type { Bundle, Level, ResponseRecord, Side, WaveInfo } from '../src/domain/model.ts';

// The benchmark's workload: one large relationship on the built-in instrument. Deterministic — every
// draw comes from one seeded mulberry32 stream — so two runs (or main and a branch) time exactly the
// same rows. Shape: 1,000 respondents a side (100 leadership, 300 operational, 600 staff), each
// answering all four waves; 26 items a response with ~3% left blank; ~8% of responses answer each
// open question. No participants.csv (the import derives participants from the responses), no
// incidents, no interviews: the benchmark is about answers.

export type LargeBundleOptions = {
  respondentsPerSide?: number;
  /** Share of item answers left blank. */
  blankRate?: number;
  /** Chance that a response answers a given open question. */
  openRate?: number;
  seed?: number;
};

const LEVEL_SHARES: ReadonlyArray<readonly [Level, number]> = [
  ['leadership', 0.1],
  ['operational', 0.3],
  ['staff', 0.6],
];

const WAVES: WaveInfo[] = [
  { label: 'Baseline', opens: '2024-01-08', closes: '2024-01-26' },
  { label: '6 months', opens: '2024-07-08', closes: '2024-07-26' },
  { label: '12 months', opens: '2025-01-13', closes: '2025-01-31' },
  { label: '24 months', opens: '2026-01-12', closes: '2026-01-30' },
];

/** Where each side starts on the 1–7 scale and how far it moves a wave. */
const SIDE_TRUST: Record<Side, { start: number; stepPerWave: number }> = {
  A: { start: 3.6, stepPerWave: 0.35 },
  B: { start: 4.3, stepPerWave: 0.2 },
};
const LEVEL_OFFSET: Record<Level, number> = { leadership: 0.4, operational: 0, staff: -0.3 };
const DIMENSION_OFFSET: Record<string, number> = {
  competence: 0.3,
  reliability: -0.2,
  integrity: 0.1,
  benevolence: -0.4,
  openness: -0.5,
  intent: 0.2,
};

// Open answers with the characters the array literal must escape: quotes, backslashes, commas,
// braces, new lines and non-ASCII letters.
const OPEN_PHRASES = [
  'Weekly stand-ups with both teams, shared backlog.',
  'Escalations arrive late, "after the fact", and by e-mail.',
  'The new service manager listens; changes are agreed {together} now.',
  'Invoices still do not match the contract schedule\nand nobody owns the fix.',
  'Root-cause reviews are shared openly — even the uncomfortable ones.',
  'Path C:\\shared\\reports is still the only place the KPIs live.',
  'Müller and Øberg on the supplier side answer within the hour.',
  'Fix the change calendar, one source of truth.',
];

export function makeLargeBundle(options: LargeBundleOptions = {}): Bundle {
  const perSide = options.respondentsPerSide ?? 1000;
  const blankRate = options.blankRate ?? 0.03;
  const openRate = options.openRate ?? 0.08;
  const random = createRandom(options.seed ?? 20240108);
  const instrument = BUILT_IN_INSTRUMENT;
  const { min, max } = instrument.scale;
  const clamp = (value: number) => Math.min(max, Math.max(min, Math.round(value)));

  const respondents: Array<{ key: string; side: Side; level: Level; trust: number }> = [];
  for (const side of ['A', 'B'] as const) {
    let index = 0;
    for (const [level, share] of LEVEL_SHARES) {
      const count = Math.round(perSide * share);
      for (let i = 0; i < count; i++) {
        index += 1;
        respondents.push({
          key: `${side}-${level[0]!.toUpperCase()}${String(index).padStart(4, '0')}`,
          side,
          level,
          trust: SIDE_TRUST[side].start + LEVEL_OFFSET[level] + random.normal(0.7),
        });
      }
    }
  }

  const responses: ResponseRecord[] = [];
  for (const [position, wave] of WAVES.entries()) {
    for (const respondent of respondents) {
      const answers: Record<string, number> = {};
      const trust = respondent.trust + position * SIDE_TRUST[respondent.side].stepPerWave;
      for (const item of instrument.items) {
        if (random.uniform() < blankRate) continue;
        const latent =
          item.kind === 'meta'
            ? trust + 0.3 + random.normal(1)
            : trust + (DIMENSION_OFFSET[item.dimension] ?? 0) + random.normal(0.9);
        const value = clamp(latent);
        // Reverse-worded items are stored raw, as a respondent would tick them.
        answers[item.code] = item.reverse ? min + max - value : value;
      }
      const open: Record<string, string> = {};
      for (const question of instrument.open) {
        if (random.uniform() < openRate) {
          open[question.code] = OPEN_PHRASES[Math.floor(random.uniform() * OPEN_PHRASES.length)]!;
        }
      }
      responses.push({
        respondent: respondent.key,
        side: respondent.side,
        level: respondent.level,
        wave: wave.label,
        answers,
        open,
      });
    }
  }

  return {
    relationship: {
      name: `Benchmark: ${perSide * 2} respondents × ${WAVES.length} waves`,
      anonymityThreshold: 3,
      sides: {
        A: { name: 'Northwater Utilities', role: 'customer' },
        B: { name: 'Corvid IT Services', role: 'supplier' },
      },
      waves: WAVES,
    },
    instrument,
    hasCustomInstrument: false,
    responses,
    participants: [],
    incidents: [],
    interviews: [],
  };
}

type Random = SeededRandom;

function createRandom(seed: number): Random {
  return createSeededRandom(seed);
}
