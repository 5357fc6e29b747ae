// Writes a bundle as the files of a relationship bundle (docs/formats.md); parseBundle reads
// them back to the same bundle. What the bundle leaves out is written with its defaults. Every CSV
// cell goes through the spreadsheet formula guard (a text starting with =, +, -, @, tab or CR gets
// a leading apostrophe), which parseCsv takes off again, so a bundle opened in Excel runs nothing
// and re-imports to the same text.

import { formatCsv } from '../csv.ts';
import { type BundleInput, completeBundle, type IncidentExtraCoding } from './full-bundle.ts';
import {
  BUNDLE_FILES,
  COMMENT_MODERATION_COLUMNS,
  INCIDENT_COLUMNS,
  INCIDENT_OPTIONAL_COLUMNS,
  INTERVIEW_COLUMNS,
  INTERVIEW_OPTIONAL_COLUMNS,
  LIST_SEPARATOR,
  NO,
  OPEN_ANSWER_THEME_COLUMNS,
  PARTICIPANT_COLUMNS,
  QUOTE_COLUMNS,
  RESPONSE_COLUMNS,
  SECOND_CODING_COLUMNS,
  YES,
} from './parse-bundle.ts';
import { formatShareAndAct, isEmptyShareAndAct } from './share-and-act-file.ts';

export function serializeBundle(input: BundleInput): Record<string, string> {
  const bundle = completeBundle(input);
  const { relationship, instrument } = bundle;
  const files: Record<string, string> = {};

  // Fields are listed explicitly so that the files always have the documented key order.
  files[BUNDLE_FILES.relationship] = formatJson({
    name: relationship.name,
    anonymityThreshold: relationship.anonymityThreshold,
    sides: {
      A: { name: relationship.sides.A.name, role: relationship.sides.A.role },
      B: { name: relationship.sides.B.name, role: relationship.sides.B.role },
    },
    waves: relationship.waves.map((w) => ({ label: w.label, opens: w.opens, closes: w.closes })),
  });

  if (bundle.hasCustomInstrument) {
    files[BUNDLE_FILES.instrument] = formatJson({
      name: instrument.name,
      version: instrument.version,
      scale: { min: instrument.scale.min, max: instrument.scale.max },
      dimensions: instrument.dimensions.map((d) => ({ key: d.key, label: d.label })),
      items: instrument.items.map((i) => ({
        code: i.code,
        dimension: i.dimension,
        kind: i.kind,
        text: i.text,
        reverse: i.reverse,
      })),
      open: instrument.open.map((q) => ({ code: q.code, text: q.text })),
    });
  }

  const itemCodes = instrument.items.map((i) => i.code);
  const openCodes = instrument.open.map((q) => q.code);
  files[BUNDLE_FILES.responses] = formatCsv([
    [...RESPONSE_COLUMNS, ...itemCodes, ...openCodes],
    ...bundle.responses.map((r) => [
      r.respondent,
      r.side,
      r.level,
      r.wave,
      ...itemCodes.map((code) => {
        const value = r.answers[code];
        return value === undefined ? '' : String(value);
      }),
      ...openCodes.map((code) => r.open[code] ?? ''),
    ]),
  ]);

  if (bundle.participants.length > 0) {
    files[BUNDLE_FILES.participants] = formatCsv([
      [...PARTICIPANT_COLUMNS],
      ...bundle.participants.map((p) => [p.respondent, p.side, p.level, p.name, p.email, p.role]),
    ]);
  }

  if (bundle.incidents.length > 0) {
    files[BUNDLE_FILES.incidents] = formatCsv([
      [...INCIDENT_COLUMNS, ...INCIDENT_OPTIONAL_COLUMNS],
      ...bundle.incidents.map((i) => [
        i.ref,
        i.occurredOn,
        i.title,
        i.narrative,
        i.reporterSide,
        i.reporterLevel,
        i.sidesInvolved.join(LIST_SEPARATOR),
        i.levelsInvolved.join(LIST_SEPARATOR),
        i.direction,
        String(i.strength),
        i.dimensions.join(LIST_SEPARATOR),
        i.themes.join(LIST_SEPARATOR),
        i.source,
        i.codedBy,
        i.status,
        i.resolvedOn ?? '',
        ...extraCodingCells(i),
        i.interviewRef,
        i.sourcePassage,
      ]),
    ]);
  }

  const secondCoded = bundle.incidents.filter((i) => i.secondCoding !== null);
  if (secondCoded.length > 0) {
    files[BUNDLE_FILES.secondCodings] = formatCsv([
      [...SECOND_CODING_COLUMNS],
      ...secondCoded.map(({ ref, secondCoding: c }) => [
        ref,
        c!.codedBy,
        c!.direction,
        String(c!.strength),
        c!.dimensions.join(LIST_SEPARATOR),
        c!.themes.join(LIST_SEPARATOR),
        ...extraCodingCells(c!),
      ]),
    ]);
  }

  if (bundle.interviews.length > 0) {
    files[BUNDLE_FILES.interviews] = formatCsv([
      [...INTERVIEW_COLUMNS, ...INTERVIEW_OPTIONAL_COLUMNS],
      ...bundle.interviews.map((i) => [
        i.ref,
        i.respondent,
        i.side,
        i.level,
        i.heldOn,
        i.interviewer,
        i.notes,
        i.status,
        i.transcript,
      ]),
    ]);
  }

  if (bundle.quotes.length > 0) {
    files[BUNDLE_FILES.quotes] = formatCsv([
      [...QUOTE_COLUMNS],
      ...bundle.quotes.map((q) => [q.interviewRef, q.side, q.level, q.text]),
    ]);
  }

  // One row per theme tag, by response, then question in instrument order, then as listed.
  const themeRows = bundle.responses.flatMap((r) =>
    openCodes.flatMap((code) =>
      (r.openThemes[code] ?? []).map((theme) => [r.wave, r.respondent, code, theme]),
    ),
  );
  if (themeRows.length > 0) {
    files[BUNDLE_FILES.openAnswerThemes] = formatCsv([[...OPEN_ANSWER_THEME_COLUMNS], ...themeRows]);
  }

  // One row per redacted or hidden answer, by response, then question in instrument order.
  const moderationRows = bundle.responses.flatMap((r) =>
    openCodes.flatMap((code) => {
      const moderation = r.openModeration[code];
      return moderation
        ? [[r.wave, r.respondent, code, moderation.redactedText ?? '', moderation.hidden ? YES : NO]]
        : [];
    }),
  );
  if (moderationRows.length > 0) {
    files[BUNDLE_FILES.commentModeration] = formatCsv([[...COMMENT_MODERATION_COLUMNS], ...moderationRows]);
  }

  if (!isEmptyShareAndAct(bundle.shareAndAct)) {
    files[BUNDLE_FILES.shareAndAct] = formatShareAndAct(bundle.shareAndAct);
  }

  return files;
}

/** trigger, small_big_thing, contract_scope: blank where not coded. */
function extraCodingCells(coding: IncidentExtraCoding): string[] {
  return [coding.trigger, coding.smallBigThing ? YES : NO, coding.contractScope ?? ''];
}

function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
