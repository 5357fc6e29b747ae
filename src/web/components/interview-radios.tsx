import { fieldId } from './form-parts.tsx';

// One choice of the interview forms as radio buttons under a legend, with the field's error. The
// first button takes the id the error summary links to.

export function InterviewRadios(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  chosen: string | undefined;
  error: string | undefined;
  className?: string;
}) {
  const id = fieldId(props.name);
  return (
    <fieldset className={props.className} aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      {props.options.map((option, index) => (
        <label key={option.value} className="interview-choice">
          <input
            type="radio"
            name={props.name}
            value={option.value}
            id={index === 0 ? id : undefined}
            defaultChecked={props.chosen === option.value}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
