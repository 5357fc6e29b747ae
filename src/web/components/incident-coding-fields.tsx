import type { IncidentCoding } from '../../domain/incident-coding.ts';
import { CONTRACT_SCOPES, DIRECTIONS, type Dimension, INCIDENT_TRIGGERS } from '../../domain/model.ts';
import { type FieldErrors, fieldId, TextField } from './form-parts.tsx';
import {
  CONTRACT_SCOPE_LABELS,
  DIRECTION_LABELS,
  STRENGTH_LABELS,
  TRIGGER_LABELS,
} from './incident-labels.tsx';
import { SelectField } from './setup-fields.tsx';

// The coding of an incident as form fields, for the first coder and the blind second coder alike.
// Values come either from a stored coding or from what was just posted (after a refusal), so a
// refused form keeps what the coder chose. Fields are named as the services' input is.

export type CodingFormValues = {
  direction: string;
  strength: string;
  dimensions: string[];
  themes: string;
  trigger: string;
  smallBigThing: boolean;
  contractScope: string;
};

export const EMPTY_CODING: CodingFormValues = {
  direction: '',
  strength: '',
  dimensions: [],
  themes: '',
  trigger: '',
  smallBigThing: false,
  contractScope: '',
};

export function codingToFormValues(coding: IncidentCoding): CodingFormValues {
  return {
    direction: coding.direction,
    strength: String(coding.strength),
    dimensions: coding.dimensions,
    themes: coding.themes.join(', '),
    trigger: coding.trigger,
    smallBigThing: coding.smallBigThing,
    contractScope: coding.contractScope ?? '',
  };
}

/** What a refused form posted, read back from the action's `values` (one value a name). */
export function postedCodingValues(values: Record<string, string>, dimensions: string[]): CodingFormValues {
  return {
    direction: values.direction ?? '',
    strength: values.strength ?? '',
    dimensions,
    themes: values.themes ?? '',
    trigger: values.trigger ?? '',
    smallBigThing: values.smallBigThing === 'on',
    contractScope: values.contractScope ?? '',
  };
}

export function IncidentCodingFields(props: {
  dimensions: readonly Dimension[];
  values: CodingFormValues;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  const errorFor = (name: string) => choiceError(errors, name);
  return (
    <>
      <RadioGroup
        name="direction"
        legend="Direction"
        options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        value={values.direction}
        error={errorFor('direction')}
      />
      <RadioGroup
        name="strength"
        legend="Strength"
        options={([1, 2, 3] as const).map((s) => ({ value: String(s), label: STRENGTH_LABELS[s] }))}
        value={values.strength}
        error={errorFor('strength')}
      />
      <ChoiceGroup
        name="dimensions"
        legend="Dimensions of trust it touched"
        kind="checkbox"
        options={props.dimensions.map((d) => ({ value: d.key, label: d.label }))}
        chosen={values.dimensions}
        error={errorFor('dimensions')}
      />
      <TextField
        name="themes"
        label="Themes"
        hint="Short tags, separated by commas, e.g. outage, blame"
        defaultValue={values.themes}
        error={errorFor('themes')}
      />
      <SelectField
        name="trigger"
        label="Trigger"
        hint="What set it off"
        defaultValue={values.trigger}
        error={errorFor('trigger')}
        options={[
          { value: '', label: 'Not coded yet' },
          ...INCIDENT_TRIGGERS.map((t) => ({ value: t, label: TRIGGER_LABELS[t] })),
        ]}
      />
      <RadioGroup
        name="contractScope"
        legend="Contract scope"
        options={[
          ...CONTRACT_SCOPES.map((s) => ({ value: s, label: CONTRACT_SCOPE_LABELS[s] })),
          { value: '', label: 'Not coded yet' },
        ]}
        value={values.contractScope}
        error={errorFor('contractScope')}
      />
      <div className="field incident-flag">
        <label className="incident-choice">
          <input type="checkbox" name="smallBigThing" defaultChecked={values.smallBigThing} />A “small big
          thing”
        </label>
        <span className="hint">A small act that mattered far more than its size</span>
      </div>
    </>
  );
}

function RadioGroup(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  error: string | undefined;
}) {
  return <ChoiceGroup {...props} kind="radio" chosen={[props.value]} />;
}

/** A field's error, or the first error of one of its items (`sidesInvolved.1`). */
export function choiceError(errors: FieldErrors, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];
}

/**
 * Radio buttons or checkboxes under a legend, with the field's error; the legend takes the id the
 * error summary links to.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  kind: 'radio' | 'checkbox';
  options: ReadonlyArray<{ value: string; label: string }>;
  chosen: readonly string[];
  error: string | undefined;
}) {
  const id = fieldId(props.name);
  return (
    <fieldset className="incident-choices" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend id={id}>{props.legend}</legend>
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      {props.options.map((option) => (
        <label key={option.value || 'none'} className="incident-choice">
          <input
            type={props.kind}
            name={props.name}
            value={option.value}
            defaultChecked={props.chosen.includes(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The coding fields of a posted form as the services take them. Blank choices are left out, so
 * the service names them as required; the dimensions are also kept joined as `dimensionsPosted`,
 * since a refused form's values hold one value a name.
 */
export function readCodingForm(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const dimensions = form.getAll('dimensions').map(String);
  form.set('dimensionsPosted', dimensions.join(','));
  return {
    direction: (text('direction') || undefined) as 'builds' | 'dilutes',
    strength: (text('strength') || undefined) as unknown as number,
    dimensions,
    themes: text('themes')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    trigger: text('trigger') as '',
    smallBigThing: form.get('smallBigThing') === 'on',
    contractScope: text('contractScope') as '',
  };
}
