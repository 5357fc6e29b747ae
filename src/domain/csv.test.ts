import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fieldAt, formatCsv, parseCsv } from './csv.ts';

function values(text: string): string[][] {
  return parseCsv(text).rows.map((row) => row.values);
}

function positions(text: string): string[][] {
  return parseCsv(text).rows.map((row) =>
    row.values.map((_, i) => {
      const f = fieldAt(row, i)!;
      return `${f.line}:${f.column}#${f.index}`;
    }),
  );
}

test.each([
  [
    'plain LF',
    'a,b\n1,2\n',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
  [
    'CRLF',
    'a,b\r\n1,2\r\n',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
  [
    'no trailing newline',
    'a,b\n1,2',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
  [
    'BOM',
    '\uFEFFa,b\n1,2\n',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
  [
    'empty fields',
    'a,b,c\n,,\n',
    [
      ['a', 'b', 'c'],
      ['', '', ''],
    ],
  ],
  [
    'trailing comma at the end of the text',
    'a,b\n1,',
    [
      ['a', 'b'],
      ['1', ''],
    ],
  ],
  [
    'quoted comma',
    'a,b\n"x, y",2\n',
    [
      ['a', 'b'],
      ['x, y', '2'],
    ],
  ],
  ['doubled quotes', 'a\n"say ""hi"""\n', [['a'], ['say "hi"']]],
  [
    'embedded LF and CRLF',
    'a,b\n"1\n2","3\r\n4"\n',
    [
      ['a', 'b'],
      ['1\n2', '3\r\n4'],
    ],
  ],
  [
    'empty quoted field',
    'a,b\n"",x\n',
    [
      ['a', 'b'],
      ['', 'x'],
    ],
  ],
  [
    'empty lines are skipped',
    'a,b\n\n1,2\n\r\n',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
  ['a quote inside an unquoted field is kept', 'a\n5"\n', [['a'], ['5"']]],
  ['non-ASCII', 'naïve,日本\n', [['naïve', '日本']]],
  ['empty text', '', []],
])('parses %s', (_name, text, expected) => {
  expect(parseCsv(text).problems).toEqual([]);
  expect(values(text)).toEqual(expected);
});

test('tracks the line and column of every field, across embedded newlines and a BOM', () => {
  const text = '\uFEFFid,note,n\r\n1,"two\nlines",3\n22,,"x"\n';
  expect(positions(text)).toEqual([
    ['1:1#1', '1:4#2', '1:9#3'],
    ['2:1#1', '2:3#2', '3:8#3'],
    ['4:1#1', '4:4#2', '4:5#3'],
  ]);
  expect(parseCsv(text).rows.map((r) => r.line)).toEqual([1, 2, 4]);
});

test('reports an unterminated quote at the opening quote and keeps the rest as the value', () => {
  const result = parseCsv('a,b\n1,"never\nclosed\n');
  expect(result.problems).toEqual([
    { line: 2, column: 3, message: 'this quoted field is never closed: a closing quote (") is missing' },
  ]);
  expect(result.rows[1]?.values[1]).toBe('never\nclosed\n');
});

test('reports characters after a closing quote', () => {
  const result = parseCsv('a,b\n"x"y,2\n');
  expect(result.problems).toEqual([
    {
      line: 2,
      column: 4,
      message:
        'unexpected characters "y" after the closing quote of a field; put the whole field in quotes and double any quote inside it',
    },
  ]);
  expect(values('a,b\n"x"y,2\n')[1]).toEqual(['xy', '2']);
});

test.each([
  ['too many', 'a,b\n1,2,3\n', { line: 2, column: 5, message: 'this row has 3 fields but the header has 2' }],
  ['too few', 'a,b,c\n1,2\n', { line: 2, column: 3, message: 'this row has 2 fields but the header has 3' }],
  ['one', 'a,b\n1\n', { line: 2, column: 1, message: 'this row has 1 field but the header has 2' }],
])('reports a row with %s fields', (_name, text, problem) => {
  expect(parseCsv(text).problems).toEqual([problem]);
});

test('formats with quotes only where needed, LF line ends and a final newline', () => {
  expect(formatCsv([['a', 'b,c', 'say "hi"', 'x\ny', 'ok'], ['', 'é', '\r', ' padded '], ['']])).toBe(
    'a,"b,c","say ""hi""","x\ny",ok\n,é,"\'\r", padded \n""\n',
  );
  expect(formatCsv([])).toBe('');
});

const cellArbitrary = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      'Z',
      '1',
      ',',
      '"',
      '\n',
      '\r',
      ' ',
      ';',
      'é',
      '日',
      '\uFEFF',
      '=',
      '+',
      '-',
      '@',
      "'",
      '\t',
    ),
  }),
  fc.string({ unit: 'grapheme' }),
);

test('a text a spreadsheet would run is guarded in the file and read back as it was', () => {
  const texts = [
    '=1+1',
    '+cmd',
    '-x',
    '@SUM(A1)',
    '\tTab',
    "'=already guarded",
    "''=two",
    "'plain",
    '-3.5',
    '+7',
  ];
  const csv = formatCsv([texts]);
  expect(csv).toBe(`'=1+1,'+cmd,'-x,'@SUM(A1),'\tTab,''=already guarded,'''=two,'plain,-3.5,+7\n`);
  expect(parseCsv(csv).rows[0]?.values).toEqual(texts);
});

test('parseCsv(formatCsv(rows)) gives back the rows', () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 5 })
        .chain((width) =>
          fc.array(fc.array(cellArbitrary, { minLength: width, maxLength: width }), { maxLength: 6 }),
        ),
      (rows) => {
        const text = formatCsv(rows);
        const result = parseCsv(text);
        expect(result.problems).toEqual([]);
        expect(result.rows.map((r) => r.values)).toEqual(rows);
      },
    ),
    { numRuns: 500 },
  );
});

test('a large file parses whole, with quoted fields intact (speed: bench/csv-parse.ts)', () => {
  const line = 'r12345,A,operational,Baseline,1,2,3,4,5,6,7,"a, ""quoted"" note"\n';
  const result = parseCsv(line.repeat(20_000));
  expect(result.problems).toEqual([]);
  expect(result.rows).toHaveLength(20_000);
  expect(result.rows.at(-1)?.values[11]).toBe('a, "quoted" note');
  expect(result.rows.at(-1)?.line).toBe(20_000);
});
