import { FieldFrame } from './form-parts.tsx';

// Form fields the setup screens need beside TextField: a select and a textarea, framed by the same
// FieldFrame (ids from fieldId, so the error summary's links land on them).

export function SelectField(props: {
  name: string;
  /** Instead of fieldId(name), for a field posted under a name another field on the page shares. */
  id?: string;
  label: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame name={props.name} id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, isInvalid }) => (
        <select
          id={id}
          name={props.name}
          defaultValue={props.defaultValue}
          required={props.required}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField(props: {
  name: string;
  label: string;
  defaultValue?: string;
  hint?: string;
  error?: string;
  rows?: number;
  readOnly?: boolean;
}) {
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, isInvalid }) => (
        <textarea
          id={id}
          name={props.name}
          defaultValue={props.defaultValue}
          rows={props.rows}
          readOnly={props.readOnly}
          spellCheck={false}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}
