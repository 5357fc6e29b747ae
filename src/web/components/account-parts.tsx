import { type ActionFailure, TextField } from './form-parts.tsx';

// Small pieces the account and setup pages share: reading an action's failure out of actionData,
// and wording a service's "field: message" errors for people rather than programs.

/** The action's failure, if the last submission failed (actionData is undefined before any). */
export function failureOf(actionData: unknown): ActionFailure | undefined {
  if (typeof actionData !== 'object' || actionData === null) return undefined;
  return (actionData as { ok?: unknown }).ok === false ? (actionData as ActionFailure) : undefined;
}

/**
 * Services write errors as `field: message` (`anonymityThreshold: must be at most 10`). For the
 * error summary the field's machine name becomes its label, and the first letter a capital.
 */
export function wordFailure(
  failure: ActionFailure | undefined,
  labels: Record<string, string>,
): ActionFailure | undefined {
  if (!failure) return undefined;
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(failure.fieldErrors)) {
    fieldErrors[field] = `${labels[field] ?? field}: ${message}`;
  }
  const prefixed = /^([\w.]+): (.*)$/s.exec(failure.message);
  const field = prefixed?.[1];
  const rest = prefixed?.[2] ?? '';
  const count = Object.keys(failure.fieldErrors).length;
  let message = capitalise(failure.message);
  if (field && failure.fieldErrors[field] !== undefined && rest.startsWith(failure.fieldErrors[field])) {
    // "name: must not be empty (and 2 more)" only repeats the list below it.
    message = count === 1 ? 'Correct the field below.' : `Correct the ${count} fields below.`;
  } else if (field && labels[field]) {
    message = `${labels[field]}: ${rest}`;
  }
  return { ...failure, message, fieldErrors };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value the failed submission carried, so the form keeps what was typed. */
export function typedValue(failure: ActionFailure | undefined, name: string): string | undefined {
  return failure?.values?.[name];
}

/** A new password typed twice (first admin, password reset): both fields wired to their errors. */
export function NewPasswordFields(props: {
  labels: { password: string; passwordConfirm: string };
  hint: string;
  failure: ActionFailure | undefined;
}) {
  return (
    <>
      <TextField
        name="password"
        label={props.labels.password}
        type="password"
        autoComplete="new-password"
        hint={props.hint}
        required
        error={props.failure?.fieldErrors.password}
      />
      <TextField
        name="passwordConfirm"
        label={props.labels.passwordConfirm}
        type="password"
        autoComplete="new-password"
        required
        error={props.failure?.fieldErrors.passwordConfirm}
      />
    </>
  );
}
