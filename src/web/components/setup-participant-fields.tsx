import { LEVELS, SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { TextField } from './form-parts.tsx';
import { SelectField } from './setup-fields.tsx';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';

// The fields of one participant, shared by the add form and the edit page. Names match the
// service's input (name, email, side, level, role), so its field errors land on the right control.

export type ParticipantFieldValues = {
  name?: string;
  email?: string;
  side?: string;
  level?: string;
  role?: string;
};

export function SetupParticipantFields(props: {
  sides: Record<Side, SideInfo>;
  values: ParticipantFieldValues;
  errors: Record<string, string>;
}) {
  const { values, errors } = props;
  return (
    <>
      <TextField name="name" label="Name" defaultValue={values.name} error={errors.name} required />
      <TextField
        name="email"
        label="Email"
        type="email"
        defaultValue={values.email}
        error={errors.email}
        required
        hint="Unique in this relationship; their personal survey link is sent here."
      />
      <SelectField
        name="side"
        label="Side"
        defaultValue={values.side ?? 'A'}
        error={errors.side}
        options={SIDES.map((side) => ({ value: side, label: sideLabel(props.sides, side) }))}
      />
      <SelectField
        name="level"
        label="Level"
        defaultValue={values.level ?? 'operational'}
        error={errors.level}
        hint="Leadership, operational (inter-team) or staff (day-to-day contact)."
        options={LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
      />
      <TextField
        name="role"
        label="Role (optional)"
        defaultValue={values.role}
        error={errors.role}
        hint="For example CIO or service delivery manager."
      />
    </>
  );
}
