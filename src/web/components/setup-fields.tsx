import { fieldId } from './form-parts.tsx';

// Form fields the setup screens need beside TextField: a select and a textarea, each with its
// label, hint and error wired to the control the same way (ids from fieldId, so the error
// summary's links land on them).

function describedByOf(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function SelectField(props: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedByOf(id, props.hint, props.error)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
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
  const id = fieldId(props.name);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      <textarea
        id={id}
        name={props.name}
        defaultValue={props.defaultValue}
        rows={props.rows}
        readOnly={props.readOnly}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedByOf(id, props.hint, props.error)}
      />
    </div>
  );
}
