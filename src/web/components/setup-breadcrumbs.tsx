import { Link } from 'react-router';

// Where a setup page sits: Relationships › Northwind ⇄ Contoso › Participants. The last crumb is
// the current page, marked with aria-current and not a link.

export function SetupBreadcrumbs({ trail }: { trail: readonly { label: string; to?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.to ?? 'current'}>
            {crumb.to ? (
              <Link to={crumb.to}>{crumb.label}</Link>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The trail of a page under a relationship: Relationships › its name › then `trail`. */
export function RelationshipBreadcrumbs({
  relationship,
  trail,
}: {
  relationship: { id: string; name: string };
  trail: readonly { label: string; to?: string }[];
}) {
  return (
    <SetupBreadcrumbs
      trail={[
        { label: 'Relationships', to: '/' },
        { label: relationship.name, to: `/relationships/${relationship.id}` },
        ...trail,
      ]}
    />
  );
}
