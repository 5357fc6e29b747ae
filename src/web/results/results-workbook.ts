import ExcelJS from 'exceljs';
import type { ResultsTableView } from '../components/results-table.tsx';
import { toResultsCsvRows } from './results-csv.ts';

// The results workbook (issue 11, item 3): every results table of a relationship in one .xlsx —
// each closed wave's tables and the trend tables — one sheet per table, with exactly the rows of
// the CSV downloads (the same builder: a suppressed cell says why in words, never a number the
// page hides). A figure shown as a number is a number in the sheet, with the decimals the page
// shows as its format; header rows are frozen and filterable; the first sheet explains each sheet
// and its columns.

export type WorkbookInput = {
  relationship: string;
  generatedOn: string;
  waves: { label: string; tables: Record<string, ResultsTableView> }[];
  trend: Record<string, ResultsTableView> | null;
};

/** What each table's sheet holds, in the words of the About sheet. */
const TABLE_WORDS: Record<string, string> = {
  indices: 'The Trust Index per side with its 95% interval and how many answered.',
  stages: 'The stage of the relationship per side, and the reason for it.',
  heatmap: 'Side × level × dimension: the mean, how many answered and their agreement (rwg(j)).',
  dimensions: 'Each dimension per side: mean, Trust Index and interval.',
  reliability: "Each dimension's internal consistency (Cronbach's α, ω) per side.",
  gaps: 'Perception gaps: how each side thinks the other sees it, against how it is seen.',
  levels: 'Level alignment: how far the levels of one side are apart.',
  responses: 'Who was invited and who answered, per side and level.',
  'trend-index': 'The Trust Index per side, wave by wave.',
  'trend-dimensions': 'Each dimension per side, wave by wave.',
  'stage-history': 'The stage per side, wave by wave.',
  changes: 'What changed between waves, with its interval and whether it is beyond chance.',
  'incident-periods': 'Incidents per period: how many built and how many diluted trust.',
};

/** "4.12" → 4.12 with format 0.00; "52%" → 0.52 with 0%; "1,204" → 1204; anything else stays text. */
export function numberOf(text: string): { value: number; format: string } | null {
  const match = /^([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?%)?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, decimals = '', percent] = match;
  const value = Number(`${sign ? '-' : ''}${whole!.replaceAll(',', '')}.${decimals || '0'}`);
  const digits = decimals.length > 0 ? `.${'0'.repeat(decimals.length)}` : '';
  const grouped = whole!.includes(',') ? '#,##0' : '0';
  return percent ? { value: value / 100, format: `0${digits}%` } : { value, format: `${grouped}${digits}` };
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: ResultsTableView): void {
  const rows = toResultsCsvRows(table);
  const header = rows[0]!;
  const frozenColumns = table.rowHeaders.length;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }],
  });
  sheet.addRow(header).font = { bold: true };
  for (const texts of rows.slice(1)) {
    const row = sheet.addRow(texts);
    texts.forEach((text, column) => {
      // Row headers and the warnings column stay words.
      if (column < frozenColumns || column === texts.length - 1) return;
      const number = numberOf(text);
      if (!number) return;
      const cell = row.getCell(column + 1);
      cell.value = number.value;
      cell.numFmt = number.format;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(...rows.map((row) => (row[index] ?? '').length));
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
}

export async function buildResultsWorkbook(input: WorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Trustloop';
  workbook.title = `${input.relationship}: results`;
  const taken = new Set<string>(['about']);
  const about = workbook.addWorksheet('About', { views: [{ state: 'frozen', ySplit: 4 }] });
  about.addRow([`${input.relationship}: results`]).font = { bold: true, size: 14 };
  about.addRow([
    `Made by Trustloop on ${input.generatedOn}. Each sheet is one table of the results pages, with the rows of its CSV download. A group smaller than the anonymity threshold says so in words instead of a number, as on the page. Numbers have the decimals the page shows.`,
  ]);
  about.addRow([]);
  about.addRow(['Sheet', 'Table', 'What it holds', 'Columns']).font = { bold: true };
  const tables: { sheet: string; table: ResultsTableView }[] = [];
  for (const wave of input.waves) {
    for (const [key, table] of Object.entries(wave.tables)) {
      tables.push({ sheet: sheetName(`${wave.label} ${key}`, taken), table });
    }
  }
  for (const [key, table] of Object.entries(input.trend ?? {})) {
    tables.push({ sheet: sheetName(`Trend ${key}`, taken), table });
  }
  for (const { sheet, table } of tables) {
    const columns = table.columns
      .map((column) =>
        column.parts.length === 1 ? column.label : `${column.label} (${column.parts.join(', ')})`,
      )
      .join('; ');
    about.addRow([sheet, table.caption, TABLE_WORDS[table.key] ?? '', columns]);
    addTableSheet(workbook, sheet, table);
  }
  about.getColumn(1).width = 32;
  about.getColumn(2).width = 50;
  about.getColumn(3).width = 60;
  about.getColumn(4).width = 80;
  about.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  about.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
