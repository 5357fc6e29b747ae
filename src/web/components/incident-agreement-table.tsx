import type { AgreementGroup, FieldAgreement } from '../../domain/incident-agreement.ts';
import { BAND_LABELS } from './incident-labels.tsx';

// Cohen's kappa per coded field, one table per group (the coding's fields, each dimension, each
// theme). A kappa that is not shown says why, in words, never as a blank or a zero.

const GROUP_TITLES: Record<AgreementGroup, string> = {
  coding: 'Coded fields',
  dimension: 'Dimensions (present or absent)',
  theme: 'Themes (present or absent)',
};

export function formatShare(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

export function formatKappa(value: number): string {
  return value.toFixed(2);
}

export function kappaExplanation(field: FieldAgreement, minimum: number): string {
  if (field.reason === 'too-few')
    return `not enough double-coded incidents (${field.n} of at least ${minimum})`;
  if (field.reason === 'one-category') return 'undefined: both coders gave every incident the same code';
  return '';
}

export function IncidentAgreementTable({
  group,
  fields,
  minimum,
}: {
  group: AgreementGroup;
  fields: readonly FieldAgreement[];
  minimum: number;
}) {
  const rows = fields.filter((f) => f.group === group);
  if (rows.length === 0) return null;
  return (
    <table className="numbers incident-agreement-table" data-group={group}>
      <caption>{GROUP_TITLES[group]}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">n</th>
          <th scope="col">Observed agreement</th>
          <th scope="col">Cohen’s κ</th>
          <th scope="col">Agreement</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={f.field} data-field={f.field}>
            <th scope="row">{f.label}</th>
            <td>{f.n}</td>
            <td>{formatShare(f.observed)}</td>
            <td data-kappa={f.kappa ?? ''}>{f.kappa === null ? '—' : formatKappa(f.kappa)}</td>
            <td>
              {f.band ? BAND_LABELS[f.band] : <span className="muted">{kappaExplanation(f, minimum)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
