import { Link } from 'react-router';
import type { Side } from '../../domain/model.ts';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// The workspace's accounts: name and email, role, and for a sponsor each relationship and side
// they sponsor with a link to take that access away (confirmed on the page before it happens).

export type PersonView = {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'facilitator' | 'sponsor';
  grants: ReadonlyArray<{ relationshipId: string; relationshipName: string; side: Side; sideName: string }>;
};

const ROLE_LABELS = { admin: 'Admin', facilitator: 'Facilitator', sponsor: 'Sponsor' } as const;

export function PeopleTable({ people }: { people: readonly PersonView[] }) {
  return (
    <SetupTableScroll label="People of this workspace">
      <table className="people-table">
        <caption className="visually-hidden">People of this workspace, with what each sponsor sees</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Sees</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                {person.name || <span className="muted">no name</span>}
                <div className="muted small people-email">{person.email}</div>
                <div className="small">{ROLE_LABELS[person.role]}</div>
              </th>
              <td>
                {person.role !== 'sponsor' ? (
                  <span className="muted">every relationship</span>
                ) : person.grants.length === 0 ? (
                  <span className="muted">no relationship at the moment</span>
                ) : (
                  <ul className="plain people-grants">
                    {person.grants.map((grant) => (
                      <li key={grant.relationshipId}>
                        {grant.relationshipName}{' '}
                        <span className="muted">
                          — {grant.sideName} ({grant.side})
                        </span>{' '}
                        <Link
                          to={`?remove=${person.id}&relationship=${grant.relationshipId}#confirm-remove`}
                          className="danger-link"
                        >
                          Remove access
                          <span className="visually-hidden">
                            {' '}
                            of {person.name || person.email} to {grant.relationshipName}
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}
