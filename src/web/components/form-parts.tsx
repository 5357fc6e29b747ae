import { useEffect, useRef } from 'react';

export type FieldErrors = Record<string, string>;
/** What a form action returns when a service refused the input (see action-result.server.ts). */
export type ActionFailure = {
  ok: false;
  message: string;
  fieldErrors: FieldErrors;
  values?: Record<string, string>;
};

// Shared form pieces: the CSRF field, an error summary that takes focus (GOV.UK pattern) and links
// to each field, and a labelled field with its hint and error wired for screen readers.

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function ErrorSummary({ failure }: { failure: ActionFailure | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);
  if (!failure) return null;
  const fields = Object.entries(failure.fieldErrors);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <p>{failure.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>{message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** What a control needs to be wired to its label, hint and error. */
export type ControlWiring = { id: string; describedBy: string | undefined; isInvalid: true | undefined };

/**
 * A labelled field: the label, the hint and the error, tied to the control by id and aria. The id is
 * fieldId(name) unless one is given (for a field posted under a name another field on the page shares).
 */
export function FieldFrame(props: {
  name: string;
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  children: (wiring: ControlWiring) => React.ReactNode;
}) {
  const id = props.id ?? fieldId(props.name);
  const describedBy =
    [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;
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
      {props.children({ id, describedBy, isInvalid: props.error ? true : undefined })}
    </div>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number';
  defaultValue?: string | number;
  error?: string;
  required?: boolean;
  autoComplete?: string;
  min?: number;
  max?: number;
}) {
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, isInvalid }) => (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          defaultValue={props.defaultValue}
          required={props.required}
          autoComplete={props.autoComplete}
          min={props.min}
          max={props.max}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}
