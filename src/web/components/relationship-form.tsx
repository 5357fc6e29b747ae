import { Form, Link } from 'react-router';
import {
  MAX_ANONYMITY_THRESHOLD,
  MIN_ANONYMITY_THRESHOLD,
  SIDES,
  type Side,
  type SideInfo,
} from '../../domain/model.ts';
import { typedValue, wordFailure } from './account-parts.tsx';
import type { ActionFailure } from './form-parts.tsx';
import { CsrfField, ErrorSummary, fieldId, TextField } from './form-parts.tsx';

// The relationship's own settings, for creating and editing: its name, the two sides' names and
// roles, and the anonymity threshold. Field names follow the service's input paths
// (`sides.A.name`), so a service error lands on its field.

export type RelationshipFormValues = {
  name: string;
  sides: Record<Side, SideInfo>;
  anonymityThreshold: number;
};

export const RELATIONSHIP_LABELS: Record<string, string> = {
  name: 'Relationship name',
  'sides.A.name': 'Side A: organisation',
  'sides.A.role': 'Side A: role',
  'sides.B.name': 'Side B: organisation',
  'sides.B.role': 'Side B: role',
  anonymityThreshold: 'Anonymity threshold',
};

const SIDE_HINTS: Record<Side, { legend: string; nameHint: string; roleHint: string }> = {
  A: {
    legend: 'Side A',
    nameHint: 'Typically the customer, e.g. Northwind Utilities.',
    roleHint: 'Optional, e.g. customer.',
  },
  B: {
    legend: 'Side B',
    nameHint: 'Typically the supplier, e.g. Contoso IT Services.',
    roleHint: 'Optional, e.g. supplier.',
  },
};

export function RelationshipForm(props: {
  csrfToken: string;
  failure: ActionFailure | undefined;
  initial: RelationshipFormValues | null;
  /** Once a wave has opened the threshold cannot change. */
  isThresholdFixed: boolean;
  submitLabel: string;
  cancelTo: string;
}) {
  const { failure, initial } = props;
  const value = (name: string, fallback: string | number | undefined) =>
    typedValue(failure, name) ?? fallback;
  const thresholdHint = props.isThresholdFixed
    ? `Fixed at ${initial?.anonymityThreshold}: a wave of this relationship has opened, and the threshold is fixed once a wave opens.`
    : `No result for a group with fewer respondents than this is shown (${MIN_ANONYMITY_THRESHOLD}–${MAX_ANONYMITY_THRESHOLD}). It is fixed once a wave opens.`;
  const thresholdId = fieldId('anonymityThreshold');
  const thresholdError = failure?.fieldErrors.anonymityThreshold;
  return (
    <>
      <ErrorSummary failure={wordFailure(failure, RELATIONSHIP_LABELS)} />
      <Form method="post" noValidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="name"
          label={RELATIONSHIP_LABELS.name!}
          hint="How you and both sides refer to it, e.g. Northwind – Contoso outsourcing."
          required
          defaultValue={value('name', initial?.name)}
          error={failure?.fieldErrors.name}
        />
        {SIDES.map((side) => (
          <fieldset key={side}>
            <legend>{SIDE_HINTS[side].legend}</legend>
            <TextField
              name={`sides.${side}.name`}
              label="Organisation"
              hint={SIDE_HINTS[side].nameHint}
              required
              autoComplete="off"
              defaultValue={value(`sides.${side}.name`, initial?.sides[side].name)}
              error={failure?.fieldErrors[`sides.${side}.name`]}
            />
            <TextField
              name={`sides.${side}.role`}
              label="Role in the relationship"
              hint={SIDE_HINTS[side].roleHint}
              autoComplete="off"
              defaultValue={value(`sides.${side}.role`, initial?.sides[side].role)}
              error={failure?.fieldErrors[`sides.${side}.role`]}
            />
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor={thresholdId}>{RELATIONSHIP_LABELS.anonymityThreshold}</label>
          <span className="hint" id={`${thresholdId}-hint`}>
            {thresholdHint}
          </span>
          {thresholdError && (
            <span className="field-error" id={`${thresholdId}-error`}>
              {thresholdError}
            </span>
          )}
          <input
            id={thresholdId}
            name="anonymityThreshold"
            type="number"
            inputMode="numeric"
            className="input-short"
            min={MIN_ANONYMITY_THRESHOLD}
            max={MAX_ANONYMITY_THRESHOLD}
            step={1}
            required
            readOnly={props.isThresholdFixed}
            defaultValue={
              props.isThresholdFixed
                ? initial?.anonymityThreshold
                : value('anonymityThreshold', initial?.anonymityThreshold ?? MIN_ANONYMITY_THRESHOLD)
            }
            aria-invalid={thresholdError ? true : undefined}
            aria-describedby={`${thresholdId}-hint${thresholdError ? ` ${thresholdId}-error` : ''}`}
          />
        </div>
        <div className="actions">
          <button type="submit">{props.submitLabel}</button>
          <Link to={props.cancelTo}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

/** The service input from the posted form (strings; the service validates and trims). */
export function relationshipInputOf(form: FormData): RelationshipFormInput {
  const text = (name: string) => String(form.get(name) ?? '');
  const threshold = text('anonymityThreshold').trim();
  return {
    name: text('name'),
    sides: {
      A: { name: text('sides.A.name'), role: text('sides.A.role') },
      B: { name: text('sides.B.name'), role: text('sides.B.role') },
    },
    ...(threshold === '' ? {} : { anonymityThreshold: Number(threshold) }),
  };
}

export type RelationshipFormInput = {
  name: string;
  sides: Record<Side, SideInfo>;
  anonymityThreshold?: number;
};
