import { data } from 'react-router';
import { httpStatusOf, isAppError, retryAfterSecondsOf } from '../domain/app-error.ts';
import type { ActionFailure, FieldErrors } from './components/form-parts.tsx';
import { wordFieldNames } from './field-labels.ts';

export type { ActionFailure, FieldErrors };

/**
 * Runs a form action's service call; an expected failure (AppError) becomes data the page shows in
 * its error summary, with a message per field where the service named one; anything else throws.
 */
export async function runFormAction<T>(
  form: FormData,
  run: () => Promise<T>,
): Promise<T | ReturnType<typeof data<ActionFailure>>> {
  try {
    return await run();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fieldErrors: FieldErrors = {};
    for (const detail of error.details) {
      const { field, message } = detail as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && typeof message === 'string' && !(field in fieldErrors)) {
        fieldErrors[field] = message;
      }
    }
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string' && key !== '_csrf' && !/password/i.test(key)) values[key] = value;
    }
    // The same status the API answers for this code (APP_ERROR_CODES), and when to try again.
    const retryAfter = retryAfterSecondsOf(error);
    return remember(
      data<ActionFailure>(
        // The page words the field names ("Held on", not `heldOn`); the API keeps them as they are.
        { ok: false, message: wordFieldNames(error.message), fieldErrors, values },
        {
          status: httpStatusOf(error),
          ...(retryAfter === null ? {} : { headers: { 'Retry-After': String(retryAfter) } }),
        },
      ),
    );
  }
}

/** The failures runFormAction made: an action whose service returns nothing tells them apart. */
const failures = new WeakSet<object>();

function remember<T extends object>(failure: T): T {
  failures.add(failure);
  return failure;
}

/** True for what runFormAction returned because the service refused (to return to the page). */
export function isFormFailure(value: unknown): value is ReturnType<typeof data<ActionFailure>> {
  return typeof value === 'object' && value !== null && failures.has(value);
}

/**
 * A new password must be typed twice the same: the failure to show when it was not (the typed
 * `values` other than passwords are kept), or null.
 */
export function refusePasswordMismatch(form: FormData, values: Record<string, string> = {}) {
  if (String(form.get('password') ?? '') === String(form.get('passwordConfirm') ?? '')) return null;
  return data<ActionFailure>(
    {
      ok: false,
      message: 'The two passwords are not the same.',
      fieldErrors: { passwordConfirm: 'type the same password twice' },
      values,
    },
    { status: 400 },
  );
}
