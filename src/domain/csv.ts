// RFC 4180 CSV, with positions. Written here rather than taken from a library because the bundle
// importer must say *where* a problem is (line and column of every field) and must keep going
// after malformed input instead of throwing.

/** One field of a CSV file; `line` and `column` (1-based) are where the field starts. */
export type CsvField = {
  value: string;
  line: number;
  /** Character position in the line (UTF-16 code units), 1-based. */
  column: number;
  /** Position of the field in its row, 1-based. */
  index: number;
};

/**
 * One record. Kept as parallel arrays rather than one object per field: a 10 MB file has millions
 * of fields, and the allocations dominated the parse time. `fieldAt` gives the object view.
 */
export type CsvRow = {
  /** Line the record starts on. */
  line: number;
  values: string[];
  /**
   * Line each field starts on; absent when every field starts on `line` (the common case: only a
   * quoted field with a line break moves the next fields to a later line).
   */
  lines?: number[];
  /** Character position in its line where each field starts, 1-based. */
  columns: number[];
};

/** The field at 0-based position `i` of a row, or undefined past the end. */
export function fieldAt(row: CsvRow, i: number): CsvField | undefined {
  const value = row.values[i];
  if (value === undefined) return undefined;
  return { value, line: row.lines?.[i] ?? row.line, column: row.columns[i]!, index: i + 1 };
}

export type CsvProblem = { line: number; column: number; message: string };

export type CsvParseResult = { rows: CsvRow[]; problems: CsvProblem[] };

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/**
 * The separator of a spreadsheet's CSV export: `;` where the header line (outside quotes) holds
 * more semicolons than commas — what spreadsheets write in locales whose decimal mark is a comma —
 * else `,`.
 */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Parses CSV text into rows of positioned fields (`separator`: `,` unless told). Quoted fields may hold `""`, commas, CR and LF;
 * rows end in CRLF, LF or a lone CR; a leading UTF-8 BOM and a final line end are ignored, and so
 * are empty lines. A quote inside an unquoted field is kept as a character (as spreadsheets do).
 * Malformed input (an unterminated quote, characters after a closing quote, a row whose number of
 * fields differs from the first row's) is reported in `problems`; the rows are still returned.
 * Fields come back through restoreFormulaText: what Trustloop wrote with its formula guard reads
 * back as the text it was.
 */
export function parseCsv(text: string, options: { separator?: ',' | ';' } = {}): CsvParseResult {
  const COMMA = (options.separator ?? ',').charCodeAt(0);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const length = text.length;
  let pos = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  let lineStart = pos; // offset of the first character of the current line
  let values: string[] = [];
  let lines: number[] | undefined;
  let columns: number[] = [];
  let rowLine = 1;

  const endRow = () => {
    rows.push(lines ? { line: rowLine, values, lines, columns } : { line: rowLine, values, columns });
    values = [];
    lines = undefined;
    columns = [];
  };
  const pushField = (value: string, fieldLine: number, fieldColumn: number) => {
    if (fieldLine !== rowLine && !lines) lines = values.map(() => rowLine);
    values.push(restoreFormulaText(value));
    lines?.push(fieldLine);
    columns.push(fieldColumn);
  };

  while (pos < length) {
    // At the start of a field.
    const fieldLine = line;
    const fieldColumn = pos - lineStart + 1;
    if (values.length === 0) {
      rowLine = line;
      const c = text.charCodeAt(pos);
      if (c === LF || c === CR) {
        // An empty line: no record.
        pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
        lineStart = pos;
        continue;
      }
    }
    let value: string;
    if (text.charCodeAt(pos) === QUOTE) {
      // Quoted field: jump from quote to quote, collecting slices between doubled quotes.
      let start = pos + 1;
      let parts: string[] | undefined;
      let closed = false;
      let scan = start;
      for (;;) {
        const q = text.indexOf('"', scan);
        const end = q === -1 ? length : q;
        // Count line ends inside the slice to keep positions right.
        for (let i = scan; i < end; i++) {
          const c = text.charCodeAt(i);
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
            line++;
            lineStart = i + 1;
          }
        }
        if (q === -1) {
          problems.push({
            line: fieldLine,
            column: fieldColumn,
            message: 'this quoted field is never closed: a closing quote (") is missing',
          });
          value = parts ? parts.join('') + text.slice(start) : text.slice(start);
          pos = length;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts ??= [];
          parts.push(text.slice(start, q + 1));
          start = q + 2;
          scan = start;
          continue;
        }
        value = parts ? parts.join('') + text.slice(start, q) : text.slice(start, q);
        pos = q + 1;
        closed = true;
        break;
      }
      if (closed && pos < length) {
        const c = text.charCodeAt(pos);
        if (c !== COMMA && c !== LF && c !== CR) {
          const strayStart = pos;
          while (pos < length) {
            const d = text.charCodeAt(pos);
            if (d === COMMA || d === LF || d === CR) break;
            pos++;
          }
          problems.push({
            line,
            column: strayStart - lineStart + 1,
            message: `unexpected characters ${JSON.stringify(text.slice(strayStart, pos))} after the closing quote of a field; put the whole field in quotes and double any quote inside it`,
          });
          value += text.slice(strayStart, pos);
        }
      }
    } else {
      const start = pos;
      while (pos < length) {
        const c = text.charCodeAt(pos);
        if (c === COMMA || c === LF || c === CR) break;
        pos++;
      }
      value = text.slice(start, pos);
    }
    pushField(value, fieldLine, fieldColumn);
    // After a field: a comma, a line end, or the end of the text.
    if (pos >= length) break;
    const c = text.charCodeAt(pos);
    if (c === COMMA) {
      pos++;
      if (pos >= length) {
        // A trailing comma at the very end: one more, empty field.
        pushField('', line, pos - lineStart + 1);
      }
      continue;
    }
    // c is CR or LF
    pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
    line++;
    lineStart = pos;
    endRow();
  }
  if (values.length > 0) endRow();

  const first = rows[0];
  if (first) {
    const expected = first.values.length;
    for (const row of rows) {
      const count = row.values.length;
      if (count !== expected) {
        // Point at the first extra field, or at the last field of a short row.
        const at = count > expected ? expected : count - 1;
        problems.push({
          line: row.lines?.[at] ?? row.line,
          column: row.columns[at]!,
          message: `this row has ${count} ${count === 1 ? 'field' : 'fields'} but the header has ${expected}`,
        });
      }
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { rows, problems };
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Formats rows as CSV: every field through the formula guard (neutraliseFormula: every CSV
 * Trustloop writes may be opened in a spreadsheet, and parseCsv takes the guard off again), fields
 * quoted only when they must be (a comma, quote, CR or LF; a lone empty field, which would
 * otherwise read as an empty line; a leading BOM), LF line ends, and a final line end.
 */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  const out: string[] = [];
  for (const row of rows) {
    const cells = row
      .map(neutraliseFormula)
      .map((value) =>
        NEEDS_QUOTES.test(value) || value.charCodeAt(0) === BOM || (row.length === 1 && value === '')
          ? `"${value.replaceAll('"', '""')}"`
          : value,
      );
    out.push(cells.join(','), '\n');
  }
  return out.join('');
}

/** A formula start, after any apostrophes a guard (or the text itself) put in front. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED_FORMULA = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?%?$/;

/**
 * Text a spreadsheet would run as a formula (a leading =, +, -, @, tab or CR) gets a leading
 * apostrophe (OWASP, "CSV injection"); plain numbers such as "-3.5" stay numbers. A text that
 * already starts with apostrophes before such a character gets one more, so that
 * restoreFormulaText gives every text back exactly.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula: parseCsv reads every field through it. */
export function restoreFormulaText(field: string): string {
  return GUARDED_FORMULA.test(field) ? field.slice(1) : field;
}
