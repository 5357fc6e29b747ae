import { Form } from 'react-router';
import { type AttributedComment, describeAttribution } from '../../domain/attribute-comments.ts';
import { CsrfField, fieldId } from './form-parts.tsx';
import { LEVEL_LABELS } from './setup-labels.tsx';

// One side's comments on one question, in the keyed shuffled order: the text, who (side, and
// level only where that is safe; never the person, never a date), the facilitator's theme tags
// each with a Remove button, a small labelled form to add a theme, and the moderation a
// facilitator does before anyone else reads a comment: redact it (strike out a name: everyone else
// reads the redacted text, the original stays here) or hide it. Plain POST forms: they work
// without JavaScript; the page comes back at the same comment.

export type CommentFormState = {
  wave: string;
  /** The theme filter in force, kept across a tag change. */
  filter: string | null;
  csrfToken: string;
  isBusy: boolean;
  /** The comment whose theme was refused, with why and what was typed. */
  refused: { ref: string; message: string; theme: string } | null;
  /** The comment whose redaction was refused, with why and what was typed. */
  refusedRedaction: { ref: string; message: string; text: string } | null;
};

export function CommentsList(props: {
  comments: readonly AttributedComment[];
  sideName: string;
  form: CommentFormState;
}) {
  return (
    <ul className="comments-list">
      {props.comments.map((comment) => (
        <CommentItem key={comment.ref} comment={comment} sideName={props.sideName} form={props.form} />
      ))}
    </ul>
  );
}

function CommentItem({
  comment,
  sideName,
  form,
}: {
  comment: AttributedComment;
  sideName: string;
  form: CommentFormState;
}) {
  const { level, reason } = describeAttribution(comment.attribution);
  const refused = form.refused?.ref === comment.ref ? form.refused : null;
  // The refused comment's field takes the id the error summary links to.
  const inputId = refused ? fieldId('theme') : fieldId(`theme-${comment.ref}`);
  const textId = `comment-${comment.ref}-text`;
  const refusedRedaction = form.refusedRedaction?.ref === comment.ref ? form.refusedRedaction : null;
  const redactId = refusedRedaction ? fieldId('text') : fieldId(`redact-${comment.ref}`);
  return (
    <li className={comment.hidden ? 'comment comment-hidden' : 'comment'} id={`comment-${comment.ref}`}>
      {(comment.hidden || comment.original !== null) && (
        <p className="comment-flags">
          {comment.hidden && <span className="badge">Hidden from everyone else</span>}
          {comment.original !== null && <span className="badge">Redacted</span>}
        </p>
      )}
      <p className="comment-text" id={textId}>
        {comment.text}
      </p>
      {comment.original !== null && (
        <details className="comment-original">
          <summary>The participant's own words (facilitators only)</summary>
          <p>{comment.original}</p>
        </details>
      )}
      <p className="comment-who">
        {sideName}, {level ? LEVEL_LABELS[level] : reason}
      </p>
      {comment.themes.length > 0 && (
        <ul className="comment-themes" aria-label="Themes of this comment">
          {comment.themes.map((theme) => (
            <li key={theme}>
              <Form method="post" preventScrollReset className="comment-theme">
                <ThemeFormFields comment={comment} form={form} />
                <input type="hidden" name="theme" value={theme} />
                <span className="comment-theme-name">{theme}</span>
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="link-button"
                  disabled={form.isBusy}
                >
                  Remove<span className="visually-hidden"> theme {theme} from this comment</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" preventScrollReset className="comment-add" key={comment.themes.join('|')}>
        <ThemeFormFields comment={comment} form={form} />
        <label htmlFor={inputId}>
          Add a theme<span className="visually-hidden"> to this comment</span>
        </label>
        {refused && (
          <span className="field-error" id={`${inputId}-error`}>
            {refused.message}
          </span>
        )}
        <div className="comment-add-row">
          <input
            id={inputId}
            name="theme"
            type="text"
            defaultValue={refused?.theme ?? ''}
            aria-invalid={refused ? true : undefined}
            aria-describedby={[refused ? `${inputId}-error` : null, textId].filter(Boolean).join(' ')}
            autoComplete="off"
            list="comment-theme-options"
          />
          <button type="submit" name="intent" value="add" className="secondary small" disabled={form.isBusy}>
            Add
          </button>
        </div>
      </Form>
      <details className="comment-moderate" open={refusedRedaction !== null}>
        <summary>
          Redact or hide<span className="visually-hidden"> this comment</span>
        </summary>
        <Form method="post" preventScrollReset className="comment-redact">
          <ThemeFormFields comment={comment} form={form} />
          <label htmlFor={redactId}>What everyone else reads</label>
          <span className="hint" id={`${redactId}-hint`}>
            Strike out a name or a detail that points at someone, for example “[name]”. The original stays
            here, for facilitators only.
          </span>
          {refusedRedaction && (
            <span className="field-error" id={`${redactId}-error`}>
              {refusedRedaction.message}
            </span>
          )}
          <textarea
            id={redactId}
            name="text"
            rows={3}
            defaultValue={refusedRedaction?.text ?? comment.text}
            aria-invalid={refusedRedaction ? true : undefined}
            aria-describedby={[`${redactId}-hint`, refusedRedaction ? `${redactId}-error` : null]
              .filter(Boolean)
              .join(' ')}
          />
          <div className="button-row">
            <button
              type="submit"
              name="intent"
              value="redact"
              className="secondary small"
              disabled={form.isBusy}
            >
              Save the redaction
            </button>
            {comment.original !== null && (
              <button
                type="submit"
                name="intent"
                value="unredact"
                className="link-button"
                disabled={form.isBusy}
              >
                Undo the redaction
              </button>
            )}
          </div>
        </Form>
        <Form method="post" preventScrollReset className="comment-hide">
          <ThemeFormFields comment={comment} form={form} />
          {comment.hidden ? (
            <button
              type="submit"
              name="intent"
              value="show"
              className="secondary small"
              disabled={form.isBusy}
            >
              Show it again<span className="visually-hidden"> to everyone who may read comments</span>
            </button>
          ) : (
            <button
              type="submit"
              name="intent"
              value="hide"
              className="secondary small"
              disabled={form.isBusy}
            >
              Hide it from everyone else
            </button>
          )}
        </Form>
      </details>
    </li>
  );
}

function ThemeFormFields({ comment, form }: { comment: AttributedComment; form: CommentFormState }) {
  return (
    <>
      <CsrfField token={form.csrfToken} />
      <input type="hidden" name="ref" value={comment.ref} />
      <input type="hidden" name="wave" value={form.wave} />
      {form.filter && <input type="hidden" name="filter" value={form.filter} />}
    </>
  );
}
