import { expect, test } from 'vitest';
import { BUILT_IN_INSTRUMENT } from '../built-in-instrument.ts';
import { isIsoDate } from '../iso-date.ts';
import { createBundle } from './bundle-factory.ts';
import { formatBundleProblem } from './bundle-problem.ts';
import { parseBundle } from './parse-bundle.ts';
import { serializeBundle } from './serialize-bundle.ts';
import { EMPTY_SHARE_AND_ACT } from './share-and-act-file.ts';

const RELATIONSHIP = `{
  "name": "Northwind ⇄ Contoso",
  "sides": {
    "A": { "name": "Northwind", "role": "customer" },
    "B": { "name": "Contoso", "role": "supplier" }
  },
  "waves": [
    { "label": "Baseline", "opens": "2024-03-01", "closes": "2024-03-21" },
    { "label": "Pulse 1", "opens": "2024-09-02", "closes": "2024-09-20" }
  ]
}
`;

const RESPONSES = `respondent,side,level,wave,REL1,REL2,WORKING
r1,A,leadership,Baseline,5,6,good
r2,B,staff,Baseline,,7,
r1,A,leadership,Pulse 1,6,,
`;

const INSTRUMENT = {
  name: 'Mini',
  version: '2',
  scale: { min: 1, max: 5 },
  dimensions: [
    { key: 'competence', label: 'Competence' },
    { key: 'openness', label: 'Openness' },
  ],
  items: [
    { code: 'C1', dimension: 'competence', kind: 'trust', text: 'Skilled.', reverse: false },
    { code: 'O1', dimension: 'openness', kind: 'trust', text: 'Open.', reverse: true },
    { code: 'O_M', dimension: 'openness', kind: 'meta', text: 'How open are we?', reverse: false },
  ],
  open: [{ code: 'FIX', text: 'One thing to fix?' }],
};

const INCIDENT_HEADER =
  'ref,occurred_on,title,narrative,reporter_side,reporter_level,sides_involved,levels_involved,direction,strength,dimensions,themes,source,coded_by,status,resolved_on';
const INCIDENT_ROW =
  'I-1,2024-02-12,Outage,Told late,A,operational,A;B,operational,dilutes,3,openness;integrity,comms,interview,jf,coded,';

const WORKBENCH_INCIDENT_HEADER = `${INCIDENT_HEADER},trigger,small_big_thing,contract_scope,interview,source_passage`;
const INTERVIEWS =
  'ref,respondent,side,level,held_on,interviewer,notes,status,transcript\n' +
  'V1,r1,A,leadership,2024-02-20,JF,Notes.,held,"Q: And then?\nA: They told us late."\n' +
  'V2,,B,staff,2024-10-01,JF,,scheduled,\n';
const SECOND_CODING_HEADER =
  'incident,coded_by,direction,strength,dimensions,themes,trigger,small_big_thing,contract_scope';

type Files = Record<string, string | undefined>;

function parse(overrides: Files): ReturnType<typeof parseBundle> {
  return parseBundle({ 'relationship.json': RELATIONSHIP, 'responses.csv': RESPONSES, ...overrides });
}

function problemsOf(overrides: Files): string[] {
  const result = parse(overrides);
  if (result.ok) throw new Error('expected the bundle to be rejected');
  return result.problems.map(formatBundleProblem);
}

function withRelationship(change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(RELATIONSHIP) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json, null, 2);
}

function withInstrument(change: (json: typeof INSTRUMENT) => void): string {
  const json = structuredClone(INSTRUMENT);
  change(json);
  return JSON.stringify(json, null, 2);
}

test('reads a minimal bundle: defaults, built-in instrument, answered items only, rows in order', () => {
  const result = parse({});
  expect(result).toEqual({
    ok: true,
    bundle: {
      relationship: {
        name: 'Northwind ⇄ Contoso',
        anonymityThreshold: 3,
        sides: { A: { name: 'Northwind', role: 'customer' }, B: { name: 'Contoso', role: 'supplier' } },
        waves: [
          { label: 'Baseline', opens: '2024-03-01', closes: '2024-03-21' },
          { label: 'Pulse 1', opens: '2024-09-02', closes: '2024-09-20' },
        ],
      },
      instrument: BUILT_IN_INSTRUMENT,
      hasCustomInstrument: false,
      responses: [
        {
          respondent: 'r1',
          side: 'A',
          level: 'leadership',
          wave: 'Baseline',
          answers: { REL1: 5, REL2: 6 },
          open: { WORKING: 'good' },
          openThemes: {},
          openModeration: {},
        },
        {
          respondent: 'r2',
          side: 'B',
          level: 'staff',
          wave: 'Baseline',
          answers: { REL2: 7 },
          open: {},
          openThemes: {},
          openModeration: {},
        },
        {
          respondent: 'r1',
          side: 'A',
          level: 'leadership',
          wave: 'Pulse 1',
          answers: { REL1: 6 },
          open: {},
          openThemes: {},
          openModeration: {},
        },
      ],
      participants: [],
      incidents: [],
      interviews: [],
      quotes: [],
      shareAndAct: EMPTY_SHARE_AND_ACT,
    },
  });
});

test('accepts a BOM, CRLF, spaces around header names and key cells, and quoted free text', () => {
  const result = parse({
    'relationship.json': `\uFEFF${RELATIONSHIP}`,
    'responses.csv':
      '\uFEFFrespondent, side ,level,wave,REL1,WORKING\r\n r1 , A ,staff, Baseline , 4 ,"a, ""b""\r\nc"\r\n',
  });
  if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
  expect(result.bundle.responses).toEqual([
    {
      respondent: 'r1',
      side: 'A',
      level: 'staff',
      wave: 'Baseline',
      answers: { REL1: 4 },
      open: { WORKING: 'a, "b"\r\nc' },
      openThemes: {},
      openModeration: {},
    },
  ]);
});

test('reads a custom instrument and marks it as custom', () => {
  const result = parse({
    'instrument.json': JSON.stringify(INSTRUMENT),
    'responses.csv': 'respondent,side,level,wave,O_M,FIX,C1\nr1,B,operational,Baseline,5,  ,1\n',
  });
  if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
  expect(result.bundle.hasCustomInstrument).toBe(true);
  expect(result.bundle.instrument).toEqual(INSTRUMENT);
  expect(result.bundle.responses[0]?.answers).toEqual({ O_M: 5, C1: 1 });
  expect(result.bundle.responses[0]?.open).toEqual({});
});

test('serializes the factory bundle to files it reads back', () => {
  expect(parseBundle(serializeBundle(createBundle()))).toEqual({ ok: true, bundle: createBundle() });
});

test('reads the workbench: coding, interview links, second codings, transcripts, quotes, theme tags', () => {
  const result = parse({
    'incidents.csv': `${WORKBENCH_INCIDENT_HEADER}\n${INCIDENT_ROW},communication, yes ,breach, V1 ,They told us late.\n`,
    'interviews.csv': INTERVIEWS,
    'second-codings.csv': `${SECOND_CODING_HEADER}\nI-1,Second coder,dilutes,2,openness,comms;late,,no,\n`,
    'quotes.csv':
      'interview,side,level,quote\nV1,A,leadership,"They told us late."\n,B,staff,Kept after its interview went.\n',
    'open-answer-themes.csv':
      'wave,respondent,question,theme\nBaseline,r1,WORKING,  Stand-ups   work \nBaseline , r1 ,WORKING,Mail; calls\n',
  });
  if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
  const { incidents, interviews, quotes, responses } = result.bundle;
  expect(incidents[0]).toMatchObject({
    ref: 'I-1',
    trigger: 'communication',
    smallBigThing: true,
    contractScope: 'breach',
    interviewRef: 'V1',
    sourcePassage: 'They told us late.',
    secondCoding: {
      codedBy: 'Second coder',
      direction: 'dilutes',
      strength: 2,
      dimensions: ['openness'],
      themes: ['comms', 'late'],
      trigger: '',
      smallBigThing: false,
      contractScope: null,
    },
  });
  expect(interviews.map((i) => [i.ref, i.status, i.transcript])).toEqual([
    ['V1', 'held', 'Q: And then?\nA: They told us late.'],
    ['V2', 'scheduled', ''],
  ]);
  expect(quotes).toEqual([
    { interviewRef: 'V1', side: 'A', level: 'leadership', text: 'They told us late.' },
    { interviewRef: '', side: 'B', level: 'staff', text: 'Kept after its interview went.' },
  ]);
  // A tag's spaces are trimmed and collapsed, as when the facilitator types it; a ; is just a character.
  expect(responses.map((r) => r.openThemes)).toEqual([
    { WORKING: ['Stand-ups work', 'Mail; calls'] },
    {},
    {},
  ]);
});

test('a bundle written before the workbench reads with the defaults: not coded, unlinked, held', () => {
  const result = parse({
    'incidents.csv': `${INCIDENT_HEADER}\n${INCIDENT_ROW}\n`,
    'interviews.csv':
      'ref,respondent,side,level,held_on,interviewer,notes\nV1,r1,A,leadership,2024-02-20,JF,ok\n',
  });
  if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
  expect(result.bundle.incidents[0]).toMatchObject({
    trigger: '',
    smallBigThing: false,
    contractScope: null,
    interviewRef: '',
    sourcePassage: '',
    secondCoding: null,
  });
  expect(result.bundle.interviews[0]).toMatchObject({ status: 'held', transcript: '' });
  expect(result.bundle.quotes).toEqual([]);
});

test('a quote need not stand in its interview’s texts any more: it keeps its own copy (decision 018)', () => {
  const result = parse({
    'interviews.csv': INTERVIEWS,
    'quotes.csv': 'interview,side,level,quote\nV1,A,leadership,Words the notes no longer hold.\n',
  });
  if (!result.ok) throw new Error(result.problems.map(formatBundleProblem).join('\n'));
  expect(result.bundle.quotes[0]?.text).toBe('Words the notes no longer hold.');
});

test.each([
  // Missing files
  [
    'no relationship.json',
    { 'relationship.json': undefined },
    ['relationship.json: the file is missing; every bundle needs one'],
  ],
  [
    'no responses.csv',
    { 'responses.csv': undefined },
    ['responses.csv: the file is missing; every bundle needs one'],
  ],
  // Malformed JSON
  [
    'a trailing comma in JSON',
    { 'relationship.json': '{\n  "name": "X",\n}\n' },
    ['relationship.json:3:1: remove the comma before }: JSON does not allow a trailing comma'],
  ],
  [
    'a missing comma in JSON',
    { 'relationship.json': '{\n  "name": "X"\n  "sides": {}\n}' },
    [
      'relationship.json:3:3: expected , or } after a field\'s value (is a comma missing?), found a double quote (")',
    ],
  ],
  [
    'an unquoted field name',
    { 'instrument.json': '{ name: "x" }' },
    ['instrument.json:1:3: expected a field name in double quotes, found "n"'],
  ],
  [
    'an unclosed text',
    { 'relationship.json': '{\n  "name": "X\n' },
    ['relationship.json:2:13: a line break or tab inside text must be written as \\n or \\t'],
  ],
  [
    'a truncated JSON file',
    { 'relationship.json': '{ "name": "X", "waves": [' },
    [
      'relationship.json:1:26: expected a value (text in double quotes, a number, true, false, null, an object or a list), found the end of the file',
    ],
  ],
  [
    'an empty JSON file',
    { 'relationship.json': '' },
    [
      'relationship.json:1:1: expected a value (text in double quotes, a number, true, false, null, an object or a list), found the end of the file',
    ],
  ],
  // relationship.json shape and rules
  [
    'a date that does not exist',
    {
      'relationship.json': withRelationship((r) => {
        (r.waves as { opens: string }[])[1]!.opens = '2024-02-30';
      }),
    },
    ['relationship.json $.waves[1].opens: "2024-02-30" is not a real date written YYYY-MM-DD'],
  ],
  [
    'a missing field',
    {
      'relationship.json': withRelationship((r) => {
        delete (r.sides as { B: { role?: string } }).B.role;
      }),
    },
    ['relationship.json $.sides.B.role: required field "role" is missing (expected text)'],
  ],
  [
    'a field of the wrong type',
    {
      'relationship.json': withRelationship((r) => {
        r.name = 42;
      }),
    },
    ['relationship.json $.name: expected text, found the number 42'],
  ],
  [
    'an empty name',
    {
      'relationship.json': withRelationship((r) => {
        r.name = '  ';
      }),
    },
    ['relationship.json $.name: must not be empty'],
  ],
  [
    'an anonymity threshold below 3',
    {
      'relationship.json': withRelationship((r) => {
        r.anonymityThreshold = 2;
      }),
    },
    ['relationship.json $.anonymityThreshold: must be at least 3, found the number 2'],
  ],
  [
    'an anonymity threshold above 10',
    {
      'relationship.json': withRelationship((r) => {
        r.anonymityThreshold = 11;
      }),
    },
    ['relationship.json $.anonymityThreshold: must be at most 10, found the number 11'],
  ],
  [
    'a fractional anonymity threshold',
    {
      'relationship.json': withRelationship((r) => {
        r.anonymityThreshold = 4.5;
      }),
    },
    ['relationship.json $.anonymityThreshold: expected a whole number, found the number 4.5'],
  ],
  [
    'a misspelt field',
    {
      'relationship.json': withRelationship((r) => {
        r.anonymityTreshold = 5;
      }),
    },
    [
      'relationship.json $: unknown field "anonymityTreshold" (check its spelling; docs/formats.md lists the fields)',
    ],
  ],
  [
    'a third side',
    {
      'relationship.json': withRelationship((r) => {
        (r.sides as Record<string, unknown>).C = { name: 'C', role: '' };
      }),
    },
    ['relationship.json $.sides: unknown field "C" (check its spelling; docs/formats.md lists the fields)'],
  ],
  [
    'no waves',
    {
      'relationship.json': withRelationship((r) => {
        r.waves = [];
      }),
    },
    ['relationship.json $.waves: needs at least 1 entry'],
  ],
  [
    'a duplicate wave label',
    {
      'relationship.json': withRelationship((r) => {
        (r.waves as { label: string }[])[1]!.label = 'Baseline';
      }),
    },
    ['relationship.json $.waves[1].label: wave label "Baseline" is used twice (first at $.waves[0])'],
  ],
  [
    'a wave label with a trailing space',
    {
      'relationship.json': withRelationship((r) => {
        (r.waves as { label: string }[])[0]!.label = 'Baseline ';
      }),
    },
    ['relationship.json $.waves[0].label: "Baseline " must not start or end with a space'],
  ],
  [
    'a wave that closes before it opens',
    {
      'relationship.json': withRelationship((r) => {
        (r.waves as { closes: string }[])[0]!.closes = '2024-02-01';
      }),
    },
    ['relationship.json $.waves[0].closes: the wave closes on 2024-02-01, before it opens on 2024-03-01'],
  ],
  // instrument.json rules
  [
    'an item on an unknown dimension',
    {
      'instrument.json': withInstrument((i) => {
        i.items[0]!.dimension = 'skill';
      }),
    },
    [
      'instrument.json $.items[0].dimension: "skill" is not a dimension of this instrument: expected "competence" or "openness"',
      'instrument.json $.dimensions[0]: dimension "competence" has no trust item; it needs at least one',
    ],
  ],
  [
    'a duplicate item code',
    {
      'instrument.json': withInstrument((i) => {
        i.items[2]!.code = 'C1';
      }),
    },
    ['instrument.json $.items[2].code: item code "C1" is used twice (first at $.items[0])'],
  ],
  [
    'two meta items on one dimension',
    {
      'instrument.json': withInstrument((i) => {
        i.items.push({ code: 'O_M2', dimension: 'openness', kind: 'meta', text: 'Again?', reverse: false });
      }),
    },
    [
      'instrument.json $.items[3].kind: dimension "openness" already has a meta item (at $.items[2]); a dimension can have at most one',
    ],
  ],
  [
    'an open-question code that is also an item code',
    {
      'instrument.json': withInstrument((i) => {
        i.open[0]!.code = 'O1';
      }),
    },
    ['instrument.json $.open[0].code: code "O1" is used twice (first at $.items[1])'],
  ],
  [
    'an upside-down scale',
    {
      'instrument.json': withInstrument((i) => {
        i.scale = { min: 5, max: 5 };
      }),
    },
    ['instrument.json $.scale.max: max 5 must be greater than min 5'],
  ],
  [
    'an unknown item kind',
    {
      'instrument.json': withInstrument((i) => {
        (i.items[1] as { kind: string }).kind = 'perceived';
      }),
    },
    ['instrument.json $.items[1].kind: expected one of "trust" or "meta", found the text "perceived"'],
  ],
  [
    'a code with a space or a fixed column name',
    {
      'instrument.json': withInstrument((i) => {
        i.items[0]!.code = 'C 1';
        i.open[0]!.code = 'wave';
      }),
    },
    [
      'instrument.json $.items[0].code: "C 1" is not a valid code: use letters, digits, _ - and . only, starting with a letter or digit',
      'instrument.json $.open[0].code: "wave" cannot be a code: it is a fixed column of responses.csv',
    ],
  ],
  // responses.csv
  [
    'a value off the scale',
    { 'responses.csv': 'respondent,side,level,wave,REL1,REL2\nr1,A,staff,Baseline,5,9\n' },
    ['responses.csv:2:23: value 9 is off the scale 1–7 for item REL2'],
  ],
  [
    'a value that is not a whole number',
    {
      'responses.csv': 'respondent,side,level,wave,REL1\nr1,A,staff,Baseline,4.5\nr2,A,staff,Baseline,high\n',
    },
    [
      'responses.csv:2:21: value "4.5" for item REL1 is not a whole number',
      'responses.csv:3:21: value "high" for item REL1 is not a whole number',
    ],
  ],
  [
    'an unknown item code in the header',
    { 'responses.csv': 'respondent,side,level,wave,REL1,REL9\nr1,A,staff,Baseline,5,6\n' },
    [
      'responses.csv:1:33: unknown column "REL9": it is not a fixed column (respondent, side, level, wave) nor an item or open-question code of the instrument',
    ],
  ],
  [
    'a duplicate column',
    { 'responses.csv': 'respondent,side,level,wave,REL1,REL1\nr1,A,staff,Baseline,5,6\n' },
    ['responses.csv:1:33: column "REL1" appears twice (first as column 5)'],
  ],
  [
    'a header without a name',
    { 'responses.csv': 'respondent,side,level,wave,,REL1\nr1,A,staff,Baseline,,6\n' },
    ['responses.csv:1:28: column 5 has no name'],
  ],
  [
    'a missing fixed column',
    { 'responses.csv': 'respondent,side,wave,REL1\nr1,A,Baseline,5\n' },
    ['responses.csv:1: the header has no column "level"'],
  ],
  [
    'an empty responses.csv',
    { 'responses.csv': '' },
    [
      'responses.csv:1: the file is empty; its first line must name the columns: respondent, side, level, wave',
    ],
  ],
  [
    'an unknown side, level and wave',
    { 'responses.csv': 'respondent,side,level,wave\nr1,C,manager,Baseline 2\n' },
    [
      'responses.csv:2:4: side "C" is not a side: expected A or B',
      'responses.csv:2:6: level "manager" is not a level: expected leadership, operational or staff',
      'responses.csv:2:14: wave "Baseline 2" is not a wave of relationship.json: expected "Baseline" or "Pulse 1"',
    ],
  ],
  [
    'blank key cells',
    { 'responses.csv': 'respondent,side,level,wave\n ,,staff,\n' },
    [
      'responses.csv:2:1: respondent is blank: every row needs one',
      'responses.csv:2:3: side is blank: expected A or B',
      'responses.csv:2:10: wave is blank: every row needs the label of a wave in relationship.json',
    ],
  ],
  [
    'a respondent twice in one wave',
    {
      'responses.csv':
        'respondent,side,level,wave\nr1,A,staff,Baseline\nr2,A,staff,Baseline\nr1,A,staff,Baseline\n',
    },
    ['responses.csv:4:1: respondent "r1" appears twice in wave "Baseline" (first on line 2)'],
  ],
  [
    'a respondent who changes side and level between waves',
    { 'responses.csv': 'respondent,side,level,wave\nr1,A,staff,Baseline\nr1,B,operational,Pulse 1\n' },
    [
      'responses.csv:3:4: respondent "r1" is on side B here but on side A on line 2; a respondent keeps one side',
      'responses.csv:3:6: respondent "r1" is at level operational here but at level staff on line 2; a respondent keeps one level',
    ],
  ],
  // Malformed CSV
  [
    'an unterminated quote',
    { 'responses.csv': 'respondent,side,level,wave,WORKING\nr1,A,staff,Baseline,"never closed\n' },
    ['responses.csv:2:21: this quoted field is never closed: a closing quote (") is missing'],
  ],
  [
    'characters after a closing quote',
    { 'responses.csv': 'respondent,side,level,wave,WORKING\nr1,A,staff,Baseline,"fine" really\n' },
    [
      'responses.csv:2:27: unexpected characters " really" after the closing quote of a field; put the whole field in quotes and double any quote inside it',
    ],
  ],
  [
    'a row with too many fields',
    { 'responses.csv': 'respondent,side,level,wave,REL1\nr1,A,staff,Baseline,5,6\n' },
    ['responses.csv:2:23: this row has 6 fields but the header has 5'],
  ],
  // participants.csv
  [
    'participant problems',
    {
      'participants.csv':
        'respondent,side,level,name,email,role\nr1,B,leadership,Ann,ann@x,CIO\nr1,A,leadership,Ann,,CIO\nr9,A,boss,Bo,bo@example.com,\n',
    },
    [
      'participants.csv:2:4: side B does not match responses.csv, where respondent "r1" is on side A (line 2)',
      'participants.csv:2:21: email "ann@x" does not look like an email address (name@example.com)',
      'participants.csv:3:1: respondent "r1" is used twice (first on line 2)',
      'participants.csv:4:6: level "boss" is not a level: expected leadership, operational or staff',
    ],
  ],
  [
    'a participants.csv with a missing and an unknown column',
    { 'participants.csv': 'respondent,side,level,name,mail,role\n' },
    [
      'participants.csv:1: the header has no column "email"',
      'participants.csv:1:28: unknown column "mail": participants.csv has the columns respondent, side, level, name, email, role',
    ],
  ],
  // incidents.csv
  [
    'incident problems',
    {
      'incidents.csv': `${INCIDENT_HEADER}\n${INCIDENT_ROW}\nI-1,2024-13-01,T,N,A,staff,A;C,staff;staff,builds,4,trust,,chat,,open,2023-01-01\n`,
    },
    [
      'incidents.csv:3:1: ref "I-1" is used twice (first on line 2)',
      'incidents.csv:3:5: occurred_on "2024-13-01" is not a real date written YYYY-MM-DD',
      'incidents.csv:3:28: sides_involved lists "C", which is not a side: expected A or B',
      'incidents.csv:3:32: levels_involved lists "staff" twice',
      'incidents.csv:3:51: strength "4" is not 1, 2 or 3 (1 slight, 3 strong)',
      'incidents.csv:3:53: dimensions lists "trust", which is not a dimension of the instrument: expected competence, reliability, integrity, benevolence, openness or intent',
      'incidents.csv:3:60: source "chat" is not a source: expected survey, interview, workshop or facilitator',
      'incidents.csv:3:66: status "open" is not a status: expected reported, coded, resolved or dismissed',
    ],
  ],
  [
    'an incident resolved before it happened',
    { 'incidents.csv': `${INCIDENT_HEADER}\n${INCIDENT_ROW}2024-02-01\n` },
    ['incidents.csv:2:117: resolved_on 2024-02-01 is before occurred_on 2024-02-12'],
  ],
  [
    'an incident marked resolved without the date',
    { 'incidents.csv': `${INCIDENT_HEADER}\n${INCIDENT_ROW.replace(',coded,', ',resolved,')}\n` },
    [
      'incidents.csv:2:120: status resolved needs resolved_on, the date it was resolved: the stage of each wave depends on it',
    ],
  ],
  // interviews.csv
  [
    'an interviewee nobody knows',
    {
      'interviews.csv':
        'ref,respondent,side,level,held_on,interviewer,notes\nV1,ghost,A,staff,2024-02-20,JF,ok\n',
    },
    [
      'interviews.csv:2:4: respondent "ghost" is in neither responses.csv nor participants.csv: add them to participants.csv, or leave the cell blank',
    ],
  ],
  [
    'interview problems',
    {
      'interviews.csv':
        'ref,respondent,side,level,held_on,interviewer,notes\nV1,r2,B,leadership,2024-02-20,JF,ok\nV1,,A,staff,20/02/2024,JF,\n',
    },
    [
      'interviews.csv:2:9: level leadership does not match responses.csv, where respondent "r2" is at level staff (line 3)',
      'interviews.csv:3:1: ref "V1" is used twice (first on line 2)',
      'interviews.csv:3:13: held_on "20/02/2024" is not a real date written YYYY-MM-DD',
    ],
  ],
  // The workbench's columns and files
  [
    'workbench coding problems in incidents.csv',
    {
      'incidents.csv': `${WORKBENCH_INCIDENT_HEADER}\n${INCIDENT_ROW},weather,maybe,outside,V9,\n`,
      'interviews.csv': INTERVIEWS,
    },
    [
      'incidents.csv:2:118: trigger "weather" is not a trigger: expected delivery, commercial, communication, people, escalation, governance or external, or blank when not coded',
      'incidents.csv:2:126: small_big_thing "maybe" is not yes or no (blank means no)',
      'incidents.csv:2:132: contract_scope "outside" is not a contract scope: expected within, beyond or breach, or blank when not coded',
      'incidents.csv:2:140: interview "V9" is not the ref of an interview in interviews.csv',
    ],
  ],
  [
    'an incident linked to an interview in a bundle without interviews.csv',
    { 'incidents.csv': `${WORKBENCH_INCIDENT_HEADER}\n${INCIDENT_ROW},,,,V1,Told late\n` },
    ['incidents.csv:2:121: interview "V1" names an interview, but the bundle has no interviews.csv'],
  ],
  [
    'an interview status that is not one',
    {
      'interviews.csv':
        'ref,respondent,side,level,held_on,interviewer,notes,status\nV1,,A,staff,2024-02-20,JF,,done\n',
    },
    ['interviews.csv:2:28: status "done" is not a status: expected scheduled or held, or blank for held'],
  ],
  [
    'second-coding problems',
    {
      'incidents.csv': `${INCIDENT_HEADER}\n${INCIDENT_ROW}\n`,
      'second-codings.csv': `${SECOND_CODING_HEADER}\nI-9,B,dilutes,2,openness,,,,\nI-1, ,sideways,5,trust,,weather,,\nI-1,C,builds,1,,,,,\n`,
    },
    [
      'second-codings.csv:2:1: incident "I-9" is not the ref of an incident in incidents.csv',
      'second-codings.csv:3:5: coded_by is blank: say who coded the incident the second time',
      'second-codings.csv:3:7: direction "sideways" is not a direction: expected builds or dilutes',
      'second-codings.csv:3:16: strength "5" is not 1, 2 or 3 (1 slight, 3 strong)',
      'second-codings.csv:3:18: dimensions lists "trust", which is not a dimension of the instrument: expected competence, reliability, integrity, benevolence, openness or intent',
      'second-codings.csv:3:25: trigger "weather" is not a trigger: expected delivery, commercial, communication, people, escalation, governance or external, or blank when not coded',
      'second-codings.csv:4:1: incident "I-1" has a second coding already (line 3); an incident is coded a second time once',
    ],
  ],
  [
    'a second coding in a bundle without incidents.csv',
    { 'second-codings.csv': `${SECOND_CODING_HEADER}\nI-1,B,dilutes,2,openness,,,,\n` },
    ['second-codings.csv:2:1: incident "I-1" is coded a second time, but the bundle has no incidents.csv'],
  ],
  [
    'a second-codings.csv without a column',
    { 'second-codings.csv': 'incident,coded_by,direction,strength,dimensions,themes\n' },
    [
      'second-codings.csv:1: the header has no column "trigger"',
      'second-codings.csv:1: the header has no column "small_big_thing"',
      'second-codings.csv:1: the header has no column "contract_scope"',
    ],
  ],
  [
    'quote problems',
    {
      'interviews.csv': INTERVIEWS,
      'quotes.csv': 'interview,side,level,quote\nV9,A,staff,Hm.\nV1,B,staff,Hm.\nV2,B,staff, \n',
    },
    [
      'quotes.csv:2:1: interview "V9" is not the ref of an interview in interviews.csv',
      'quotes.csv:3:4: side B does not match interview "V1", which is on side A: a quote keeps its interviewee\'s side and level',
      'quotes.csv:3:6: level staff does not match interview "V1", which is at level leadership: a quote keeps its interviewee\'s side and level',
      'quotes.csv:4:12: quote is blank: every row holds the passage kept as a quote',
    ],
  ],
  [
    'theme-tag problems',
    {
      'open-answer-themes.csv': [
        'wave,respondent,question,theme',
        'Week 9,r1,WORKING,Stand-ups',
        'Pulse 1,r2,WORKING,Stand-ups',
        'Baseline,r1,REL1,Stand-ups',
        'Baseline,r2,WORKING,Stand-ups',
        'Baseline,r1,WORKING,',
        `Baseline,r1,WORKING,${'x'.repeat(41)}`,
        'Baseline,r1,WORKING,Stand-ups',
        'Baseline,r1,WORKING,stand-UPS',
        '',
      ].join('\n'),
    },
    [
      'open-answer-themes.csv:2:1: wave "Week 9" is not a wave of relationship.json: expected "Baseline" or "Pulse 1"',
      'open-answer-themes.csv:3:9: respondent "r2" has no response in wave "Pulse 1" in responses.csv: a theme tags an open answer there',
      'open-answer-themes.csv:4:13: question "REL1" is not an open-question code of the instrument: expected WORKING, NOT_WORKING or SMALL_BIG',
      'open-answer-themes.csv:5:13: respondent "r2" did not answer WORKING in wave "Baseline": a theme tags an open answer',
      'open-answer-themes.csv:6:21: theme is blank: every row puts one theme on one answer',
      `open-answer-themes.csv:7:21: theme "${'x'.repeat(41)}": a theme has at most 40 characters (this one has 41)`,
      'open-answer-themes.csv:9:21: theme "stand-UPS" is on this answer already (line 8); themes are matched regardless of case and spacing',
    ],
  ],
])('rejects %s', (_name, overrides, expected) => {
  expect(problemsOf(overrides)).toEqual(expected);
});

test('reports every problem in every file, in file order, not only the first', () => {
  expect(
    problemsOf({
      'relationship.json': withRelationship((r) => {
        r.anonymityThreshold = 1;
        (r.waves as { opens: string }[])[0]!.opens = '2024-3-1';
      }),
      'instrument.json': '{ "name": "x", }',
      'responses.csv': 'respondent,side,level,wave,REL1\nr1,A,staff,Baseline,8\nr1,A,staff,Baseline,\n',
      'participants.csv': 'respondent,side,level,name,email,role\nr1,A,staff,"Ann,x\n',
    }),
  ).toEqual([
    'relationship.json $.anonymityThreshold: must be at least 3, found the number 1',
    'relationship.json $.waves[0].opens: "2024-3-1" is not a real date written YYYY-MM-DD',
    'instrument.json:1:16: remove the comma before }: JSON does not allow a trailing comma',
    // With relationship.json and instrument.json invalid, waves and item codes cannot be checked,
    // but everything that does not depend on them still is.
    'responses.csv:3:1: respondent "r1" appears twice in wave "Baseline" (first on line 2)',
    'participants.csv:2:12: this quoted field is never closed: a closing quote (") is missing',
    'participants.csv:2:12: this row has 4 fields but the header has 6',
  ]);
});

test.each([
  ['2024-02-29', true],
  ['2023-02-29', false],
  ['1900-02-29', false],
  ['2000-02-29', true],
  ['2024-04-31', false],
  ['2024-00-10', false],
  ['2024-1-10', false],
  ['2024-01-10T00:00', false],
])('isIsoDate(%s) is %s', (value, expected) => {
  expect(isIsoDate(value)).toBe(expected);
});

test('the factory stays a valid bundle when its interviews are replaced: their quotes and links go', () => {
  const bundle = createBundle({ interviews: [] });
  expect(bundle.quotes.map((q) => q.interviewRef)).toEqual(['']);
  expect(bundle.incidents.map((i) => i.interviewRef)).toEqual(['', '']);
  expect(parseBundle(serializeBundle(bundle))).toEqual({ ok: true, bundle });
});

test('theme tags are not checked against the answers while responses.csv has problems of its own', () => {
  expect(
    problemsOf({
      'responses.csv': 'respondent,side,level,wave,REL1,WORKING\nr1,A,staff,Baseline,9,good\n',
      'open-answer-themes.csv': 'wave,respondent,question,theme\nBaseline,r2,WORKING,Stand-ups\n',
    }),
  ).toEqual(['responses.csv:2:21: value 9 is off the scale 1–7 for item REL1']);
});
