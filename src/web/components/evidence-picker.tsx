import type { EvidenceOption, EvidenceOptionGroup } from '../../domain/evidence-options.ts';
import { encodeEvidence } from '../../domain/evidence-options.ts';
import type { Evidence } from '../../domain/share-and-act.ts';

// The evidence of a finding, picked with checkboxes (no JavaScript needed): the wave's figures the
// anonymity rules show, grouped and folded, the coded incidents and the interview quotes. Evidence
// a finding already has stays ticked; what is hidden is simply not offered.

const GROUPS: ReadonlyArray<{ key: EvidenceOptionGroup; title: string }> = [
  { key: 'side-index', title: 'Trust Index per side' },
  { key: 'gap', title: 'Perception gaps' },
  { key: 'change', title: 'Changes since the wave before' },
  { key: 'cell', title: 'Result cells (side × level)' },
  { key: 'incident', title: 'Incidents (coded)' },
  { key: 'quote', title: 'Interview quotes' },
  { key: 'comment', title: 'Comments (as shared: redacted, never a hidden one)' },
];

export function EvidencePicker(props: {
  /** Unique on the page: the checkboxes' ids start with it. */
  idPrefix: string;
  options: readonly EvidenceOption[];
  chosen?: readonly Evidence[];
  error?: string;
}) {
  const chosen = new Set((props.chosen ?? []).map((e) => encodeEvidence(e.reference)));
  const offered = new Set(props.options.map((o) => encodeEvidence(o.reference)));
  // Evidence the finding has that is not offered now (a comment, a figure of another wave): kept.
  const kept = (props.chosen ?? []).filter((e) => !offered.has(encodeEvidence(e.reference)));
  const errorId = `${props.idPrefix}-evidence-error`;
  return (
    <fieldset className="evidence-picker" aria-describedby={props.error ? errorId : undefined}>
      <legend>Evidence (at least one)</legend>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      {kept.length > 0 && (
        <ul className="evidence-options">
          {kept.map((piece, index) => {
            const id = `${props.idPrefix}-kept-${index}`;
            return (
              <li key={id}>
                <input
                  type="checkbox"
                  id={id}
                  name="evidence"
                  value={encodeEvidence(piece.reference)}
                  defaultChecked
                />{' '}
                <label htmlFor={id}>{piece.label}</label>
              </li>
            );
          })}
        </ul>
      )}
      {GROUPS.map((group) => {
        const options = props.options.filter((o) => o.group === group.key);
        if (options.length === 0) return null;
        const picked = options.filter((o) => chosen.has(encodeEvidence(o.reference))).length;
        return (
          <details key={group.key} open={picked > 0}>
            <summary>
              {group.title} ({options.length}
              {picked > 0 ? `, ${picked} picked` : ''})
            </summary>
            <ul className="evidence-options">
              {options.map((option, index) => {
                const id = `${props.idPrefix}-${group.key}-${index}`;
                const value = encodeEvidence(option.reference);
                return (
                  <li key={value}>
                    <input
                      type="checkbox"
                      id={id}
                      name="evidence"
                      value={value}
                      defaultChecked={chosen.has(value)}
                    />{' '}
                    <label htmlFor={id}>
                      {option.label}: <span className="muted">{option.text}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </fieldset>
  );
}
