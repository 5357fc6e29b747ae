import { Form } from 'react-router';
import { SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { CsrfField, FieldFrame, TextField } from './form-parts.tsx';
import { sideLabel } from './setup-labels.tsx';

// Adding a sponsor: name, email, and which side of which relationship they lead, chosen in one
// list grouped by relationship (works without JavaScript: the side's names are right there).
// The choice posts as "relationship id|side"; the page splits it for the service.

export type RelationshipChoice = { id: string; name: string; sides: Record<Side, SideInfo> };

export function sponsorOfValue(relationshipId: string, side: Side): string {
  return `${relationshipId}|${side}`;
}

export function PeopleAddForm(props: {
  csrfToken: string;
  relationships: readonly RelationshipChoice[];
  values: Record<string, string>;
  errors: Record<string, string>;
  isBusy: boolean;
}) {
  const { values, errors } = props;
  return (
    <Form method="post" noValidate className="form people-add">
      <CsrfField token={props.csrfToken} />
      <TextField
        name="name"
        label="Name"
        autoComplete="off"
        defaultValue={values.name}
        error={errors.name}
        required
      />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        defaultValue={values.email}
        error={errors.email}
        required
        hint="The invitation with a link to choose a password goes here (through the outbox)."
      />
      <FieldFrame
        name="sponsorOf"
        label="Sponsor of"
        hint="The relationship, and the side this person leads."
        error={errors.sponsorOf}
      >
        {({ id, describedBy, isInvalid }) => (
          <select
            id={id}
            name="sponsorOf"
            defaultValue={values.sponsorOf ?? ''}
            required
            aria-invalid={isInvalid}
            aria-describedby={describedBy}
          >
            <option value="" disabled>
              Choose a relationship and side
            </option>
            {props.relationships.map((relationship) => (
              <optgroup key={relationship.id} label={relationship.name}>
                {SIDES.map((side) => (
                  <option key={side} value={sponsorOfValue(relationship.id, side)}>
                    {sideLabel(relationship.sides, side)}
                    {relationship.sides[side].role ? ` — ${relationship.sides[side].role}` : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FieldFrame>
      <div className="actions">
        <button type="submit" name="intent" value="add" disabled={props.isBusy}>
          Add sponsor and send the invitation
        </button>
      </div>
    </Form>
  );
}
