import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ResultsTableView } from '../web/components/results-table.tsx';
import { labelColorOn, scaleColor } from '../web/results/wave-charts.server.ts';
import {
  type ChartSpec,
  type HeatGrid,
  hiddenSentence,
  type ReportFigure,
  type WaveReport,
} from './wave-report.ts';

// The report (issue 11, item 2): the deck's content as a document a sponsor reads — a cover, a
// contents page with links, numbered pages, and each figure drawn in vectors with its table
// beside it (the rows the results page and its CSV show, suppression in words). Made by pdfkit on
// the server, no browser. DejaVu Sans (an npm dependency, not a system font) carries the arrows,
// minus signs and dashes the numbers and names use.

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
} as const;
let fonts: Record<keyof typeof FONT_FILES, Buffer> | undefined;

/** The fonts' bytes, read from disk once per process (the first report), not for every report. */
function loadFonts(): Record<keyof typeof FONT_FILES, Buffer> {
  fonts ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
    italic: readFileSync(require.resolve(FONT_FILES.italic)),
  };
  return fonts;
}

const INK = '#1b1f24';
const MUTED = '#4a5560';
const LINE = '#c9d1d9';
const WASH = '#f4f6f8';
const SECOND = '#b3541e';
const HIDDEN_FILL = '#e3e7eb';
const MARGIN = { top: 64, bottom: 64, left: 56, right: 56 };

type Doc = PDFKit.PDFDocument;
type Entry = { title: string; page: number; destination: string };

export async function buildReportPdf(report: WaveReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `${report.relationship.name} — trust report, ${report.wave.label}`,
      Author: report.workspace.name,
      Subject: 'Trust diagnostic report',
      Creator: 'Trustloop',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, bytes] of Object.entries(loadFonts())) doc.registerFont(name, bytes);

  const writer = new ReportWriter(doc, report.workspace.colour);
  cover(writer, report);
  doc.addPage(); // the contents, written once every section knows its page
  const contentsPage = doc.bufferedPageRange().count - 1;

  writer.newSection('At a glance');
  writer.bullets(
    report.isAllHidden ? [hiddenSentence(report.wave.k), ...report.headlines] : report.headlines,
  );

  writer.newSection(`Trust stage: ${report.stage.text}`);
  writer.paragraph(
    'The relationship is placed on a ladder of five stages, from 0 (distrust) through contractual, competence and goodwill to 4 (co-creation). On each dimension the relationship counts the lower of the two sides: trust is only as strong as its weaker side.',
    { colour: MUTED },
  );
  writer.bullets(report.stage.reasons);
  writer.table(
    ['Level', 'Stage'],
    report.stageByLevel.map((row) => [row.level, row.text]),
    'Stage by level',
  );

  for (const figure of report.figures) figureSection(writer, report, figure);

  writer.newSection('Findings');
  if (report.findings.length === 0) {
    writer.paragraph(
      report.released
        ? 'The joint release of this wave holds no findings.'
        : 'No findings have been released to both sides for this wave yet.',
    );
  }
  for (const finding of report.findings) {
    writer.ensure(90);
    writer.label(`${finding.kind} · ${finding.ref} · about ${finding.concerns}`);
    writer.heading(finding.title, 13);
    if (finding.body) writer.paragraph(finding.body);
    writer.bullets(finding.evidence, 9);
    writer.gap(8);
  }

  if (report.quotes.length > 0) {
    writer.newSection('In their words');
    writer.paragraph(
      'The words the released findings rest on, as they were shared: comments redacted, never with a name.',
      { colour: MUTED },
    );
    for (const quote of report.quotes) {
      writer.ensure(50);
      writer.paragraph(`“${quote.text}”`, { font: 'italic', size: 11 });
      writer.paragraph(`— ${quote.who}`, { colour: MUTED, size: 9 });
      writer.gap(4);
    }
  }

  if (report.workstreams.length > 0) {
    writer.newSection('Workstreams');
    writer.table(
      ['Workstream', 'Type', 'Status', 'Actions', 'Latest update'],
      report.workstreams.map((w) => [`${w.key} ${w.title}`, w.type, w.status, w.progress, w.latest]),
      'The joint work both sides own, as sponsors follow it',
    );
  }

  if (report.charter) {
    const { charter } = report;
    const { sides } = report.relationship;
    writer.newSection(`Charter, version ${charter.version}`);
    writer.paragraph(charter.vision, { font: 'italic', size: 12 });
    writer.paragraph(charter.signed ? 'Signed by a sponsor of each side.' : 'Not yet signed by both sides.', {
      colour: MUTED,
    });
    for (const [title, lines] of [
      ['Principles', charter.principles],
      ['Behaviours', charter.behaviours],
      [`${sides.A.name} commits to`, charter.commitments.A],
      [`${sides.B.name} commits to`, charter.commitments.B],
      ['Governance', charter.governance],
    ] as const) {
      if (lines.length === 0) continue;
      writer.heading(title, 11);
      writer.bullets([...lines], 10);
    }
  }

  writer.newSection('About these numbers');
  writer.paragraph(
    `Every number is Trustloop's analysis of the ${report.wave.label} survey, the same the results pages and \`trustloop analyze\` show. The Trust Index is the mean answer rescaled to 0–100. A group of fewer than ${report.wave.k} people is never shown, and a figure that would let someone work out such a group is hidden too. Intervals are 95% confidence intervals; a change between waves is “beyond chance” when its interval does not include zero. Agreement within a group is rwg(j); reliability is Cronbach's α.`,
  );

  contents(writer, contentsPage);
  footers(doc, report);
  doc.end();
  return done;
}

function cover(writer: ReportWriter, report: WaveReport): void {
  const { doc } = writer;
  const { sides } = report.relationship;
  doc.rect(0, 0, 18, doc.page.height).fill(writer.colour);
  doc
    .font('bold')
    .fontSize(28)
    .fillColor(INK)
    .text(report.relationship.name, MARGIN.left, 220, { width: writer.width });
  doc.moveDown(0.4);
  doc
    .font('regular')
    .fontSize(18)
    .fillColor(writer.colour)
    .text(`Trust diagnostic report · ${report.wave.label}`);
  doc.moveDown(1.2);
  doc.fontSize(11).fillColor(MUTED);
  doc.text(`${sides.A.name} and ${sides.B.name}`);
  doc.text(
    `Answered ${report.wave.opens} to ${report.wave.closes} by ${report.wave.respondents.A} people at ${sides.A.name} and ${report.wave.respondents.B} at ${sides.B.name}`,
  );
  doc.font(report.released ? 'regular' : 'bold');
  doc.text(
    report.released
      ? `Released to both sides on ${report.released.on}`
      : 'Not yet released to the sides: a draft for the facilitators',
  );
  doc.font('regular').text(`Prepared by ${report.workspace.name} on ${report.generatedOn}`);
}

function figureSection(writer: ReportWriter, report: WaveReport, figure: ReportFigure): void {
  writer.newSection(figure.title);
  writer.paragraph(figure.howToRead, { colour: MUTED, size: 9.5 });
  if (figure.grid) {
    writer.grid(figure.grid, report.wave.k);
  } else if (figure.chart) {
    writer.chart(figure.chart);
  } else {
    writer.paragraph(hiddenSentence(report.wave.k), { size: 12, colour: MUTED });
  }
  writer.bullets(figure.takeaways);
  if (figure.table) writer.resultsTable(figure.table);
}

function contents(writer: ReportWriter, page: number): void {
  const { doc } = writer;
  doc.switchToPage(page);
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  doc.font('bold').fontSize(20).fillColor(INK).text('Contents');
  doc.moveDown(0.8);
  for (const entry of writer.entries) {
    const y = doc.y;
    doc.font('regular').fontSize(11).fillColor(INK);
    doc.text(entry.title, MARGIN.left, y, {
      width: writer.width - 40,
      goTo: entry.destination,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(String(entry.page + 1), MARGIN.left, y, {
      width: writer.width,
      align: 'right',
      goTo: entry.destination,
    });
    doc
      .moveTo(MARGIN.left, doc.y + 3)
      .lineTo(MARGIN.left + writer.width, doc.y + 3)
      .lineWidth(0.3)
      .strokeColor(LINE)
      .stroke();
    doc.y += 8;
  }
}

function footers(doc: Doc, report: WaveReport): void {
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    doc
      .font('bold')
      .fontSize(8)
      .fillColor(doc.page.margins.left ? INK : INK);
    doc.fillColor(report.workspace.colour).text(report.workspace.name, MARGIN.left, y, { lineBreak: false });
    doc
      .font('regular')
      .fillColor(MUTED)
      .text(
        `${report.relationship.name} · ${report.wave.label} · page ${i + 1} of ${range.count}`,
        MARGIN.left,
        y,
        {
          width: doc.page.width - MARGIN.left - MARGIN.right,
          align: 'right',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
}

/** The document's flow: sections with contents entries, text, bullets, tables and charts. */
class ReportWriter {
  readonly entries: Entry[] = [];
  readonly width: number;

  constructor(
    readonly doc: Doc,
    readonly colour: string,
  ) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  newSection(title: string): void {
    this.doc.addPage();
    const destination = `section-${this.entries.length + 1}`;
    this.doc.addNamedDestination(destination);
    this.entries.push({ title, page: this.doc.bufferedPageRange().count - 1, destination });
    this.doc.outline.addItem(title);
    this.doc.rect(MARGIN.left, MARGIN.top - 14, 40, 4).fill(this.colour);
    this.doc
      .font('bold')
      .fontSize(18)
      .fillColor(INK)
      .text(title, MARGIN.left, MARGIN.top, { width: this.width });
    this.doc.moveDown(0.5);
  }

  heading(text: string, size: number): void {
    this.ensure(size * 3);
    this.doc
      .font('bold')
      .fontSize(size)
      .fillColor(INK)
      .text(text, MARGIN.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  label(text: string): void {
    this.doc
      .font('bold')
      .fontSize(8)
      .fillColor(this.colour)
      .text(text.toUpperCase(), MARGIN.left, this.doc.y, {
        width: this.width,
        characterSpacing: 0.5,
      });
    this.doc.moveDown(0.2);
  }

  paragraph(
    text: string,
    options: { colour?: string; size?: number; font?: 'regular' | 'italic' | 'bold' } = {},
  ): void {
    const size = options.size ?? 10.5;
    this.doc.font(options.font ?? 'regular').fontSize(size);
    this.ensure(Math.min(this.doc.heightOfString(text, { width: this.width }), 200));
    this.doc
      .fillColor(options.colour ?? INK)
      .text(text, MARGIN.left, this.doc.y, { width: this.width, lineGap: 2 });
    this.doc.moveDown(0.5);
  }

  bullets(lines: readonly string[], size = 10.5): void {
    for (const line of lines) {
      this.doc.font('regular').fontSize(size);
      const height = this.doc.heightOfString(line, { width: this.width - 14 });
      this.ensure(height + 4);
      const y = this.doc.y;
      this.doc.circle(MARGIN.left + 3, y + size * 0.55, 1.8).fill(this.colour);
      this.doc.fillColor(INK).text(line, MARGIN.left + 14, y, { width: this.width - 14, lineGap: 1.5 });
      this.doc.y += 3;
    }
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.4);
  }

  /** A results table as the page shows it: one column per screen column, its parts on lines. */
  resultsTable(view: ResultsTableView): void {
    const header = [
      ...view.rowHeaders,
      ...view.columns.map((c) => (c.parts.length > 1 ? `${c.label} (${c.parts.join(', ')})` : c.label)),
    ];
    const rows = view.rows.map((row) => [
      ...row.headers,
      ...row.cells.map((cell) =>
        [...cell.texts.filter((t) => t !== ''), ...cell.warnings.map((w) => `(${w})`)].join('\n'),
      ),
    ]);
    this.table(header, rows, view.caption);
  }

  table(header: string[], rows: string[][], caption: string): void {
    const doc = this.doc;
    const pad = 3;
    let size = header.length > 6 ? 7 : 8.5;
    // Each column is at least as wide as its longest word (no word is broken); the rest of the
    // width goes to the columns with the longest lines. A table too wide even so gets smaller type.
    const cellsOf = (c: number) => [header[c] ?? '', ...rows.map((r) => r[c] ?? '')];
    const measure = () => {
      doc.font('bold').fontSize(size);
      const least = header.map(
        (_, c) =>
          Math.max(
            ...cellsOf(c)
              .flatMap((t) => t.split(/\s+/))
              .map((word) => doc.widthOfString(word)),
          ) +
          2 * pad +
          1,
      );
      const wanted = header.map((_, c) =>
        Math.max(
          least[c]!,
          ...cellsOf(c)
            .flatMap((t) => t.split('\n'))
            .map((line) => Math.min(doc.widthOfString(line) + 2 * pad, 170)),
        ),
      );
      return { least, wanted };
    };
    let { least, wanted } = measure();
    while (least.reduce((a, b) => a + b, 0) > this.width && size > 5.5) {
      size -= 0.5;
      ({ least, wanted } = measure());
    }
    const spare = Math.max(0, this.width - least.reduce((a, b) => a + b, 0));
    const extra = wanted.map((w, c) => w - least[c]!);
    const extraTotal = extra.reduce((a, b) => a + b, 0);
    const widths = least.map((w, c) =>
      extraTotal <= spare
        ? w + extra[c]! + (spare - extraTotal) / header.length
        : w + (extra[c]! / extraTotal) * spare,
    );
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(size);
      return (
        Math.max(...cells.map((t, c) => doc.heightOfString(t || ' ', { width: widths[c]! - 2 * pad }))) +
        2 * pad
      );
    };
    const drawRow = (cells: string[], font: string, fill: string | null) => {
      const height = rowHeight(cells, font);
      const y = doc.y;
      if (fill) doc.rect(MARGIN.left, y, this.width, height).fill(fill);
      let x = MARGIN.left;
      doc.font(font).fontSize(size).fillColor(INK);
      cells.forEach((text, c) => {
        doc.text(text, x + pad, y + pad, { width: widths[c]! - 2 * pad, lineGap: 0.5 });
        x += widths[c]!;
      });
      doc
        .moveTo(MARGIN.left, y + height)
        .lineTo(MARGIN.left + this.width, y + height)
        .lineWidth(0.4)
        .strokeColor(LINE)
        .stroke();
      doc.y = y + height;
    };
    doc.font('bold').fontSize(8.5);
    this.ensure(
      doc.heightOfString(caption, { width: this.width }) +
        rowHeight(header, 'bold') +
        (rows[0] ? rowHeight(rows[0], 'regular') : 0) +
        8,
    );
    doc.fillColor(MUTED).text(caption, MARGIN.left, doc.y, { width: this.width });
    doc.y += 3;
    drawRow(header, 'bold', WASH);
    for (const row of rows) {
      if (doc.y + rowHeight(row, 'regular') > this.bottom) {
        doc.addPage();
        drawRow(header, 'bold', WASH);
      }
      drawRow(row, 'regular', null);
    }
    doc.x = MARGIN.left;
    doc.moveDown(1);
  }

  grid(grid: HeatGrid, k: number): void {
    const doc = this.doc;
    const sideW = 100;
    const levelW = 56;
    const cellW = (this.width - sideW - levelW) / grid.columns.length;
    let headSize = 7.5;
    const words = grid.columns.flatMap((c) => c.split(/\s+/));
    while (
      headSize > 5 &&
      words.some((word) => doc.font('bold').fontSize(headSize).widthOfString(word) > cellW - 4)
    ) {
      headSize -= 0.5;
    }
    doc.font('bold').fontSize(headSize);
    const headH = Math.max(...grid.columns.map((c) => doc.heightOfString(c, { width: cellW - 4 }))) + 6;
    const rowH = 18;
    this.ensure(headH + rowH * grid.rows.length + 30);
    let y = doc.y;
    grid.columns.forEach((column, i) => {
      doc
        .fillColor(INK)
        .text(column, MARGIN.left + sideW + levelW + i * cellW + 2, y, { width: cellW - 4, align: 'center' });
    });
    y += headH;
    for (const row of grid.rows) {
      doc
        .font('regular')
        .fontSize(7.5)
        .fillColor(INK)
        .text(row.side, MARGIN.left, y + 5, { width: sideW - 4, lineBreak: false, ellipsis: true });
      doc
        .font(row.level === 'All levels' ? 'bold' : 'regular')
        .text(row.level, MARGIN.left + sideW, y + 5, { width: levelW - 4 });
      row.cells.forEach((cell, i) => {
        const fill =
          cell.value === null
            ? HIDDEN_FILL
            : scaleColor((cell.value - grid.scale.min) / (grid.scale.max - grid.scale.min));
        const x = MARGIN.left + sideW + levelW + i * cellW;
        doc.rect(x + 1, y + 1, cellW - 2, rowH - 2).fill(fill);
        doc
          .font('regular')
          .fontSize(8)
          .fillColor(labelColorOn(fill))
          .text(cell.text, x, y + 5, { width: cellW, align: 'center' });
      });
      y += rowH;
    }
    doc.y = y + 6;
    doc.x = MARGIN.left;
    this.paragraph(
      `Blue is high, orange is low, on the ${grid.scale.min}–${grid.scale.max} scale; “< ${k}” and “hidden” keep small groups anonymous.`,
      {
        colour: MUTED,
        size: 8.5,
      },
    );
  }

  chart(spec: ChartSpec): void {
    const height =
      spec.type === 'radar' ? 250 : spec.horizontal ? Math.max(140, spec.categories.length * 26 + 50) : 210;
    this.ensure(height + 30);
    const top = this.doc.y;
    drawChart(this.doc, spec, { x: MARGIN.left, y: top, w: this.width, h: height }, [this.colour, SECOND]);
    this.doc.y = top + height + 10;
    this.doc.x = MARGIN.left;
  }
}

type Box = { x: number; y: number; w: number; h: number };

const format = (value: number, spec: ChartSpec) =>
  spec.axis.title === 'Incidents'
    ? String(value)
    : `${spec.axis.min < 0 && value > 0 ? '+' : ''}${value.toFixed(1)}`;

function niceStep(range: number): number {
  const raw = range / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

/** Draws a chart in vectors: grouped bars (vertical or horizontal), lines, or a radar. */
function drawChart(doc: Doc, spec: ChartSpec, box: Box, colours: string[]): void {
  const colourOf = (series: number, point: number) =>
    spec.series.length === 1 ? colours[point % colours.length]! : colours[series % colours.length]!;
  const legendH = spec.series.length > 1 ? 16 * spec.series.length : 0;
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(spec.axis.title, box.x, box.y, { lineBreak: false });
  const plot = { x: box.x + (spec.horizontal ? 120 : 34), y: box.y + 14, w: 0, h: 0 };
  plot.w = box.x + box.w - plot.x - 10;
  plot.h = box.y + box.h - legendH - plot.y - (spec.type === 'radar' || spec.horizontal ? 8 : 30);

  if (spec.type === 'radar') {
    drawRadar(doc, spec, plot, colours);
  } else {
    const { min, max } = spec.axis;
    const step = niceStep(max - min);
    const along = spec.horizontal ? plot.w : plot.h;
    const scale = (v: number) => ((v - min) / (max - min)) * along;
    // Grid lines and value labels.
    for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) {
      const p = scale(v);
      doc.lineWidth(v === 0 ? 0.8 : 0.3).strokeColor(v === 0 ? MUTED : LINE);
      doc.font('regular').fontSize(7).fillColor(MUTED);
      if (spec.horizontal) {
        doc
          .moveTo(plot.x + p, plot.y)
          .lineTo(plot.x + p, plot.y + plot.h)
          .stroke();
        doc.text(format(v, spec).replace(/\.0$/, ''), plot.x + p - 15, plot.y + plot.h + 2, {
          width: 30,
          align: 'center',
        });
      } else {
        doc
          .moveTo(plot.x, plot.y + plot.h - p)
          .lineTo(plot.x + plot.w, plot.y + plot.h - p)
          .stroke();
        doc.text(format(v, spec).replace(/\.0$/, ''), plot.x - 32, plot.y + plot.h - p - 4, {
          width: 28,
          align: 'right',
        });
      }
    }
    const groups = spec.categories.length;
    const band =
      along === plot.h && !spec.horizontal ? plot.w / groups : (spec.horizontal ? plot.h : plot.w) / groups;
    const zero = scale(Math.max(min, Math.min(0, max)));
    spec.categories.forEach((category, g) => {
      doc.font('regular').fontSize(7.5).fillColor(INK);
      if (spec.horizontal) {
        doc.text(category, box.x, plot.y + g * band + band / 2 - 8, {
          width: 114,
          align: 'right',
          height: 20,
          ellipsis: true,
        });
      } else {
        doc.text(category, plot.x + g * band + 2, plot.y + plot.h + 4, {
          width: band - 4,
          align: 'center',
          height: 26,
          ellipsis: true,
        });
      }
      if (spec.type === 'line') return;
      const barW = (band * 0.7) / spec.series.length;
      spec.series.forEach((series, s) => {
        const value = series.values[g] ?? null;
        const offset = g * band + band * 0.15 + s * barW;
        if (value === null) {
          doc.font('italic').fontSize(6.5).fillColor(MUTED);
          if (spec.horizontal)
            doc.text('hidden', plot.x + zero + 3, plot.y + offset + barW / 2 - 4, { lineBreak: false });
          else
            doc.text('hidden', plot.x + offset - 4, plot.y + plot.h - zero - 10, {
              width: barW + 8,
              align: 'center',
            });
          return;
        }
        const end = scale(Math.max(min, Math.min(max, value)));
        const [from, to] = [Math.min(zero, end), Math.max(zero, end)];
        doc.fillColor(colourOf(s, g));
        if (spec.horizontal) doc.rect(plot.x + from, plot.y + offset, to - from, barW - 1).fill();
        else doc.rect(plot.x + offset, plot.y + plot.h - to, barW - 1, to - from).fill();
        doc.font('regular').fontSize(6.5).fillColor(INK);
        const text = format(value, spec);
        if (spec.horizontal)
          doc.text(text, plot.x + to + 2, plot.y + offset + barW / 2 - 4, { lineBreak: false });
        else
          doc.text(
            text,
            plot.x + offset - 6,
            value >= 0 ? plot.y + plot.h - to - 9 : plot.y + plot.h - from + 1,
            { width: barW + 12, align: 'center' },
          );
      });
    });
    if (spec.type === 'line') {
      spec.series.forEach((series, s) => {
        const points = series.values.map((v, g) =>
          v === null ? null : { x: plot.x + g * band + band / 2, y: plot.y + plot.h - scale(v), v },
        );
        doc.lineWidth(1.8).strokeColor(colours[s % colours.length]!);
        let drawing = false;
        for (const point of points) {
          if (!point) {
            drawing = false;
            continue;
          }
          if (drawing) doc.lineTo(point.x, point.y);
          else doc.moveTo(point.x, point.y);
          drawing = true;
        }
        doc.stroke();
        for (const point of points) {
          if (point) doc.circle(point.x, point.y, 2.6).fill(colours[s % colours.length]!);
        }
      });
    }
  }
  // Legend.
  spec.series.length > 1 &&
    spec.series.forEach((series, s) => {
      const y = box.y + box.h - legendH + s * 16 + 2;
      doc.rect(box.x + 34, y + 1, 9, 9).fill(colours[s % colours.length]!);
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(INK)
        .text(series.name, box.x + 48, y, { lineBreak: false });
    });
}

function drawRadar(doc: Doc, spec: ChartSpec, plot: Box, colours: string[]): void {
  const cx = plot.x + plot.w / 2;
  const cy = plot.y + plot.h / 2;
  const r = Math.min(plot.w / 2 - 90, plot.h / 2 - 16);
  const n = spec.categories.length;
  const at = (i: number, value: number) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const t = (value - spec.axis.min) / (spec.axis.max - spec.axis.min);
    return { x: cx + Math.cos(angle) * r * t, y: cy + Math.sin(angle) * r * t };
  };
  for (const ring of [25, 50, 75, 100]) {
    const points = spec.categories.map((_, i) => at(i, ring));
    doc
      .polygon(...points.map((p) => [p.x, p.y] as [number, number]))
      .lineWidth(0.3)
      .strokeColor(LINE)
      .stroke();
    doc
      .font('regular')
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(String(ring), cx + 2, at(0, ring).y - 3, { lineBreak: false });
  }
  spec.categories.forEach((category, i) => {
    const end = at(i, spec.axis.max);
    doc.moveTo(cx, cy).lineTo(end.x, end.y).lineWidth(0.3).strokeColor(LINE).stroke();
    const label = at(i, spec.axis.max * 1.12);
    const left = label.x < cx - 5;
    const centred = Math.abs(label.x - cx) <= 5;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(INK)
      .text(category, centred ? label.x - 60 : left ? label.x - 120 : label.x, label.y - 5, {
        width: 120,
        align: centred ? 'center' : left ? 'right' : 'left',
      });
  });
  spec.series.forEach((series, s) => {
    const points = series.values.map((v, i) => at(i, v ?? spec.axis.min));
    const colour = colours[s % colours.length]!;
    doc
      .polygon(...points.map((p) => [p.x, p.y] as [number, number]))
      .lineWidth(1.6)
      .strokeColor(colour)
      .stroke();
    for (const p of points) doc.circle(p.x, p.y, 2.2).fill(colour);
  });
}
