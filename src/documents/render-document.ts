import type { Db } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { todayIso } from '../services/find-wave.ts';
import { csvFileName } from '../web/csv-download.server.ts';
import { loadAllResultsTables } from './load-results-data.ts';
import { loadWaveReport, noClosedWave } from './load-wave-report.ts';

// One way to make each file a consultant hands over, for the pages, the API and the command line
// (`trustloop report`): the same bytes whichever door it is asked through. The builders (and
// exceljs, pptxgenjs, pdfkit behind them, about a second to load) are imported when a file is
// first asked for, so that starting the server or any other command does not wait for them.

export const DOCUMENT_FORMATS = ['pptx', 'pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCUMENT_TYPES: Record<DocumentFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type RenderedDocument = {
  body: Buffer;
  contentType: string;
  fileName: string;
  /** What the person asking should know about the file (it is a draft, say). */
  notices: string[];
};

export function parseDocumentFormat(value: string): DocumentFormat {
  const format = value.toLowerCase();
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
    throw new AppError(
      'invalid-input',
      `format: choose one of ${DOCUMENT_FORMATS.join(', ')} (got "${value}")`,
    );
  }
  return format as DocumentFormat;
}

/**
 * The deck (pptx) or the report (pdf) of one closed wave, or the workbook (xlsx) of every closed
 * wave of the relationship. A wave that is not closed, or not there, is a not-found error that
 * says which waves are.
 */
export async function renderDocument(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  waveLabel: string,
  format: DocumentFormat,
  options: { today?: string } = {},
): Promise<RenderedDocument> {
  const today = options.today ?? todayIso();
  if (format === 'xlsx') {
    const { loaded, tracking, waves, trend } = await loadAllResultsTables(db, workspaceId, relationshipRef);
    const name = loaded.analysis.relationship.name;
    // The workbook holds every closed wave; it still checks the wave asked for is one of them.
    if (!waves.some((wave) => wave.label === waveLabel))
      throw noClosedWave(loaded.analysis, tracking, waveLabel);
    const { buildResultsWorkbook } = await import('../web/results/results-workbook.ts');
    const body = await buildResultsWorkbook({
      relationship: name,
      generatedOn: today,
      waves,
      trend: waves.length > 0 ? trend : null,
    });
    return {
      body,
      contentType: DOCUMENT_TYPES.xlsx,
      fileName: `${csvFileName(`${name} results`)}.xlsx`,
      notices: ['The workbook holds every closed wave of the relationship, one sheet per table.'],
    };
  }
  const report = await loadWaveReport(db, workspaceId, relationshipRef, waveLabel, { today });
  const stem = csvFileName(
    `${report.relationship.name} ${report.wave.label} ${format === 'pptx' ? 'workshop deck' : 'report'}`,
  );
  const body =
    format === 'pptx'
      ? await (await import('./build-deck.ts')).buildDeck(report)
      : await (await import('./build-report-pdf.ts')).buildReportPdf(report);
  const notices = [];
  if (!report.released) {
    notices.push(
      `Nothing of ${report.wave.label} is released to both sides yet: the file carries no findings and says it is a draft for the facilitators.`,
    );
  }
  if (report.isAllHidden) {
    notices.push(
      `Every index of ${report.wave.label} is hidden to keep small groups anonymous (k = ${report.wave.k}): the file says so instead of showing figures.`,
    );
  }
  return { body, contentType: DOCUMENT_TYPES[format], fileName: `${stem}.${format}`, notices };
}
