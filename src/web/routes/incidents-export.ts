import { data } from 'react-router';
import { formatCsv } from '../../domain/csv.ts';
import { parseIncidentFilter } from '../../domain/filter-incidents.ts';
import { getIncidentAgreement } from '../../services/get-incident-agreement.ts';
import { listIncidents } from '../../services/list-incidents.ts';
import { requireWebUser } from '../auth.server.ts';
import { kappaExplanation } from '../components/incident-agreement-table.tsx';
import { BAND_LABELS, reporterLevelText } from '../components/incident-labels.tsx';
import { csvDownload } from '../csv-download.server.ts';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/incidents-export';

// CSV downloads of the incident workbench's tables: `incidents` (the list, with the page's filter
// parameters), `timeline` (building and diluting by month, same filter) and `agreement` (κ per
// coded field). Same services as the pages, so the numbers are the same. The reporter is a side
// and a level; no narrative or survey response leaves through here.

const INCIDENT_EXPORT_TABLES = ['incidents', 'timeline', 'agreement'] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const key = params.table;
  const { filter, problems } = parseIncidentFilter(new URL(request.url).searchParams);
  if (problems.length > 0) throw data(problems.map((p) => p.text).join('; '), { status: 400 });
  let rows: string[][];
  let name: string;
  if (key === 'incidents' || key === 'timeline') {
    const list = await orNotFound(listIncidents(context.db, user.workspaceId, params.id, filter));
    name = `${list.relationship.name} incidents${key === 'timeline' ? ' timeline' : ''}`;
    rows =
      key === 'timeline'
        ? [
            ['month', 'building', 'diluting'],
            ...list.timeline.map((m) => [m.month, String(m.building), String(m.diluting)]),
          ]
        : [
            [
              'ref',
              'occurred_on',
              'title',
              'reporter_side',
              'reporter_level',
              'reporter_level_not_shown_because',
              'sides_involved',
              'levels_involved',
              'direction',
              'strength',
              'dimensions',
              'themes',
              'trigger',
              'small_big_thing',
              'contract_scope',
              'source',
              'status',
              'resolved_on',
              'coded_twice',
            ],
            ...list.incidents.map((i) => [
              i.ref,
              i.occurredOn,
              i.title,
              i.reporterSide,
              i.reporterLevel ?? '',
              i.reporterLevel ? '' : reporterLevelText(i),
              i.sidesInvolved.join(';'),
              i.levelsInvolved.join(';'),
              i.direction,
              String(i.strength),
              i.dimensions.join(';'),
              i.themes.join(';'),
              i.trigger,
              i.smallBigThing ? 'yes' : 'no',
              i.contractScope ?? '',
              i.source,
              i.status,
              i.resolvedOn ?? '',
              i.hasSecondCoding ? 'yes' : 'no',
            ]),
          ];
  } else if (key === 'agreement') {
    const report = await orNotFound(getIncidentAgreement(context.db, user.workspaceId, params.id));
    name = `${report.relationship.name} coder agreement`;
    rows = [
      ['field', 'group', 'n', 'observed_agreement', 'kappa', 'agreement'],
      ...report.fields.map((f) => [
        f.label,
        f.group,
        String(f.n),
        f.observed === null ? '' : String(f.observed),
        f.kappa === null ? '' : String(f.kappa),
        f.band ? BAND_LABELS[f.band] : kappaExplanation(f, report.minimum),
      ]),
    ];
  } else {
    throw data(`There is no incidents table "${key}". Tables: ${INCIDENT_EXPORT_TABLES.join(', ')}.`, {
      status: 404,
    });
  }
  return csvDownload(name, formatCsv(rows));
}
