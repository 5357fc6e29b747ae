import { Form } from 'react-router';
import type { IncidentFilter } from '../../domain/filter-incidents.ts';
import {
  DIRECTIONS,
  type Dimension,
  INCIDENT_STATUSES,
  LEVELS,
  SIDES,
  type Side,
  type SideInfo,
} from '../../domain/model.ts';
import { FieldFrame, fieldId } from './form-parts.tsx';
import { DIRECTION_LABELS, STATUS_LABELS } from './incident-labels.tsx';
import { SelectField } from './setup-fields.tsx';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';

// The list's filters as a plain GET form: works without JavaScript, and the resulting URL (with
// the parameter names the dashboard links to) can be bookmarked and shared.

export function IncidentFilterForm(props: {
  action: string;
  filter: IncidentFilter;
  sides: Record<Side, SideInfo>;
  dimensions: readonly Dimension[];
  themes: readonly string[];
  problems: Record<string, string>;
}) {
  const { filter, problems } = props;
  const frame = (name: keyof IncidentFilter, label: string, hint?: string) => ({
    name,
    id: fieldId(`filter-${name}`),
    label,
    hint,
    error: problems[name],
  });
  const select = (
    name: keyof IncidentFilter,
    label: string,
    options: ReadonlyArray<{ value: string; label: string }>,
  ) => (
    <SelectField
      {...frame(name, label)}
      defaultValue={filter[name] ?? ''}
      options={[{ value: '', label: 'Any' }, ...options]}
    />
  );
  const month = (name: 'from' | 'to', label: string) => (
    <FieldFrame {...frame(name, label, 'YYYY-MM')}>
      {({ id, describedBy, isInvalid }) => (
        <input
          id={id}
          name={name}
          type="month"
          defaultValue={filter[name] ?? ''}
          pattern="\d{4}-\d{2}"
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
  return (
    <Form method="get" action={props.action} className="incident-filters" aria-labelledby="filters-title">
      <h2 id="filters-title">Filter</h2>
      <div className="incident-filter-grid">
        {select(
          'side',
          'Side involved',
          SIDES.map((s) => ({ value: s, label: sideLabel(props.sides, s) })),
        )}
        {select(
          'level',
          'Level involved',
          LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
        )}
        {select(
          'direction',
          'Direction',
          DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] })),
        )}
        {select(
          'dimension',
          'Dimension',
          props.dimensions.map((d) => ({ value: d.key, label: d.label })),
        )}
        {select(
          'theme',
          'Theme',
          props.themes.map((t) => ({ value: t, label: t })),
        )}
        {select(
          'status',
          'Status',
          INCIDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        )}
        {month('from', 'From month')}
        {month('to', 'To month')}
      </div>
      <div className="actions">
        <button type="submit">Show incidents</button>
        <a href={props.action}>Clear filters</a>
      </div>
    </Form>
  );
}
