import { Link } from 'react-router';
import { getIncidentAgreement } from '../../services/get-incident-agreement.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { IncidentAgreementTable } from '../components/incident-agreement-table.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SetupTableScroll } from '../components/setup-table-scroll.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/incident-agreement';

// How far two independent coders agree, per coded field (decision 014): Cohen's kappa over the
// incidents coded twice, with n, the observed agreement and the Landis & Koch band.

export function meta({ data }: Route.MetaArgs) {
  return [
    { title: `Agreement between coders — ${data?.report.relationship.name ?? 'Relationship'} — Trustloop` },
  ];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const report = await orNotFound(getIncidentAgreement(context.db, user.workspaceId, params.id));
  return { userName: user.name || user.email, csrfToken: csrfTokenOf(context), report };
}

export default function IncidentAgreement({ loaderData }: Route.ComponentProps) {
  const { report } = loaderData;
  const base = `/relationships/${report.relationship.id}`;
  const tooFew = report.doubleCoded < report.minimum;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <RelationshipBreadcrumbs
          relationship={report.relationship}
          trail={[{ label: 'Incidents', to: `${base}/incidents` }, { label: 'Agreement between coders' }]}
        />
        <h1>Agreement between coders</h1>
        <RelationshipNav id={report.relationship.id} current="incidents" />
        <p>
          {report.doubleCoded} incident{report.doubleCoded === 1 ? ' was' : 's were'} coded twice,
          independently. For each coded field, Cohen’s κ says how far the two codings agree beyond what chance
          alone would give: 1 is full agreement, 0 no better than chance. Each dimension and theme counts as
          its own present-or-absent field. An incident that a coder left uncoded on a field is left out of
          that field.
        </p>
        {tooFew && (
          <p className="warning" role="status">
            Not enough double-coded incidents: κ is shown from {report.minimum} on. Code more incidents a
            second time from their pages.
          </p>
        )}
        <p className="muted small">
          Bands after Landis &amp; Koch (1977): below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate,
          0.80 substantial, above almost perfect.
        </p>
        <p className="link-row">
          <a href={`${base}/incidents-export/agreement`} download>
            Download the agreement table (CSV)
          </a>
        </p>
        {(['coding', 'dimension', 'theme'] as const).map((group) => (
          <SetupTableScroll key={group} label={`Agreement: ${group}`}>
            <IncidentAgreementTable group={group} fields={report.fields} minimum={report.minimum} />
          </SetupTableScroll>
        ))}
        {report.incidents.length > 0 && (
          <section aria-labelledby="coded-twice-title">
            <h2 id="coded-twice-title">Incidents coded twice</h2>
            <ul className="plain">
              {report.incidents.map((i) => (
                <li key={i.ref}>
                  <Link to={`${base}/incidents/${encodeURIComponent(i.ref)}`}>
                    {i.ref}: {i.title}
                  </Link>{' '}
                  <span className="muted small">
                    — {i.firstCoder || 'first coder not recorded'} and {i.secondCoder}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </>
  );
}
