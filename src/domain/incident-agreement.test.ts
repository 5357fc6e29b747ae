import { describe, expect, test } from 'vitest';
import { type CodingPair, computeIncidentAgreement } from './incident-agreement.ts';
import type { IncidentCoding } from './incident-coding.ts';
import { computeCohenKappa } from './statistics/cohen-kappa.ts';

function coding(overrides: Partial<IncidentCoding> = {}): IncidentCoding {
  return {
    direction: 'dilutes',
    strength: 2,
    dimensions: ['integrity'],
    themes: ['outage'],
    trigger: 'delivery',
    smallBigThing: false,
    contractScope: 'within',
    ...overrides,
  };
}

const DIMENSIONS = [
  { key: 'integrity', label: 'Integrity' },
  { key: 'openness', label: 'Openness' },
];

/** Twelve double-coded incidents; the second coder differs on direction for two and adds a theme once. */
function pairs(): CodingPair[] {
  return Array.from({ length: 12 }, (_, i) => {
    const first = coding({
      direction: i % 3 === 0 ? 'builds' : 'dilutes',
      strength: ((i % 3) + 1) as 1 | 2 | 3,
    });
    const second = coding({
      direction: i === 1 || i === 3 ? (first.direction === 'builds' ? 'dilutes' : 'builds') : first.direction,
      strength: first.strength,
      themes: i === 5 ? ['Outage', 'blame'] : ['outage'],
      trigger: i === 7 ? '' : 'delivery',
      contractScope: i % 2 === 0 ? 'within' : 'breach',
    });
    return { ref: `INC-${i}`, first: { ...first, contractScope: i % 2 === 0 ? 'within' : 'breach' }, second };
  });
}

describe('computeIncidentAgreement', () => {
  test('one row per coded field, each dimension and each theme', () => {
    const result = computeIncidentAgreement(pairs(), DIMENSIONS);
    expect(result.doubleCoded).toBe(12);
    expect(result.fields.map((f) => f.field)).toEqual([
      'direction',
      'strength',
      'trigger',
      'contractScope',
      'smallBigThing',
      'dimension:integrity',
      'dimension:openness',
      'theme:blame',
      'theme:outage',
    ]);
  });

  test('direction κ equals Cohen κ over the two codings', () => {
    const list = pairs();
    const direction = computeIncidentAgreement(list, DIMENSIONS).fields.find((f) => f.field === 'direction')!;
    const expected = computeCohenKappa(list.map((p) => [p.first.direction, p.second.direction]));
    expect(direction).toMatchObject({ n: 12, observed: 10 / 12, kappa: expected.kappa, reason: null });
    expect(direction.band).not.toBeNull();
  });

  test('perfect agreement on strength and contract scope', () => {
    const fields = computeIncidentAgreement(pairs(), DIMENSIONS).fields;
    expect(fields.find((f) => f.field === 'strength')).toMatchObject({ kappa: 1, band: 'almost perfect' });
    expect(fields.find((f) => f.field === 'contractScope')).toMatchObject({ kappa: 1 });
  });

  test('an incident a coder left uncoded on a field is left out of that field only', () => {
    const fields = computeIncidentAgreement(pairs(), DIMENSIONS).fields;
    expect(fields.find((f) => f.field === 'trigger')).toMatchObject({
      n: 11,
      kappa: null,
      reason: 'one-category',
    });
    expect(fields.find((f) => f.field === 'direction')?.n).toBe(12);
  });

  test('themes compare ignoring case; a theme only one coder used once is a field', () => {
    const fields = computeIncidentAgreement(pairs(), DIMENSIONS).fields;
    expect(fields.find((f) => f.field === 'theme:outage')).toMatchObject({
      reason: 'one-category',
      observed: 1,
    });
    expect(fields.find((f) => f.field === 'theme:blame')).toMatchObject({ observed: 11 / 12, kappa: 0 });
  });

  test('below the minimum, no κ is shown: "too few"', () => {
    const result = computeIncidentAgreement(pairs().slice(0, 9), DIMENSIONS);
    expect(result.fields.every((f) => f.kappa === null && f.reason === 'too-few')).toBe(true);
    expect(
      computeIncidentAgreement([], DIMENSIONS).fields.find((f) => f.field === 'direction'),
    ).toMatchObject({
      n: 0,
      observed: null,
      reason: 'too-few',
    });
  });
});
