import PptxGenJS from 'pptxgenjs';
import { labelColorOn, scaleColor } from '../web/results/wave-charts.server.ts';
import {
  type ChartSpec,
  type HeatGrid,
  hiddenSentence,
  type ReportFigure,
  type WaveReport,
} from './wave-report.ts';

// The workshop deck (issue 11, item 1): a PowerPoint file a consultant can open, restyle and
// present. Every chart is a native chart (bar, line, radar) with its data inside the file, so
// PowerPoint's "Edit data" works; the heatmap, which PowerPoint has no chart type for, is a native
// table with coloured cells. One master carries the workspace's name and colour; every slide has
// speaker notes that say, in plain words, how to read it and what it says.

const W = 13.333;
const H = 7.5;
const MARGIN = 0.5;
const FONT = 'Calibri';
const INK = '1B1F24';
const MUTED = '4A5560';
const SECOND = 'B3541E';
const HIDDEN_FILL = 'E3E7EB';

const hex = (colour: string) => colour.replace(/^#/, '').toUpperCase();

export async function buildDeck(report: WaveReport): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = report.workspace.name;
  pptx.company = report.workspace.name;
  pptx.title = `${report.relationship.name} — ${report.wave.label}`;
  pptx.subject = 'Trust diagnostic: workshop deck';
  const colour = hex(report.workspace.colour);
  const footer = `${report.relationship.name} · ${report.wave.label}`;

  pptx.defineSlideMaster({
    title: 'TRUSTLOOP',
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: W, h: 0.14, fill: { color: colour } } },
      { line: { x: MARGIN, y: H - 0.55, w: W - 2 * MARGIN, h: 0, line: { color: 'C9D1D9', width: 0.75 } } },
      {
        text: {
          text: report.workspace.name,
          options: {
            x: MARGIN,
            y: H - 0.5,
            w: 5,
            h: 0.35,
            fontFace: FONT,
            fontSize: 10,
            bold: true,
            color: colour,
          },
        },
      },
      {
        text: {
          text: footer,
          options: {
            x: 5.2,
            y: H - 0.5,
            w: 6.4,
            h: 0.35,
            fontFace: FONT,
            fontSize: 10,
            color: MUTED,
            align: 'right',
          },
        },
      },
    ],
    slideNumber: {
      x: W - MARGIN - 0.8,
      y: H - 0.5,
      w: 0.8,
      h: 0.35,
      fontFace: FONT,
      fontSize: 10,
      color: MUTED,
      align: 'right',
    },
  });

  const slide = (title: string, notes: string) => {
    const s = pptx.addSlide({ masterName: 'TRUSTLOOP' });
    s.addText(title, {
      x: MARGIN,
      y: 0.35,
      w: W - 2 * MARGIN,
      h: 0.8,
      fontFace: FONT,
      fontSize: title.length > 48 ? 22 : 28,
      bold: true,
      color: INK,
      valign: 'middle',
      fit: 'shrink',
    });
    s.addNotes(notes);
    return s;
  };

  titleSlide(pptx, report, colour);
  glanceSlide(slide, report);
  stageSlide(slide, report, colour);
  for (const figure of report.figures) figureSlide(slide, report, figure, colour);
  findingSlides(slide, report, colour);
  quoteSlides(slide, report);
  workstreamSlides(slide, report, colour);
  charterSlide(slide, report, colour);

  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}

type AddSlide = (title: string, notes: string) => PptxGenJS.Slide;

/** A small heading in the workspace's colour (By level, Evidence, a charter column). */
function subheading(
  s: PptxGenJS.Slide,
  text: string,
  colour: string,
  place: { x: number; y: number; w: number },
): void {
  s.addText(text, { ...place, h: 0.4, fontFace: FONT, fontSize: 14, bold: true, color: colour });
}

function titleSlide(pptx: PptxGenJS, report: WaveReport, colour: string): void {
  const s = pptx.addSlide({ masterName: 'TRUSTLOOP' });
  const { sides } = report.relationship;
  s.addShape('rect', { x: 0, y: 0, w: 0.35, h: H, fill: { color: colour } });
  s.addText(report.relationship.name, {
    x: 1,
    y: 1.6,
    w: W - 2,
    h: 1.2,
    fontFace: FONT,
    fontSize: 40,
    bold: true,
    color: INK,
    fit: 'shrink',
  });
  s.addText(`Trust diagnostic · ${report.wave.label}`, {
    x: 1,
    y: 2.8,
    w: W - 2,
    h: 0.6,
    fontFace: FONT,
    fontSize: 24,
    color: colour,
  });
  s.addText(
    [
      { text: `${sides.A.name} and ${sides.B.name}`, options: { breakLine: true } },
      {
        text: `Answered ${report.wave.opens} to ${report.wave.closes} by ${report.wave.respondents.A} people at ${sides.A.name} and ${report.wave.respondents.B} at ${sides.B.name}`,
        options: { breakLine: true },
      },
      {
        text: report.released
          ? `Released to both sides on ${report.released.on}`
          : 'Not yet released to the sides: a draft for the facilitators',
        options: { breakLine: true, bold: report.released === null },
      },
      { text: `Prepared by ${report.workspace.name} on ${report.generatedOn}` },
    ],
    {
      x: 1,
      y: 3.7,
      w: W - 2,
      h: 2,
      fontFace: FONT,
      fontSize: 16,
      color: MUTED,
      valign: 'top',
      paraSpaceAfter: 6,
    },
  );
  s.addNotes(
    `This deck shows how ${sides.A.name} and ${sides.B.name} trust each other, from the ${report.wave.label} survey. Every number comes from Trustloop's analysis; groups of fewer than ${report.wave.k} people are never shown. ${
      report.released
        ? 'The findings are those released to both sides.'
        : 'Nothing has been released to the sides yet, so the deck carries no findings: release them jointly first if you mean to show it.'
    }`,
  );
}

function glanceSlide(slide: AddSlide, report: WaveReport): void {
  const s = slide(
    'At a glance',
    'The sentences on this slide are written from the numbers that follow: the Trust Index of each side, the stage of the relationship, levels far apart, blind spots, and where to read with care.',
  );
  const lines = report.isAllHidden ? [hiddenSentence(report.wave.k), ...report.headlines] : report.headlines;
  s.addText(
    lines.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
    {
      x: MARGIN,
      y: 1.3,
      w: W - 2 * MARGIN,
      h: 5.4,
      fontFace: FONT,
      fontSize: 18,
      color: INK,
      valign: 'top',
      paraSpaceAfter: 10,
      fit: 'shrink',
    },
  );
}

function stageSlide(slide: AddSlide, report: WaveReport, colour: string): void {
  const s = slide(
    `Trust stage: ${report.stage.text}`,
    `Trustloop places the relationship on a ladder of five stages, from 0 (distrust) through contractual, competence and goodwill to 4 (co-creation). Each side's score on a dimension is taken as an index, and the relationship counts the lower of the two: trust is only as strong as its weaker side. The reasons on the slide say which gates were passed and what holds it back. ${
      report.stage.cappedBy.length > 0
        ? `Unresolved integrity incidents hold it at this stage: ${report.stage.cappedBy.join(', ')}.`
        : ''
    }`,
  );
  s.addText(
    report.stage.reasons.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
    {
      x: MARGIN,
      y: 1.3,
      w: 7.9,
      h: 5.3,
      fontFace: FONT,
      fontSize: 16,
      color: INK,
      valign: 'top',
      paraSpaceAfter: 8,
      fit: 'shrink',
    },
  );
  subheading(s, 'By level', colour, { x: 8.8, y: 1.3, w: 4 });
  s.addTable(
    report.stageByLevel.map((row) => [{ text: row.level, options: { bold: true } }, { text: row.text }]),
    {
      x: 8.8,
      y: 1.8,
      w: 4,
      colW: [1.5, 2.5],
      fontFace: FONT,
      fontSize: 13,
      color: INK,
      border: { type: 'solid', color: 'C9D1D9', pt: 0.75 },
    },
  );
}

function figureSlide(slide: AddSlide, report: WaveReport, figure: ReportFigure, colour: string): void {
  const notes = `${figure.howToRead}\n\nWhat it says: ${figure.takeaways.join(' ')}`;
  const s = slide(figure.title, notes);
  if (figure.grid) {
    heatTable(s, figure.grid, report.wave.k);
    s.addText(figure.takeaways.join('  '), {
      x: MARGIN,
      y: H - 1.15,
      w: W - 2 * MARGIN,
      h: 0.55,
      fontFace: FONT,
      fontSize: 13,
      color: MUTED,
      fit: 'shrink',
    });
    return;
  }
  const chart = figure.chart;
  if (chart) {
    addChart(s, chart, colour, { x: MARGIN, y: 1.25, w: 8.1, h: 5.5 });
  } else {
    s.addText(hiddenSentence(report.wave.k), {
      x: MARGIN,
      y: 1.3,
      w: 8.1,
      h: 1,
      fontFace: FONT,
      fontSize: 18,
      color: MUTED,
    });
  }
  s.addShape('rect', { x: 8.85, y: 1.3, w: 0.06, h: 5.3, fill: { color: colour } });
  s.addText(
    figure.takeaways.map((text) => ({ text, options: { breakLine: true } })),
    {
      x: 9.05,
      y: 1.3,
      w: W - MARGIN - 9.05,
      h: 5.3,
      fontFace: FONT,
      fontSize: 15,
      color: INK,
      valign: 'top',
      paraSpaceAfter: 12,
      fit: 'shrink',
    },
  );
}

function addChart(
  s: PptxGenJS.Slide,
  chart: ChartSpec,
  colour: string,
  place: { x: number; y: number; w: number; h: number },
): void {
  const data = chart.series.map((series) => ({
    name: series.name,
    labels: chart.categories,
    // A hidden value stays empty in the chart's data: drawn as a gap, never as a zero.
    values: series.values.map((v) => (v === null ? Number.NaN : Math.round(v * 10) / 10)),
  }));
  const common: PptxGenJS.IChartOpts = {
    ...place,
    chartColors: [colour, SECOND],
    showLegend: chart.series.length > 1,
    legendPos: 'b',
    legendFontFace: FONT,
    legendFontSize: 12,
    catAxisLabelFontFace: FONT,
    catAxisLabelFontSize: 12,
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 11,
    valAxisMinVal: chart.axis.min,
    valAxisMaxVal: chart.axis.max,
    valAxisTitle: chart.axis.title,
    showValAxisTitle: true,
    valAxisTitleFontSize: 11,
    valGridLine: { color: 'E3E7EB', size: 0.75 },
    displayBlanksAs: 'gap',
  };
  if (chart.type === 'radar') {
    s.addChart('radar', data, { ...common, radarStyle: 'marker', lineSize: 2 });
  } else if (chart.type === 'line') {
    // No value labels: two sides' labels at the same wave would overlap; the notes give the values.
    s.addChart('line', data, { ...common, lineSize: 2.5, lineDataSymbol: 'circle', lineDataSymbolSize: 8 });
  } else {
    const isCount = chart.axis.title === 'Incidents';
    s.addChart('bar', data, {
      ...common,
      ...(isCount ? { valAxisMajorUnit: 1, valAxisMaxVal: chart.axis.max + 1 } : {}),
      catAxisLabelPos: 'low',
      barDir: chart.horizontal ? 'bar' : 'col',
      barGrouping: 'clustered',
      barGapWidthPct: 60,
      showValue: true,
      dataLabelFormatCode: chart.axis.min < 0 ? '+0.0;-0.0;0' : isCount ? '0' : '0.0',
      dataLabelPosition: 'outEnd',
      dataLabelFontSize: 11,
      catAxisOrientation: 'minMax',
      ...(chart.horizontal ? { catAxisOrientation: 'maxMin' as 'minMax' } : {}),
    });
  }
}

function heatTable(s: PptxGenJS.Slide, grid: HeatGrid, k: number): void {
  const header = [
    { text: 'Rater side', options: { bold: true, color: INK } },
    { text: 'Level', options: { bold: true, color: INK } },
    ...grid.columns.map((c) => ({
      text: c,
      options: { bold: true, color: INK, align: 'center' as const, fontSize: 10.5 },
    })),
  ];
  const rows = grid.rows.map((row) => [
    { text: row.side, options: { color: INK } },
    { text: row.level, options: { color: INK, bold: row.level === 'All levels' } },
    ...row.cells.map((cell) => {
      const fill =
        cell.value === null
          ? HIDDEN_FILL
          : hex(scaleColor((cell.value - grid.scale.min) / (grid.scale.max - grid.scale.min)));
      return {
        text: cell.text,
        options: { fill: { color: fill }, color: hex(labelColorOn(`#${fill}`)), align: 'center' as const },
      };
    }),
  ]);
  const firstW = 2.1;
  const levelW = 1.2;
  const cellW = (W - 2 * MARGIN - firstW - levelW) / grid.columns.length;
  s.addTable([header, ...rows], {
    x: MARGIN,
    y: 1.25,
    w: W - 2 * MARGIN,
    colW: [firstW, levelW, ...grid.columns.map(() => cellW)],
    rowH: 0.42,
    fontFace: FONT,
    fontSize: 12,
    valign: 'middle',
    border: { type: 'solid', color: 'FFFFFF', pt: 1.5 },
  });
  s.addText(
    `Blue is high, orange is low, on the ${grid.scale.min}–${grid.scale.max} scale; “< ${k}” and “hidden” keep small groups anonymous.`,
    {
      x: MARGIN,
      y: H - 1.55,
      w: W - 2 * MARGIN,
      h: 0.35,
      fontFace: FONT,
      fontSize: 11,
      color: MUTED,
    },
  );
}

function findingSlides(slide: AddSlide, report: WaveReport, colour: string): void {
  if (report.findings.length === 0) {
    const s = slide(
      'Findings',
      'Findings are the statements the facilitator writes from the evidence; they appear here once released to both sides.',
    );
    s.addText(
      report.released
        ? 'The joint release of this wave holds no findings.'
        : 'No findings have been released to both sides for this wave yet.',
      { x: MARGIN, y: 1.4, w: W - 2 * MARGIN, h: 1, fontFace: FONT, fontSize: 20, color: MUTED },
    );
    return;
  }
  for (const finding of report.findings) {
    const s = slide(
      finding.title,
      `${finding.kind}, about ${finding.concerns} (${finding.ref}). ${finding.body}\n\nEvidence: ${finding.evidence.join('; ')}.`,
    );
    s.addText(`${finding.kind.toUpperCase()} · ${finding.ref}`, {
      x: MARGIN,
      y: 1.2,
      w: W - 2 * MARGIN,
      h: 0.35,
      fontFace: FONT,
      fontSize: 12,
      bold: true,
      color: colour,
      charSpacing: 1,
    });
    if (finding.body) {
      s.addText(finding.body, {
        x: MARGIN,
        y: 1.65,
        w: W - 2 * MARGIN,
        h: 1.9,
        fontFace: FONT,
        fontSize: 18,
        color: INK,
        valign: 'top',
        fit: 'shrink',
      });
    }
    subheading(s, 'Evidence', colour, { x: MARGIN, y: 3.6, w: 4 });
    s.addText(
      finding.evidence.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
      {
        x: MARGIN,
        y: 4.0,
        w: W - 2 * MARGIN,
        h: 2.7,
        fontFace: FONT,
        fontSize: 14,
        color: INK,
        valign: 'top',
        paraSpaceAfter: 4,
        fit: 'shrink',
      },
    );
  }
}

function quoteSlides(slide: AddSlide, report: WaveReport): void {
  for (let i = 0; i < report.quotes.length; i += 4) {
    const page = report.quotes.slice(i, i + 4);
    const s = slide(
      report.quotes.length > 4
        ? `In their words (${i / 4 + 1} of ${Math.ceil(report.quotes.length / 4)})`
        : 'In their words',
      'Quotes from interviews and survey comments that the released findings rest on, as they were shared: comments redacted, never with a name; a level is named only where enough people of it answered.',
    );
    page.forEach((quote, j) => {
      s.addText(
        [
          { text: `“${quote.text}”`, options: { italic: true, color: INK, breakLine: true } },
          { text: `— ${quote.who}`, options: { color: MUTED, fontSize: 13 } },
        ],
        {
          x: MARGIN,
          y: 1.3 + j * 1.35,
          w: W - 2 * MARGIN,
          h: 1.25,
          fontFace: FONT,
          fontSize: 17,
          valign: 'top',
          fit: 'shrink',
        },
      );
    });
  }
}

function workstreamSlides(slide: AddSlide, report: WaveReport, colour: string): void {
  const rowsPerSlide = 8;
  for (let i = 0; i < report.workstreams.length; i += rowsPerSlide) {
    const page = report.workstreams.slice(i, i + rowsPerSlide);
    const s = slide(
      'Workstreams',
      'The joint work both sides own: each workstream has an owner on each side, actions and a status from its latest update (red, amber, green). At the next wave each shows whether trust moved on its target dimensions.',
    );
    const head = ['Workstream', 'Type', 'Status', 'Actions', 'Latest update'].map((text) => ({
      text,
      options: { bold: true, color: 'FFFFFF', fill: { color: colour } },
    }));
    s.addTable(
      [
        head,
        ...page.map((w) =>
          [`${w.key} ${w.title}`, w.type, w.status, w.progress, w.latest].map((text) => ({ text })),
        ),
      ],
      {
        x: MARGIN,
        y: 1.3,
        w: W - 2 * MARGIN,
        colW: [3.6, 1.9, 1.3, 2.2, 3.333],
        fontFace: FONT,
        fontSize: 12,
        color: INK,
        valign: 'top',
        border: { type: 'solid', color: 'C9D1D9', pt: 0.75 },
        autoPage: false,
      },
    );
  }
}

function charterSlide(slide: AddSlide, report: WaveReport, colour: string): void {
  const charter = report.charter;
  if (!charter) return;
  const { sides } = report.relationship;
  const s = slide(
    `Charter, version ${charter.version}`,
    `The relationship's charter: its vision, the principles and behaviours both sides hold to, each side's commitments and how they govern the relationship. ${
      charter.signed
        ? 'This version is signed by a sponsor of each side.'
        : 'This version is not yet signed by both sides.'
    }`,
  );
  s.addText(charter.vision, {
    x: MARGIN,
    y: 1.2,
    w: W - 2 * MARGIN,
    h: 0.8,
    fontFace: FONT,
    fontSize: 18,
    italic: true,
    color: INK,
    fit: 'shrink',
  });
  const column = (title: string, lines: string[], x: number) => {
    subheading(s, title, colour, { x, y: 2.2, w: 3.9 });
    s.addText(
      lines.length > 0 ? lines.map((text) => ({ text, options: { bullet: true, breakLine: true } })) : '—',
      {
        x,
        y: 2.65,
        w: 3.9,
        h: 3.25,
        fontFace: FONT,
        fontSize: 13,
        color: INK,
        valign: 'top',
        paraSpaceAfter: 4,
        fit: 'shrink',
      },
    );
  };
  column('Principles and behaviours', [...charter.principles, ...charter.behaviours], MARGIN);
  column(`${sides.A.name} commits to`, charter.commitments.A, MARGIN + 4.15);
  column(`${sides.B.name} commits to`, charter.commitments.B, MARGIN + 8.3);
  if (charter.governance.length > 0) {
    s.addText(`Governance: ${charter.governance.join('; ')}`, {
      x: MARGIN,
      y: 5.95,
      w: W - 2 * MARGIN,
      h: 0.4,
      fontFace: FONT,
      fontSize: 12,
      color: MUTED,
      fit: 'shrink',
    });
  }
  s.addText(charter.signed ? 'Signed by both sides' : 'Not yet signed by both sides', {
    x: MARGIN,
    y: 6.35,
    w: W - 2 * MARGIN,
    h: 0.4,
    fontFace: FONT,
    fontSize: 12,
    bold: true,
    color: charter.signed ? '1A6B34' : MUTED,
  });
}
