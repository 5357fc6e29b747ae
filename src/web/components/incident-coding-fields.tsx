import type { IncidentCoding } from '../../domain/incident-coding.ts';
import { CONTRACT_SCOPES, DIRECTIONS, type Dimension, INCIDENT_TRIGGERS } from '../../domain/model.ts';
import { type FieldErrors, fieldId } from './form-parts.tsx';
import {
  CONTRACT_SCOPE_LABELS,
  DIRECTION_LABELS,
  STRENGTH_LABELS,
  TRIGGER_LABELS,
} from './incident-labels.tsx';

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
  const errorFor = (name: string) =>
    errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];
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
      <fieldset
        className="incident-choices"
        aria-describedby={describedBy('dimensions', errorFor('dimensions'))}
      >
        <legend id={fieldId('dimensions')}>Dimensions of trust it touched</legend>
        <FieldErrorText name="dimensions" error={errorFor('dimensions')} />
        {props.dimensions.map((d) => (
          <label key={d.key} className="incident-choice">
            <input
              type="checkbox"
              name="dimensions"
              value={d.key}
              defaultChecked={values.dimensions.includes(d.key)}
            />
            {d.label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={fieldId('themes')}>Themes</label>
        <span className="hint" id={`${fieldId('themes')}-hint`}>
          Short tags, separated by commas, e.g. outage, blame
        </span>
        <FieldErrorText name="themes" error={errorFor('themes')} />
        <input
          id={fieldId('themes')}
          name="themes"
          type="text"
          defaultValue={values.themes}
          aria-describedby={describedBy('themes', errorFor('themes'), true)}
          aria-invalid={errorFor('themes') ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={fieldId('trigger')}>Trigger</label>
        <span className="hint" id={`${fieldId('trigger')}-hint`}>
          What set it off
        </span>
        <FieldErrorText name="trigger" error={errorFor('trigger')} />
        <select
          id={fieldId('trigger')}
          name="trigger"
          defaultValue={values.trigger}
          aria-describedby={describedBy('trigger', errorFor('trigger'), true)}
          aria-invalid={errorFor('trigger') ? true : undefined}
        >
          <option value="">Not coded yet</option>
          {INCIDENT_TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {TRIGGER_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
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
  return (
    <fieldset className="incident-choices" aria-describedby={describedBy(props.name, props.error)}>
      <legend id={fieldId(props.name)}>{props.legend}</legend>
      <FieldErrorText name={props.name} error={props.error} />
      {props.options.map((option) => (
        <label key={option.value || 'none'} className="incident-choice">
          <input
            type="radio"
            name={props.name}
            value={option.value}
            defaultChecked={props.value === option.value}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

function FieldErrorText({ name, error }: { name: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span className="field-error" id={`${fieldId(name)}-error`}>
      {error}
    </span>
  );
}

function describedBy(name: string, error: string | undefined, hasHint = false): string | undefined {
  const ids = [hasHint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
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
