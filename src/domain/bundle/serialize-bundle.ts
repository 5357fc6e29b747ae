// Writes a Bundle as the files of a relationship bundle (docs/formats.md); parseBundle reads
// them back to the same Bundle.

import { formatCsv } from '../csv.ts';
import type { Bundle } from '../model.ts';
import {
  BUNDLE_FILES,
  INCIDENT_COLUMNS,
  INTERVIEW_COLUMNS,
  LIST_SEPARATOR,
  PARTICIPANT_COLUMNS,
  RESPONSE_COLUMNS,
} from './parse-bundle.ts';

export function serializeBundle(bundle: Bundle): Record<string, string> {
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
      [...INCIDENT_COLUMNS],
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
      ]),
    ]);
  }

  if (bundle.interviews.length > 0) {
    files[BUNDLE_FILES.interviews] = formatCsv([
      [...INTERVIEW_COLUMNS],
      ...bundle.interviews.map((i) => [
        i.ref,
        i.respondent,
        i.side,
        i.level,
        i.heldOn,
        i.interviewer,
        i.notes,
      ]),
    ]);
  }

  return files;
}

function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
