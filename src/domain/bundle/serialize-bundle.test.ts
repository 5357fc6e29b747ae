import fc from 'fast-check';
import { expect, test } from 'vitest';
import { normalizeThemeTag, themeKey } from '../attribute-comments.ts';
import { BUILT_IN_INSTRUMENT } from '../built-in-instrument.ts';
import { INTERVIEW_STATUSES } from '../interview-input.ts';
import {
  type Bundle,
  CONTRACT_SCOPES,
  DIRECTIONS,
  type Dimension,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  INCIDENT_TRIGGERS,
  type Instrument,
  type Item,
  LEVELS,
  type Level,
  type OpenQuestion,
  type ParticipantRecord,
  type RelationshipInfo,
  SIDES,
  type Side,
} from '../model.ts';
import { createBundle } from './bundle-factory.ts';
import { formatBundleProblem } from './bundle-problem.ts';
import type {
  BundleIncident,
  BundleInterview,
  BundleResponse,
  FullBundle,
  IncidentExtraCoding,
  QuoteRecord,
  SecondCodingRecord,
} from './full-bundle.ts';
import { parseBundle } from './parse-bundle.ts';
import { serializeBundle } from './serialize-bundle.ts';
import { EMPTY_SHARE_AND_ACT } from './share-and-act-file.ts';

test('writes the documented files: pretty JSON, fixed columns then items then open codes', () => {
  const files = serializeBundle(createBundle());
  expect(Object.keys(files)).toEqual([
    'relationship.json',
    'responses.csv',
    'participants.csv',
    'incidents.csv',
    'second-codings.csv',
    'interviews.csv',
    'quotes.csv',
    'open-answer-themes.csv',
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
  const [incidentHeader, incident, fromInterview] = files['incidents.csv']!.split('\n');
  expect(incidentHeader).toBe(
    'ref,occurred_on,title,narrative,reporter_side,reporter_level,sides_involved,levels_involved,direction,strength,dimensions,themes,source,coded_by,status,resolved_on,trigger,small_big_thing,contract_scope,interview,source_passage',
  );
  expect(incident).toBe(
    'INC-1,2024-02-12,Outage not reported,"The supplier knew of the outage for two hours before telling us, and then only by e-mail.",A,operational,A;B,operational,dilutes,3,openness;integrity,incident communication,interview,facilitator,coded,,communication,no,breach,,',
  );
  expect(fromInterview).toBe(
    'INC-2,2024-02-14,Problems heard before they hit,"Since the stand-ups started, the supplier raises problems before they reach us.",A,leadership,A;B,leadership,builds,2,openness,,interview,,reported,,,yes,,IV-1,We finally hear about problems before they hit us.',
  );
  expect(files['second-codings.csv']).toBe(
    'incident,coded_by,direction,strength,dimensions,themes,trigger,small_big_thing,contract_scope\n' +
      'INC-1,Second coder,dilutes,2,openness,incident communication;escalation,escalation,no,within\n',
  );
  expect(files['interviews.csv']).toBe(
    'ref,respondent,side,level,held_on,interviewer,notes,status,transcript\n' +
      'IV-1,a-lead-1,A,leadership,2024-02-20,J. Facilitator,"Feels the contract is used ""as a weapon"".",held,"Q: What changed since the stand-ups started?\nA: We finally hear about problems\nbefore they hit us."\n' +
      'IV-2,,B,staff,2024-10-01,J. Facilitator,,scheduled,\n',
  );
  expect(files['quotes.csv']).toBe(
    'interview,side,level,quote\nIV-1,A,leadership,"the contract is used ""as a weapon"""\n,B,staff,We feel like visitors.\n',
  );
  // One row per tag, so a tag may hold a ; (an incident's theme list cannot).
  expect(files['open-answer-themes.csv']).toBe(
    'wave,respondent,question,theme\nBaseline,a-lead-1,NOT_WORKING,Escalations\nBaseline,a-lead-1,NOT_WORKING,Mail; not a call\n',
  );
});

test('a bundle without the workbench’s data is written with its defaults and reads back with them', () => {
  const { quotes: _, ...full } = createBundle();
  const plain: Bundle = {
    ...full,
    responses: full.responses.map(({ openThemes: _t, openModeration: _m, ...r }) => r),
    incidents: full.incidents.map(
      ({
        trigger: _t,
        smallBigThing: _s,
        contractScope: _c,
        interviewRef: _i,
        sourcePassage: _p,
        secondCoding: _2,
        ...i
      }) => i,
    ),
    interviews: full.interviews.map(({ transcript: _t, status: _s, ...i }) => i),
  };
  const files = serializeBundle(plain);
  expect(Object.keys(files)).not.toContain('second-codings.csv');
  const result = parseBundle(files);
  if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
  expect(
    result.bundle.incidents.map((i) => [
      i.trigger,
      i.smallBigThing,
      i.contractScope,
      i.interviewRef,
      i.secondCoding,
    ]),
  ).toEqual([
    ['', false, null, '', null],
    ['', false, null, '', null],
  ]);
  expect(result.bundle.interviews.map((i) => [i.status, i.transcript])).toEqual([
    ['held', ''],
    ['held', ''],
  ]);
  expect(result.bundle.quotes).toEqual([]);
  expect(result.bundle.responses.every((r) => Object.keys(r.openThemes).length === 0)).toBe(true);
});

test('omits instrument.json for the built-in instrument and the optional files when empty', () => {
  const files = serializeBundle(
    createBundle({ participants: [], incidents: [], interviews: [], responses: [], quotes: [] }),
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
    // With what a spreadsheet would run as a formula (=, +, -, @) and apostrophes before it.
    unit: fc.constantFrom(
      'a',
      'Z',
      '7',
      ' ',
      ',',
      '"',
      '\n',
      '\r\n',
      ';',
      'é',
      'ß',
      '日',
      '🙂',
      '{',
      '=',
      '+',
      '-',
      '@',
      "'",
    ),
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
/** A theme tag as the facilitator's form keeps it: trimmed, spaces collapsed, 1–40 characters. */
const themeTagArb = textArb.chain((text) => {
  const tag = normalizeThemeTag(text);
  return tag.ok ? fc.constant(tag.theme) : fc.constant('tag');
});
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

function responseArb(person: Person, wave: string, instrument: Instrument): fc.Arbitrary<BundleResponse> {
  const { min, max } = instrument.scale;
  const answer = fc.option(fc.integer({ min, max }), { nil: undefined });
  // An open answer, with the theme tags (none or some, distinct regardless of case) put on it.
  // …and, sometimes, the facilitator's redaction or hiding of it.
  const moderationArb = fc.option(
    fc.oneof(
      fc.record({ redactedText: nonBlankArb.map((s) => s.trim()), hidden: fc.boolean() }),
      fc.constant({ redactedText: null, hidden: true }),
    ),
    { nil: undefined },
  );
  const openAnswer = fc.option(
    fc.tuple(nonBlankArb, fc.uniqueArray(themeTagArb, { maxLength: 3, selector: themeKey }), moderationArb),
    { nil: undefined },
  );
  return fc
    .record({
      answers: fc.tuple(...instrument.items.map(() => answer)),
      open: fc.tuple(...instrument.open.map(() => openAnswer)),
    })
    .map(({ answers, open }) => {
      const record: BundleResponse = {
        ...person,
        wave,
        answers: {},
        open: {},
        openThemes: {},
        openModeration: {},
      };
      instrument.items.forEach((item, i) => {
        const value = answers[i];
        if (value !== undefined) record.answers[item.code] = value;
      });
      instrument.open.forEach((question, i) => {
        const value = open[i];
        if (value === undefined) return;
        record.open[question.code] = value[0];
        if (value[1].length > 0) record.openThemes[question.code] = value[1];
        if (value[2] !== undefined) record.openModeration[question.code] = value[2];
      });
      return record;
    });
}

const extraCodingArb: fc.Arbitrary<IncidentExtraCoding> = fc.record({
  trigger: fc.constantFrom('' as const, ...INCIDENT_TRIGGERS),
  smallBigThing: fc.boolean(),
  contractScope: fc.constantFrom(null, ...CONTRACT_SCOPES),
});

const bundleArb: fc.Arbitrary<FullBundle> = fc
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
    const secondCodingArb: fc.Arbitrary<SecondCodingRecord> = fc
      .record({
        codedBy: nonBlankArb,
        direction: fc.constantFrom(...DIRECTIONS),
        strength: fc.constantFrom(1 as const, 2 as const, 3 as const),
        dimensions: fc.shuffledSubarray(dimensionKeys),
        themes: fc.uniqueArray(themeArb, { maxLength: 3 }),
        extra: extraCodingArb,
      })
      .map(({ extra, ...coding }) => ({ ...coding, ...extra }));
    // `link` picks one of the bundle's interviews (if it has any) once they are drawn.
    const incidentArb: fc.Arbitrary<BundleIncident & { link: number | null }> = fc
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
        extra: extraCodingArb,
        link: fc.option(fc.nat()),
        sourcePassage: textArb,
        secondCoding: fc.option(secondCodingArb),
      })
      .map(({ dates, isResolved, extra, ...rest }) => ({
        ...rest,
        ...extra,
        interviewRef: '',
        occurredOn: dates[0],
        resolvedOn: isResolved || rest.status === 'resolved' ? dates[1] : null,
      }));
    const interviewArb: fc.Arbitrary<BundleInterview> = fc
      .record({
        ref: keyArb,
        who: fc.option(fc.constantFrom(...(people.length > 0 ? people : [undefined])), { nil: undefined }),
        side: sideArb,
        level: levelArb,
        heldOn: dateArb,
        interviewer: textArb,
        notes: textArb,
        transcript: textArb,
        status: fc.constantFrom(...INTERVIEW_STATUSES),
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
        quotes: fc.array(
          fc.record({ link: fc.option(fc.nat()), side: sideArb, level: levelArb, text: nonBlankArb }),
          { maxLength: 3 },
        ),
      })
      .map(({ incidents, quotes, ...bundle }) => {
        // An interviewee must be known from responses.csv or participants.csv.
        const known = new Set([...bundle.responses, ...bundle.participants].map((p) => p.respondent));
        const interviews = bundle.interviews.map((i) =>
          known.has(i.respondent) ? i : { ...i, respondent: '' },
        );
        const interviewOf = (link: number | null) =>
          link === null || interviews.length === 0 ? undefined : interviews[link % interviews.length];
        return {
          ...bundle,
          interviews,
          incidents: incidents.map(({ link, ...incident }) => ({
            ...incident,
            interviewRef: interviewOf(link)?.ref ?? '',
          })),
          // A quote keeps its interviewee's side and level; one without an interview keeps its own.
          quotes: quotes.map(({ link, ...quote }): QuoteRecord => {
            const interview = interviewOf(link);
            return interview
              ? { ...quote, interviewRef: interview.ref, side: interview.side, level: interview.level }
              : { ...quote, interviewRef: '' };
          }),
          shareAndAct: EMPTY_SHARE_AND_ACT,
        };
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
