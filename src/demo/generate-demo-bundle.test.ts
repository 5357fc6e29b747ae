import { expect, test } from 'vitest';
import type { Level, ResponseRecord, Side } from '../domain/model.ts';
import { generateDemoBundle } from './generate-demo-bundle.ts';

// The story checks below use a deliberately small local computation (PRODUCT.md, "Analysis");
// they are meant to be replaced by the real analysis functions once those exist.

const bundle = generateDemoBundle();
const { min, max } = bundle.instrument.scale;
const trustItems = bundle.instrument.items.filter((i) => i.kind === 'trust');
const metaItems = bundle.instrument.items.filter((i) => i.kind === 'meta');
const dimensions = bundle.instrument.dimensions.map((d) => d.key);
const waveLabels = bundle.relationship.waves.map((w) => w.label);

function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of nothing');
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function toIndex(scaleMean: number): number {
  return ((scaleMean - min) / (max - min)) * 100;
}

/** A respondent's mean on the trust items of one dimension (or all), reverse items turned. */
function respondentScore(response: ResponseRecord, dimension?: string): number | null {
  const values: number[] = [];
  for (const item of trustItems) {
    if (dimension && item.dimension !== dimension) continue;
    const value = response.answers[item.code];
    if (value === undefined) continue;
    values.push(item.reverse ? min + max - value : value);
  }
  return values.length === 0 ? null : mean(values);
}

function responsesOf(wave: string, side: Side, level?: Level): ResponseRecord[] {
  return bundle.responses.filter(
    (r) => r.wave === wave && r.side === side && (level === undefined || r.level === level),
  );
}

/** Mean score on the scale over respondents (null scores skipped). */
function groupMean(responses: readonly ResponseRecord[], dimension?: string): number {
  return mean(responses.map((r) => respondentScore(r, dimension)).filter((s): s is number => s !== null));
}

/** Relationship dimension index = the lower of the two sides' indices. */
function relationshipIndices(wave: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const d of dimensions) {
    result[d] = Math.min(
      toIndex(groupMean(responsesOf(wave, 'A'), d)),
      toIndex(groupMean(responsesOf(wave, 'B'), d)),
    );
  }
  return result;
}

function hasOpenIntegrityDilution(closes: string): boolean {
  return bundle.incidents.some(
    (i) =>
      i.direction === 'dilutes' &&
      i.dimensions.includes('integrity') &&
      i.occurredOn <= closes &&
      (i.resolvedOn === null || i.resolvedOn > closes),
  );
}

/** Default stage gates of PRODUCT.md, with the integrity cap. */
function stageAt(wave: string): number {
  const index = relationshipIndices(wave);
  const get = (d: string): number => index[d] ?? Number.NaN;
  let stage = 0;
  if (get('reliability') >= 50) stage = 1;
  if (stage === 1 && get('competence') >= 60 && get('reliability') >= 60) stage = 2;
  if (stage === 2 && ['integrity', 'benevolence', 'openness'].every((d) => get(d) >= 65)) stage = 3;
  if (stage === 3 && get('intent') >= 75 && dimensions.every((d) => get(d) >= 70)) stage = 4;
  const closes = bundle.relationship.waves.find((w) => w.label === wave)?.closes ?? '';
  return hasOpenIntegrityDilution(closes) ? Math.min(stage, 2) : stage;
}

/** Mean absolute perception gap (scale points) over dimensions and both directions. */
function meanPerceptionGap(wave: string): number {
  const gaps: number[] = [];
  for (const side of ['A', 'B'] as const) {
    const other: Side = side === 'A' ? 'B' : 'A';
    for (const meta of metaItems) {
      const perceived = mean(
        responsesOf(wave, side)
          .map((r) => r.answers[meta.code])
          .filter((v): v is number => v !== undefined),
      );
      gaps.push(Math.abs(perceived - groupMean(responsesOf(wave, other), meta.dimension)));
    }
  }
  return mean(gaps);
}

test('the bundle is deterministic', () => {
  expect(generateDemoBundle()).toEqual(generateDemoBundle());
});

test('it has about 25 participants a side, 4 waves, about 40 incidents and interviews', () => {
  for (const side of ['A', 'B'] as const) {
    const count = bundle.participants.filter((p) => p.side === side).length;
    expect(count).toBeGreaterThanOrEqual(23);
    expect(count).toBeLessThanOrEqual(27);
  }
  expect(new Set(bundle.participants.map((p) => p.respondent)).size).toBe(bundle.participants.length);
  expect(bundle.participants.every((p) => /^[AB]-[LOS]\d\d$/.test(p.respondent))).toBe(true);
  expect(waveLabels).toEqual(['Baseline', '6 months', '12 months', '24 months']);
  expect(bundle.incidents.length).toBeGreaterThanOrEqual(35);
  expect(bundle.incidents.length).toBeLessThanOrEqual(45);
  expect(bundle.incidents.map((i) => i.ref)).toEqual(
    bundle.incidents.map((_, n) => `INC-${String(n + 1).padStart(3, '0')}`),
  );
  const baselineInterviews = bundle.interviews.filter((i) => i.heldOn < '2024-06-01');
  expect(baselineInterviews.length).toBeGreaterThanOrEqual(10);
  expect(new Set(baselineInterviews.map((i) => `${i.side}:${i.level}`)).size).toBe(6);
  expect(bundle.interviews.length).toBeGreaterThan(baselineInterviews.length);
  expect(bundle.relationship.anonymityThreshold).toBe(3);
});

test('each wave has a plausible response rate and every side × level cell meets the threshold', () => {
  for (const wave of waveLabels) {
    const rate = responsesOf(wave, 'A').length + responsesOf(wave, 'B').length;
    expect(rate / bundle.participants.length).toBeGreaterThan(0.75);
    expect(rate / bundle.participants.length).toBeLessThan(0.95);
    for (const side of ['A', 'B'] as const) {
      for (const level of ['leadership', 'operational', 'staff'] as const) {
        expect(responsesOf(wave, side, level).length).toBeGreaterThanOrEqual(
          bundle.relationship.anonymityThreshold,
        );
      }
    }
  }
});

test('every answer is an integer on the scale, a few are skipped, and open answers are partial', () => {
  const codes = new Set(bundle.instrument.items.map((i) => i.code));
  const openCodes = new Set(bundle.instrument.open.map((q) => q.code));
  let asked = 0;
  let answered = 0;
  const badValues: string[] = [];
  for (const response of bundle.responses) {
    asked += codes.size;
    for (const [code, value] of Object.entries(response.answers)) {
      if (!codes.has(code) || !Number.isInteger(value) || value < min || value > max) {
        badValues.push(`${response.wave}/${response.respondent}/${code}=${value}`);
      }
      answered++;
    }
    for (const [code, text] of Object.entries(response.open)) {
      if (!openCodes.has(code) || text.trim() === '') badValues.push(`${response.respondent}/${code}`);
    }
  }
  expect(badValues).toEqual([]);
  const skipRate = 1 - answered / asked;
  expect(skipRate).toBeGreaterThan(0.01);
  expect(skipRate).toBeLessThan(0.06);
  const withComment = bundle.responses.filter((r) => Object.keys(r.open).length > 0).length;
  expect(withComment).toBeLessThan(bundle.responses.length);
  expect(withComment).toBeGreaterThan(bundle.responses.length / 2);
});

test('incidents are coded consistently', () => {
  const lastClose = bundle.relationship.waves.at(-1)?.closes ?? '';
  for (const incident of bundle.incidents) {
    expect([1, 2, 3]).toContain(incident.strength);
    expect(incident.dimensions.every((d) => dimensions.includes(d))).toBe(true);
    expect(incident.themes.length).toBeGreaterThan(0);
    expect(incident.codedBy).toBe('Facilitator');
    expect(incident.status === 'resolved').toBe(incident.resolvedOn !== null);
    if (incident.resolvedOn) expect(incident.resolvedOn >= incident.occurredOn).toBe(true);
    expect(incident.occurredOn <= lastClose).toBe(true);
  }
  const interviewSourced = bundle.incidents.filter((i) => i.source === 'interview').length;
  expect(interviewSourced).toBeGreaterThan(bundle.incidents.length / 2);
});

test('every integrity-diluting incident is resolved before the last wave closes', () => {
  const lastClose = bundle.relationship.waves.at(-1)?.closes ?? '';
  const integrityDilutions = bundle.incidents.filter(
    (i) => i.direction === 'dilutes' && i.dimensions.includes('integrity'),
  );
  expect(integrityDilutions.length).toBeGreaterThan(0);
  for (const incident of integrityDilutions) {
    expect(incident.resolvedOn).not.toBeNull();
    expect((incident.resolvedOn ?? '9999') <= lastClose).toBe(true);
  }
  // The misreported status is still open when the 6-month wave closes.
  expect(hasOpenIntegrityDilution('2024-07-26')).toBe(true);
});

test('early incidents mostly dilute trust, later ones mostly build it', () => {
  const workshop = '2024-04-10';
  const early = bundle.incidents.filter((i) => i.occurredOn < workshop);
  const late = bundle.incidents.filter((i) => i.occurredOn >= workshop);
  const share = (list: typeof early) => list.filter((i) => i.direction === 'builds').length / list.length;
  expect(share(early)).toBeLessThan(0.35);
  expect(share(late)).toBeGreaterThan(0.6);
});

test('the relationship climbs from stage 1 at baseline to stage 3 (not 4) at 24 months', () => {
  const stages = waveLabels.map(stageAt);
  expect(stages[0]).toBe(1);
  expect(stages[3]).toBe(3);
  expect(stages[1]).toBeGreaterThanOrEqual(1);
  expect(stages[2]).toBeGreaterThanOrEqual(stages[1] ?? 0);
  expect(stages[3]).toBeGreaterThanOrEqual(stages[2] ?? 0);
});

test('perception gaps close: each side first overrates how the other sees it', () => {
  const baseline = meanPerceptionGap('Baseline');
  const last = meanPerceptionGap('24 months');
  expect(baseline).toBeGreaterThan(1);
  expect(last).toBeLessThan(0.4);
  expect(baseline).toBeGreaterThan(3 * last);
});

test('at 12 months leaders trust each other while customer staff lag behind', () => {
  const levelIndex = (wave: string, side: Side, level: Level) =>
    toIndex(groupMean(responsesOf(wave, side, level)));
  expect(levelIndex('12 months', 'A', 'leadership')).toBeGreaterThanOrEqual(70);
  expect(levelIndex('12 months', 'B', 'leadership')).toBeGreaterThanOrEqual(70);
  const gapAt = (wave: string) => levelIndex(wave, 'A', 'leadership') - levelIndex(wave, 'A', 'staff');
  expect(gapAt('12 months')).toBeGreaterThanOrEqual(15);
  expect(gapAt('24 months')).toBeLessThan(gapAt('12 months'));
  expect(gapAt('24 months')).toBeGreaterThan(5);
});
