import fc from 'fast-check';
import { expect, test } from 'vitest';
import { BUILT_IN_INSTRUMENT } from '../built-in-instrument.ts';
import {
  type Bundle,
  DIRECTIONS,
  type Dimension,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  type IncidentRecord,
  type Instrument,
  type InterviewRecord,
  type Item,
  LEVELS,
  type Level,
  type OpenQuestion,
  type ParticipantRecord,
  type RelationshipInfo,
  type ResponseRecord,
  SIDES,
  type Side,
} from '../model.ts';
import { createBundle } from './bundle-factory.ts';
import { formatBundleProblem } from './bundle-problem.ts';
import { parseBundle } from './parse-bundle.ts';
import { serializeBundle } from './serialize-bundle.ts';

test('writes the documented files: pretty JSON, fixed columns then items then open codes', () => {
  const files = serializeBundle(createBundle());
  expect(Object.keys(files)).toEqual([
    'relationship.json',
    'responses.csv',
    'participants.csv',
    'incidents.csv',
    'interviews.csv',
  ]);
  expect(files['relationship.json']).toMatch(/^\{\n {2}"name": "Northwind Utilities ⇄ Contoso IT",\n/);
  expect(files['relationship.json']?.endsWith('}\n')).toBe(true);
  const header = files['responses.csv']?.split('\n')[0]?.split(',');
  expect(header).toEqual([
    'respondent',
    'side',
    'level',
    'wave',
    ...BUILT_IN_INSTRUMENT.items.map((i) => i.code),
    ...BUILT_IN_INSTRUMENT.open.map((q) => q.code),
  ]);
  expect(files['incidents.csv']?.split('\n')[1]).toBe(
    'INC-1,2024-02-12,Outage not reported,"The supplier knew of the outage for two hours before telling us, and then only by e-mail.",A,operational,A;B,operational,dilutes,3,openness;integrity,incident communication,interview,facilitator,coded,',
  );
});

test('omits instrument.json for the built-in instrument and the optional files when empty', () => {
  const files = serializeBundle(
    createBundle({ participants: [], incidents: [], interviews: [], responses: [] }),
  );
  expect(Object.keys(files)).toEqual(['relationship.json', 'responses.csv']);
  expect(files['responses.csv']?.split('\n').length).toBe(2);
  const custom = serializeBundle(createBundle({ hasCustomInstrument: true }));
  expect(JSON.parse(custom['instrument.json'] ?? '')).toEqual(BUILT_IN_INSTRUMENT);
  expect(custom['instrument.json']?.endsWith('\n')).toBe(true);
});

// ------------------------------------------------------------------------------------------------
// Arbitrary valid bundles

/** Free text: commas, quotes, line breaks, semicolons and non-ASCII, or any graphemes. */
const textArb = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r\n', ';', 'é', 'ß', '日', '🙂', '{'),
  }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const nonBlankArb = textArb.filter((s) => s.trim() !== '');
/** Key-like values (respondent, ref, wave label): no space around them, since cells are trimmed. */
const keyArb = nonBlankArb.filter((s) => s.trim() === s);
const themeArb = keyArb.filter((s) => !s.includes(';'));
const codeArb = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,6}$/)
  .filter((s) => !['respondent', 'side', 'level', 'wave'].includes(s));
const dateArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const datePairArb = fc.tuple(dateArb, dateArb).map(([a, b]): [string, string] => (a <= b ? [a, b] : [b, a]));
const sideArb = fc.constantFrom<Side>(...SIDES);
const levelArb = fc.constantFrom<Level>(...LEVELS);

const customInstrumentArb: fc.Arbitrary<Instrument> = fc
  .record({
    // Per dimension: number of trust items and whether it has a meta item.
    shape: fc.array(fc.record({ trust: fc.integer({ min: 1, max: 3 }), hasMeta: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
    }),
    openCount: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ shape, openCount }) => {
    const itemCount = shape.reduce((n, d) => n + d.trust + (d.hasMeta ? 1 : 0), 0);
    return fc
      .record({
        name: nonBlankArb,
        version: nonBlankArb,
        min: fc.integer({ min: -3, max: 3 }),
        span: fc.integer({ min: 1, max: 10 }),
        keys: fc.uniqueArray(codeArb, { minLength: shape.length, maxLength: shape.length }),
        labels: fc.array(nonBlankArb, { minLength: shape.length, maxLength: shape.length }),
        codes: fc.uniqueArray(codeArb, {
          minLength: itemCount + openCount,
          maxLength: itemCount + openCount,
        }),
        texts: fc.array(nonBlankArb, { minLength: itemCount + openCount, maxLength: itemCount + openCount }),
        reverses: fc.array(fc.boolean(), { minLength: itemCount, maxLength: itemCount }),
        order: fc.shuffledSubarray([...Array(itemCount).keys()], {
          minLength: itemCount,
          maxLength: itemCount,
        }),
      })
      .map((g) => {
        const dimensions: Dimension[] = shape.map((_, i) => ({ key: g.keys[i]!, label: g.labels[i]! }));
        const items: Item[] = [];
        shape.forEach((d, i) => {
          const kinds = [...Array<'trust'>(d.trust).fill('trust'), ...(d.hasMeta ? (['meta'] as const) : [])];
          for (const kind of kinds) {
            const n = items.length;
            items.push({
              code: g.codes[n]!,
              dimension: g.keys[i]!,
              kind,
              text: g.texts[n]!,
              reverse: g.reverses[n]!,
            });
          }
        });
        const open: OpenQuestion[] = g.codes.slice(itemCount).map((code, i) => ({
          code,
          text: g.texts[itemCount + i]!,
        }));
        return {
          name: g.name,
          version: g.version,
          scale: { min: g.min, max: g.min + g.span },
          dimensions,
          items: g.order.map((i) => items[i]!),
          open,
        };
      });
  });

const relationshipArb: fc.Arbitrary<RelationshipInfo> = fc.record({
  name: nonBlankArb,
  anonymityThreshold: fc.integer({ min: 3, max: 10 }),
  sides: fc.record({
    A: fc.record({ name: nonBlankArb, role: textArb }),
    B: fc.record({ name: nonBlankArb, role: textArb }),
  }),
  waves: fc
    .uniqueArray(fc.tuple(keyArb, datePairArb), { minLength: 1, maxLength: 3, selector: ([label]) => label })
    .map((waves) => waves.map(([label, [opens, closes]]) => ({ label, opens, closes }))),
});

type Person = { respondent: string; side: Side; level: Level };

function responseArb(person: Person, wave: string, instrument: Instrument): fc.Arbitrary<ResponseRecord> {
  const { min, max } = instrument.scale;
  const answer = fc.option(fc.integer({ min, max }), { nil: undefined });
  const openAnswer = fc.option(nonBlankArb, { nil: undefined });
  return fc
    .record({
      answers: fc.tuple(...instrument.items.map(() => answer)),
      open: fc.tuple(...instrument.open.map(() => openAnswer)),
    })
    .map(({ answers, open }) => {
      const record: ResponseRecord = { ...person, wave, answers: {}, open: {} };
      instrument.items.forEach((item, i) => {
        const value = answers[i];
        if (value !== undefined) record.answers[item.code] = value;
      });
      instrument.open.forEach((question, i) => {
        const value = open[i];
        if (value !== undefined) record.open[question.code] = value;
      });
      return record;
    });
}

const bundleArb: fc.Arbitrary<Bundle> = fc
  .record({
    relationship: relationshipArb,
    custom: fc.option(customInstrumentArb, { nil: undefined }),
    isBuiltInWritten: fc.boolean(),
    people: fc.uniqueArray(fc.record({ respondent: keyArb, side: sideArb, level: levelArb }), {
      maxLength: 5,
      selector: (p) => p.respondent,
    }),
  })
  .chain(({ relationship, custom, isBuiltInWritten, people }) => {
    const instrument = custom ?? BUILT_IN_INSTRUMENT;
    const slots = relationship.waves.flatMap((w) => people.map((p) => [p, w.label] as const));
    const dimensionKeys = instrument.dimensions.map((d) => d.key);
    const participantArb = (p: Person): fc.Arbitrary<ParticipantRecord> =>
      fc.record({
        respondent: fc.constant(p.respondent),
        side: fc.constant(p.side),
        level: fc.constant(p.level),
        name: textArb,
        email: fc.oneof(
          fc.constant(''),
          fc.emailAddress().filter((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)),
        ),
        role: textArb,
      });
    const incidentArb: fc.Arbitrary<IncidentRecord> = fc
      .record({
        ref: keyArb,
        dates: datePairArb,
        isResolved: fc.boolean(),
        title: textArb,
        narrative: textArb,
        reporterSide: sideArb,
        reporterLevel: levelArb,
        sidesInvolved: fc.subarray([...SIDES]),
        levelsInvolved: fc.subarray([...LEVELS]),
        direction: fc.constantFrom(...DIRECTIONS),
        strength: fc.constantFrom(1 as const, 2 as const, 3 as const),
        dimensions: fc.shuffledSubarray(dimensionKeys),
        themes: fc.uniqueArray(themeArb, { maxLength: 3 }),
        source: fc.constantFrom(...INCIDENT_SOURCES),
        codedBy: textArb,
        status: fc.constantFrom(...INCIDENT_STATUSES),
      })
      .map(({ dates, isResolved, ...rest }) => ({
        ...rest,
        occurredOn: dates[0],
        resolvedOn: isResolved || rest.status === 'resolved' ? dates[1] : null,
      }));
    const interviewArb: fc.Arbitrary<InterviewRecord> = fc
      .record({
        ref: keyArb,
        who: fc.option(fc.constantFrom(...(people.length > 0 ? people : [undefined])), { nil: undefined }),
        side: sideArb,
        level: levelArb,
        heldOn: dateArb,
        interviewer: textArb,
        notes: textArb,
      })
      .map(({ who, ...rest }) =>
        who
          ? { ...rest, respondent: who.respondent, side: who.side, level: who.level }
          : { ...rest, respondent: '' },
      );
    return fc
      .record({
        relationship: fc.constant(relationship),
        instrument: fc.constant(instrument),
        hasCustomInstrument: fc.constant(custom !== undefined || isBuiltInWritten),
        responses: fc
          .shuffledSubarray(slots)
          .chain((picked) => fc.tuple(...picked.map(([p, wave]) => responseArb(p, wave, instrument)))),
        participants: fc.shuffledSubarray(people).chain((picked) => fc.tuple(...picked.map(participantArb))),
        incidents: fc.uniqueArray(incidentArb, { maxLength: 3, selector: (i) => i.ref }),
        interviews: fc.uniqueArray(interviewArb, { maxLength: 3, selector: (i) => i.ref }),
      })
      .map((bundle) => {
        // An interviewee must be known from responses.csv or participants.csv.
        const known = new Set([...bundle.responses, ...bundle.participants].map((p) => p.respondent));
        const interviews = bundle.interviews.map((i) =>
          known.has(i.respondent) ? i : { ...i, respondent: '' },
        );
        return { ...bundle, interviews };
      });
  });

test('parseBundle(serializeBundle(bundle)) gives back the bundle', () => {
  fc.assert(
    fc.property(bundleArb, (bundle) => {
      const result = parseBundle(serializeBundle(bundle));
      if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
      expect(result.bundle).toEqual(bundle);
    }),
    { numRuns: 300 },
  );
});
