import { Link } from 'react-router';
import { incidentFilterToParams, isFilterEmpty, parseIncidentFilter } from '../../domain/filter-incidents.ts';
import { listIncidents } from '../../services/list-incidents.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CHART_COLORS, renderChartSvg } from '../charts/render-chart.server.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { IncidentFilterForm } from '../components/incident-filter-form.tsx';
import {
  IncidentDirectionBadge,
  IncidentStatusBadge,
  reporterLevelText,
  SOURCE_LABELS,
} from '../components/incident-labels.tsx';
import { describeTimeline, IncidentTimelineTable } from '../components/incident-timeline-table.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SetupTableScroll } from '../components/setup-table-scroll.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/incidents';

// The incident workbench's list: filters as GET parameters (side, level, direction, dimension,
// theme, from, to, status — the dashboard links to these names), the count, a timeline of
// building against diluting incidents by month, and the list itself. Exports take the same filter.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Incidents — ${data?.list.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const { filter, problems } = parseIncidentFilter(new URL(request.url).searchParams);
  const list = await orNotFound(listIncidents(context.db, user.workspaceId, params.id, filter));
  // Show a theme linked in another case as the option it matches.
  if (filter.theme)
    filter.theme = list.themes.find((t) => t.toLowerCase() === filter.theme?.toLowerCase()) ?? filter.theme;
  const chart = list.timeline.length > 0 ? renderTimeline(list.timeline) : null;
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    list,
    filter,
    query: incidentFilterToParams(filter).toString(),
    problems: Object.fromEntries(problems.map((p) => [p.field, p.message])),
    problemText: problems.map((p) => p.text),
    chart,
  };
}

function renderTimeline(timeline: ReadonlyArray<{ month: string; building: number; diluting: number }>) {
  return renderChartSvg(
    {
      grid: { left: 48, right: 16, top: 40, bottom: 56 },
      legend: { top: 0, data: ['Building', 'Diluting'] },
      xAxis: { type: 'category', data: timeline.map((m) => m.month), axisLabel: { rotate: 45 } },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: 'incidents',
        axisLabel: { formatter: (v: number) => String(Math.abs(v)) },
      },
      series: [
        {
          name: 'Building',
          type: 'bar',
          stack: 'month',
          data: timeline.map((m) => m.building),
          itemStyle: { color: CHART_COLORS[2] },
        },
        {
          // Drawn below the axis, so each month reads as building up against diluting down.
          name: 'Diluting',
          type: 'bar',
          stack: 'month',
          data: timeline.map((m) => -m.diluting),
          itemStyle: { color: CHART_COLORS[1] },
        },
      ],
    },
    { width: 760, height: 300 },
  );
}

export default function Incidents({ loaderData }: Route.ComponentProps) {
  const { list, filter, query, chart } = loaderData;
  const base = `/relationships/${list.relationship.id}`;
  const shown = list.incidents.length;
  const filtered = !isFilterEmpty(filter);
  const suffix = query ? `?${query}` : '';
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <RelationshipBreadcrumbs relationship={list.relationship} trail={[{ label: 'Incidents' }]} />
        <h1>Incidents</h1>
        <RelationshipNav id={list.relationship.id} current="incidents" />
        <p className="link-row">
          <Link to={`${base}/incidents/new`}>Add an incident</Link>
          <Link to={`${base}/incident-agreement`}>Agreement between coders (κ)</Link>
        </p>
        {loaderData.problemText.length > 0 && (
          <div className="warning" role="alert">
            <p>Some filters were left out because they could not be read:</p>
            <ul>
              {loaderData.problemText.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        )}
        <IncidentFilterForm
          action={`${base}/incidents`}
          filter={filter}
          sides={list.relationship.sides}
          dimensions={list.dimensions}
          themes={list.themes}
          problems={loaderData.problems}
        />
        <p className="incident-count" role="status" data-testid="incident-count">
          {filtered
            ? `${shown} of ${list.total} incident${list.total === 1 ? '' : 's'} match the filters.`
            : `${list.total} incident${list.total === 1 ? '' : 's'}.`}
        </p>
        {chart && (
          <ChartFigure
            title="Building and diluting incidents by month"
            summary={describeTimeline(list.timeline)}
            svg={chart}
          >
            <IncidentTimelineTable timeline={list.timeline} />
          </ChartFigure>
        )}
        <p className="link-row">
          <a href={`${base}/incidents-export/incidents${suffix}`} download>
            Download this list (CSV)
          </a>
          <a href={`${base}/incidents-export/timeline${suffix}`} download>
            Download the timeline (CSV)
          </a>
        </p>
        {shown === 0 ? (
          <p>{filtered ? 'No incident matches these filters.' : 'No incidents yet.'}</p>
        ) : (
          <SetupTableScroll label="Incidents">
            <table className="incident-table">
              <caption className="visually-hidden">
                Incidents, oldest first{filtered ? ', filtered' : ''}: reporter by side and level only
              </caption>
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Date</th>
                  <th scope="col">Direction and strength</th>
                  <th scope="col">Dimensions and themes</th>
                  <th scope="col">Reported by</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {list.incidents.map((incident) => (
                  <tr key={incident.id}>
                    <th scope="row">
                      <Link to={`${base}/incidents/${encodeURIComponent(incident.ref)}`}>
                        <span className="incident-ref">{incident.ref}</span> {incident.title}
                      </Link>
                      {incident.hasSecondCoding && <div className="muted small">Coded twice</div>}
                    </th>
                    <td className="nowrap">{incident.occurredOn}</td>
                    <td>
                      <IncidentDirectionBadge direction={incident.direction} />
                      <div className="small">strength {incident.strength}</div>
                    </td>
                    <td>
                      <div>
                        {incident.dimensions
                          .map((d) => list.dimensions.find((x) => x.key === d)?.label ?? d)
                          .join(', ') || '—'}
                      </div>
                      <div className="muted small">{incident.themes.join(', ')}</div>
                    </td>
                    <td>
                      {list.relationship.sides[incident.reporterSide].name}, {reporterLevelText(incident)}
                      <div className="muted small">{SOURCE_LABELS[incident.source]}</div>
                    </td>
                    <td>
                      <IncidentStatusBadge status={incident.status} />
                      {incident.resolvedOn && <div className="small">{incident.resolvedOn}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </SetupTableScroll>
        )}
      </main>
    </>
  );
}
