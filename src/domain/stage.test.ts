import { describe, expect, test } from 'vitest';
import type { IncidentRecord } from './model.ts';
import { toIndex } from './score-respondent.ts';
import {
  classifyStage,
  DEFAULT_STAGE_GATES,
  NOT_ENOUGH_DATA,
  STAGE_NAMES,
  type StageGates,
  type StageInput,
  selectCappingIncidents,
} from './stage.ts';
import { mean } from './statistics/descriptive.ts';

const DIMENSIONS = ['competence', 'reliability', 'integrity', 'benevolence', 'openness', 'intent'] as const;
type DimensionKey = (typeof DIMENSIONS)[number];

/** Both sides rate every dimension `base`, with overrides per dimension (same for both sides). */
function bothSides(base: number, overrides: Partial<Record<DimensionKey, number | null>> = {}) {
  return Object.fromEntries(
    DIMENSIONS.map((dimension) => {
      const value = overrides[dimension] === undefined ? base : overrides[dimension];
      return [dimension, { A: value, B: value }];
    }),
  ) as StageInput['indexByDimension'];
}

const SIDE_NAMES = { A: 'Northwind', B: 'Contoso IT' };

function classify(indexByDimension: StageInput['indexByDimension'], extra: Partial<StageInput> = {}) {
  return classifyStage({ indexByDimension, cappingIncidents: [], sideNames: SIDE_NAMES, ...extra });
}

describe('classifyStage: gate boundaries', () => {
  test.each([
    { why: 'reliability exactly 50', index: bothSides(55, { reliability: 50 }), level: 1 },
    { why: 'reliability 49.999', index: bothSides(55, { reliability: 49.999 }), level: 0 },
    { why: 'competence and reliability exactly 60', index: bothSides(60), level: 2 },
    { why: 'competence 59.999', index: bothSides(64, { competence: 59.999 }), level: 1 },
    { why: 'reliability 59.999', index: bothSides(64, { reliability: 59.999 }), level: 1 },
    { why: 'integrity, benevolence, openness exactly 65', index: bothSides(65), level: 3 },
    { why: 'openness 64.999', index: bothSides(68, { openness: 64.999 }), level: 2 },
    { why: 'intent exactly 75 and all exactly 70', index: bothSides(70, { intent: 75 }), level: 4 },
    { why: 'intent 74.999', index: bothSides(80, { intent: 74.999 }), level: 3 },
    { why: 'one dimension 69.999', index: bothSides(80, { benevolence: 69.999 }), level: 3 },
    { why: 'reliability 0', index: bothSides(90, { reliability: 0 }), level: 0 },
    { why: 'everything 100', index: bothSides(100), level: 4 },
  ])('$why → stage $level', ({ index, level }) => {
    const result = classify(index);
    expect(result.level).toBe(level);
    expect(result.name).toBe(STAGE_NAMES[level as keyof typeof STAGE_NAMES]);
  });

  test('a stage needs every earlier gate: high goodwill without reliability is distrust', () => {
    expect(classify(bothSides(95, { reliability: 40 })).level).toBe(0);
  });
});

describe('classifyStage: the lower side counts', () => {
  test('the relationship index is the lower side, and the reason names that side', () => {
    const index = bothSides(80);
    index.reliability = { A: 82, B: 48 };
    const result = classify(index);
    expect(result.relationshipIndex.reliability).toBe(48);
    expect(result.relationshipIndex.competence).toBe(80);
    expect(result.level).toBe(0);
    expect(result.reasons).toEqual([
      'Reliability is 48 (as rated by Contoso IT): 2 short of the 50 needed for Contractual / risk-based.',
    ]);
  });

  test('with equal sides the reason says both agree', () => {
    const result = classify(bothSides(48));
    expect(result.reasons[0]).toContain('(both sides agree)');
  });

  test('a value just under a minimum is never shown as reaching it', () => {
    const result = classify(bothSides(55, { reliability: 49.999 }));
    expect(result.reasons).toEqual([
      'Reliability is 49.9 (both sides agree): 0.1 short of the 50 needed for Contractual / risk-based.',
    ]);
  });
});

describe('classifyStage: reasons', () => {
  test('passed gates, then what blocks the next stage and by how much', () => {
    const index = bothSides(70, { integrity: 62.5, openness: 61 });
    index.competence = { A: 66, B: 72 };
    const result = classify(index, {
      dimensionLabels: { intent: 'relational intent and mutual value' },
    });
    expect(result.level).toBe(2);
    expect(result.reasons).toEqual([
      'Reached Contractual / risk-based: reliability is 70 (50 needed).',
      'Reached Competence: competence is 66 (60 needed) and reliability is 70 (60 needed).',
      'Integrity is 62.5 (both sides agree): 2.5 short of the 65 needed for Goodwill / trusted partner.',
      'Openness is 61 (both sides agree): 4 short of the 65 needed for Goodwill / trusted partner.',
    ]);
  });

  test('co-creation names the lowest dimension; the every-dimension gate names who falls short', () => {
    const top = classify(bothSides(72, { intent: 80 }));
    expect(top.level).toBe(4);
    expect(top.reasons.at(-1)).toBe(
      'Reached Co-creation: intent is 80 (75 needed) and every dimension is at least 70 (lowest: competence at 72).',
    );
    const short = classify(bothSides(80, { benevolence: 68 }));
    expect(short.reasons.at(-1)).toBe(
      'Benevolence is 68 (both sides agree): 2 short of the 70 every dimension needs for Co-creation.',
    );
  });
});

describe('classifyStage: the integrity cap', () => {
  const incidents = [
    { ref: 'INC-7', title: 'Invoice changed after sign-off' },
    { ref: 'INC-9', title: 'Penalty hidden in renewal' },
  ];

  test('an unresolved integrity incident holds a goodwill relationship at competence, and says so', () => {
    const result = classify(bothSides(68), { cappingIncidents: incidents });
    expect(result.level).toBe(2);
    expect(result.name).toBe('Competence');
    expect(result.cappedBy).toEqual(['INC-7', 'INC-9']);
    expect(result.reasons).toContain(
      'Held at Competence by the unresolved integrity incidents INC-7 “Invoice changed after sign-off” and ' +
        'INC-9 “Penalty hidden in renewal”: the scores alone would reach Goodwill / trusted partner.',
    );
  });

  test('below the cap the stage is unchanged, but the incident is still named', () => {
    const result = classify(bothSides(55), { cappingIncidents: incidents.slice(0, 1) });
    expect(result.level).toBe(1);
    expect(result.cappedBy).toEqual([]);
    expect(result.reasons).toContain(
      'The unresolved integrity incident INC-7 “Invoice changed after sign-off” would hold the stage at Competence even if the scores rose.',
    );
  });

  test('at exactly the cap level nothing is capped', () => {
    expect(classify(bothSides(62), { cappingIncidents: incidents }).level).toBe(2);
  });

  test('an uncoded survey incident caps by its ref alone: the participant’s own words are never quoted', () => {
    const reported = {
      ref: 'S-7KQ2M9XA',
      title: 'Our manager Anna told us to hide the defect',
      source: 'survey' as const,
      status: 'reported' as const,
    };
    const result = classify(bothSides(68), { cappingIncidents: [reported] });
    expect(result.cappedBy).toEqual(['S-7KQ2M9XA']);
    expect(result.reasons.join(' ')).not.toContain('Anna');
    expect(result.reasons).toContain(
      'Held at Competence by the unresolved integrity incident S-7KQ2M9XA (reported in the survey, not yet coded): the scores alone would reach Goodwill / trusted partner.',
    );
    // Once a facilitator has coded it, its (edited) title is named as any other.
    const coded = classify(bothSides(68), {
      cappingIncidents: [{ ...reported, status: 'coded', title: 'Defect concealed' }],
    });
    expect(coded.reasons.join(' ')).toContain('S-7KQ2M9XA “Defect concealed”');
  });
});

describe('classifyStage: unknown indices', () => {
  test('unknown reliability means no stage', () => {
    const index = bothSides(80);
    index.reliability = { A: 80, B: null };
    const result = classify(index);
    expect(result.level).toBeNull();
    expect(result.name).toBe(NOT_ENOUGH_DATA);
    expect(result.relationshipIndex.reliability).toBeNull();
    expect(result.reasons).toEqual([
      'Reliability is not known (no score from Contoso IT: too few responses, or not asked), so no stage can be given: Contractual / risk-based needs 50.',
    ]);
  });

  test('an absent reliability dimension also means no stage', () => {
    const { reliability: _dropped, ...rest } = bothSides(80);
    expect(classify(rest).level).toBeNull();
  });

  test('an unknown later dimension stops at the gate it blocks, and says so', () => {
    const result = classify(bothSides(80, { benevolence: null }));
    expect(result.level).toBe(2);
    expect(result.reasons.at(-1)).toBe(
      'Benevolence is not known (no score from either side), so Goodwill / trusted partner cannot be confirmed.',
    );
  });

  test('a known failure on the first gate wins over an unknown', () => {
    const gates: StageGates = {
      ...DEFAULT_STAGE_GATES,
      stages: [
        {
          level: 1,
          name: 'Contractual',
          requirements: [
            { dimension: 'reliability', min: 50 },
            { dimension: 'competence', min: 50 },
          ],
        },
        ...DEFAULT_STAGE_GATES.stages.slice(1),
      ],
    };
    const result = classify(bothSides(40, { competence: null }), { gates });
    expect(result.level).toBe(0);
  });
});

describe('classifyStage: custom gates', () => {
  test('a workspace can lower a threshold and rename a stage', () => {
    const gates: StageGates = {
      ...DEFAULT_STAGE_GATES,
      baseName: 'No trust yet',
      stages: DEFAULT_STAGE_GATES.stages.map((gate) =>
        gate.level === 1
          ? { ...gate, name: 'Contract', requirements: [{ dimension: 'reliability', min: 40 }] }
          : gate,
      ),
    };
    expect(classify(bothSides(45), { gates })).toMatchObject({ level: 1, name: 'Contract' });
    expect(classify(bothSides(35), { gates })).toMatchObject({ level: 0, name: 'No trust yet' });
    expect(classify(bothSides(45)).level).toBe(0);
  });

  test('a workspace can move the cap', () => {
    const gates: StageGates = {
      ...DEFAULT_STAGE_GATES,
      incidentCap: { dimension: 'integrity', maxLevel: 1 },
    };
    const result = classify(bothSides(80), { gates, cappingIncidents: [{ ref: 'INC-1', title: 'x' }] });
    expect(result.level).toBe(1);
  });

  test('malformed gates are refused', () => {
    const gates: StageGates = { ...DEFAULT_STAGE_GATES, stages: DEFAULT_STAGE_GATES.stages.slice(0, 3) };
    expect(() => classify(bothSides(80), { gates })).toThrow();
  });

  test('an index outside 0–100 is refused', () => {
    expect(() => classify(bothSides(80, { intent: 101 }))).toThrow(RangeError);
  });
});

function createIncident(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    ref: 'INC-1',
    occurredOn: '2025-03-01',
    title: 'Invoice changed after sign-off',
    narrative: '',
    reporterSide: 'A',
    reporterLevel: 'operational',
    sidesInvolved: ['B'],
    levelsInvolved: ['operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['integrity'],
    themes: [],
    source: 'interview',
    codedBy: 'facilitator',
    status: 'coded',
    resolvedOn: null,
    ...overrides,
  };
}

describe('selectCappingIncidents', () => {
  const asOf = '2025-06-30';
  test.each([
    { why: 'open diluting integrity incident', overrides: {}, isCapping: true },
    { why: 'occurred on the close date', overrides: { occurredOn: '2025-06-30' }, isCapping: true },
    { why: 'occurred after the close date', overrides: { occurredOn: '2025-07-01' }, isCapping: false },
    { why: 'builds trust', overrides: { direction: 'builds' as const }, isCapping: false },
    { why: 'not coded integrity', overrides: { dimensions: ['reliability'] }, isCapping: false },
    { why: 'integrity among others', overrides: { dimensions: ['openness', 'integrity'] }, isCapping: true },
    { why: 'dismissed', overrides: { status: 'dismissed' as const }, isCapping: false },
    {
      why: 'resolved before close',
      overrides: { status: 'resolved' as const, resolvedOn: '2025-06-01' },
      isCapping: false,
    },
    {
      why: 'resolved on the close date',
      overrides: { status: 'resolved' as const, resolvedOn: asOf },
      isCapping: false,
    },
    {
      why: 'resolved after close',
      overrides: { status: 'resolved' as const, resolvedOn: '2025-07-15' },
      isCapping: true,
    },
    { why: 'just reported', overrides: { status: 'reported' as const }, isCapping: true },
  ])('$why → capping: $isCapping', ({ overrides, isCapping }) => {
    const incident = createIncident(overrides);
    expect(selectCappingIncidents([incident], asOf)).toEqual(isCapping ? [incident] : []);
  });

  test('a malformed date is refused', () => {
    expect(() => selectCappingIncidents([], '30/06/2025')).toThrow(RangeError);
  });

  test('feeds classifyStage', () => {
    const incidents = [
      createIncident({ ref: 'INC-2' }),
      createIncident({ ref: 'INC-3', occurredOn: '2026-01-01' }),
    ];
    const result = classifyStage({
      indexByDimension: bothSides(80),
      cappingIncidents: selectCappingIncidents(incidents, asOf),
    });
    expect(result.cappedBy).toEqual(['INC-2']);
  });
});

test('an index that is exactly a gate on paper reaches it despite floating-point error', () => {
  // Three respondents' reliability scores 13/3, 4/3 and 19/3 average exactly 4 on a 1–7 scale:
  // index 50, which arithmetic delivers as 49.99999999999999.
  const reliability = toIndex(mean([13 / 3, 4 / 3, 19 / 3])!, { min: 1, max: 7 });
  expect(reliability).toBeLessThan(50);
  const result = classify(bothSides(40, { reliability }));
  expect(result.level).toBe(1);
  expect(result.reasons.join(' ')).not.toMatch(/ 0 short/);
});
