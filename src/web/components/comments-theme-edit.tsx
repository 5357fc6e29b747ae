import { Form } from 'react-router';
import type { ThemeCount } from '../../domain/attribute-comments.ts';
import { type ActionFailure, CsrfField, fieldId } from './form-parts.tsx';

// Mending a theme in one place: rename it on every comment of the wave that carries it (onto a
// theme in use, the two merge), or take it off all of them. A plain POST form: it works without
// JavaScript.

export function CommentsThemeEdit(props: {
  wave: string;
  themes: readonly ThemeCount[];
  filter: string | null;
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
}) {
  if (props.themes.length === 0) return null;
  const failure = props.failure;
  const toId = fieldId('to');
  return (
    <details className="comments-theme-edit" id="themes" open={failure !== undefined}>
      <summary>Rename or remove a theme</summary>
      <Form method="post" preventScrollReset className="comments-theme-edit-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="wave" value={props.wave} />
        {props.filter && <input type="hidden" name="filter" value={props.filter} />}
        <div className="field">
          <label htmlFor={fieldId('from')}>Theme</label>
          <select
            id={fieldId('from')}
            name="from"
            defaultValue={failure?.values?.from ?? props.themes[0]?.label}
          >
            {props.themes.map((t) => (
              <option key={t.key} value={t.label}>
                {t.label} ({t.total} comment{t.total === 1 ? '' : 's'})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>New name</label>
          {failure?.fieldErrors.to && (
            <span className="field-error" id={`${toId}-error`}>
              {failure.fieldErrors.to}
            </span>
          )}
          <input
            id={toId}
            name="to"
            type="text"
            autoComplete="off"
            list="comment-theme-options"
            defaultValue={failure?.values?.to ?? ''}
            aria-invalid={failure?.fieldErrors.to ? true : undefined}
            aria-describedby={failure?.fieldErrors.to ? `${toId}-error` : undefined}
          />
        </div>
        <div className="button-row">
          <button
            type="submit"
            name="intent"
            value="rename-theme"
            className="secondary"
            disabled={props.isBusy}
          >
            Rename on every comment
          </button>
          <button
            type="submit"
            name="intent"
            value="drop-theme"
            className="secondary"
            disabled={props.isBusy}
          >
            Remove from every comment
          </button>
        </div>
      </Form>
    </details>
  );
}
