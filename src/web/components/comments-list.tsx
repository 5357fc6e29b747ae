import { Form } from 'react-router';
import { type AttributedComment, describeAttribution } from '../../domain/attribute-comments.ts';
import { CsrfField, fieldId } from './form-parts.tsx';
import { LEVEL_LABELS } from './setup-labels.tsx';

// One side's comments on one question, in the keyed shuffled order: the text, who (side, and
// level only where that is safe; never the person, never a date), the facilitator's theme tags
// each with a Remove button, and a small labelled form to add a theme. Plain POST forms: they
// work without JavaScript; the page comes back at the same comment.

export type CommentFormState = {
  wave: string;
  /** The theme filter in force, kept across a tag change. */
  filter: string | null;
  csrfToken: string;
  isBusy: boolean;
  /** The comment whose theme was refused, with why and what was typed. */
  refused: { ref: string; message: string; theme: string } | null;
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
  return (
    <li className="comment" id={`comment-${comment.ref}`}>
      <p className="comment-text" id={textId}>
        {comment.text}
      </p>
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
