import { SIDES } from '../../domain/model.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { ResultsHeadlines } from '../components/results-headlines.tsx';
import { ResultsTable } from '../components/results-table.tsx';
import { ResultsWavePicker } from '../components/results-wave-picker.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { buildTrendHeadlines } from '../results/build-trend-headlines.ts';
import { buildIncidentPeriods } from '../results/build-trend-tables.ts';
import { raterLabel } from '../results/build-wave-tables.ts';
import { loadResultsAnalysis, trendTablesOf } from '../results/load-results.server.ts';
import { withoutColumn } from '../results/screen-tables.ts';
import { renderTrendDimensions, renderTrendIndex } from '../results/trend-charts.server.ts';
import type { Route } from './+types/results-trend';

// The trend across waves: each side's Trust Index with its 95% interval, each dimension, the stage
// history with its reasons, the changes between waves (Welch 95% CI, Hedges' g) and the incidents
// that built or diluted trust in each period, linked to the incident list of that period.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Trend — ${data?.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const loaded = await loadResultsAnalysis(context.db, user.workspaceId, params.id);
  const { analysis } = loaded;
  const { sides } = analysis.relationship;
  const hasWaves = analysis.waves.length > 0;
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationship: { id: analysis.relationship.id, name: analysis.relationship.name },
    waves: analysis.waves.map((w) => w.label),
    headlines: buildTrendHeadlines(analysis, buildIncidentPeriods(analysis, loaded.incidents)),
    tables: trendTablesOf(loaded),
    indexChart: hasWaves ? renderTrendIndex(analysis) : null,
    dimensionCharts: hasWaves
      ? SIDES.map((side) => ({
          side,
          title: raterLabel(sides, side),
          ...renderTrendDimensions(analysis, side),
        }))
      : [],
  };
}

export default function ResultsTrend({ loaderData }: Route.ComponentProps) {
  const { relationship, tables } = loaderData;
  const base = `/relationships/${relationship.id}`;
  const exportHref = (table: string) => `${base}/results-export/${table}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide results" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: relationship.name, to: base },
            { label: 'Trend' },
          ]}
        />
        <h1>{relationship.name}: trend across waves</h1>
        <RelationshipNav id={relationship.id} current="trend" />
        {loaderData.waves.length === 0 ? (
          <p className="notice">No waves yet: the trend starts with the first wave's responses.</p>
        ) : (
          <>
            <ResultsWavePicker base={base} waves={loaderData.waves} current="trend" />
            <ResultsHeadlines headlines={loaderData.headlines} />

            <section aria-labelledby="trend-index-title">
              <h2 id="trend-index-title">Trust Index across waves</h2>
              {loaderData.indexChart && (
                <ChartFigure
                  title="Trust Index per side across waves, with 95% confidence intervals"
                  summary={loaderData.indexChart.summary}
                  svg={loaderData.indexChart.svg}
                >
                  <ResultsTable table={tables['trend-index']} exportHref={exportHref('trend-index')} />
                </ChartFigure>
              )}
            </section>

            <section aria-labelledby="trend-stage-title">
              <h2 id="trend-stage-title">Stage history</h2>
              <p className="muted">
                Why each stage: under "Why this stage" on each wave's results page (and in the download).
              </p>
              <ResultsTable
                table={withoutColumn(
                  tables['stage-history'],
                  'reasons',
                  'Stage history: the trust stage at each wave',
                )}
                exportHref={exportHref('stage-history')}
              />
            </section>

            <section aria-labelledby="trend-dimensions-title">
              <h2 id="trend-dimensions-title">Dimensions across waves</h2>
              {loaderData.dimensionCharts.map((chart) => (
                <ChartFigure
                  key={chart.side}
                  title={`${chart.title}: each dimension across waves`}
                  summary={chart.summary}
                  svg={chart.svg}
                >
                  <p>
                    Every number of this chart is in the table{' '}
                    <a href="#trend-dimensions-table">“{tables['trend-dimensions'].caption}”</a>.
                  </p>
                </ChartFigure>
              ))}
              <div id="trend-dimensions-table">
                <ResultsTable
                  table={tables['trend-dimensions']}
                  exportHref={exportHref('trend-dimensions')}
                />
              </div>
            </section>

            <section aria-labelledby="trend-incidents-title">
              <h2 id="trend-incidents-title">Incidents between waves</h2>
              <p>
                Critical incidents that built or diluted trust, by the month they happened, in the periods
                between the waves' closing months. Each number links to those incidents.
              </p>
              <ResultsTable table={tables['incident-periods']} exportHref={exportHref('incident-periods')} />
            </section>

            <section aria-labelledby="trend-changes-title">
              <h2 id="trend-changes-title">Change between waves</h2>
              <p>
                The difference of each side's mean (in scale points) from one wave to the next, and from the
                first wave to the last, with its 95% confidence interval (Welch) and effect size (Hedges' g:
                0.2 small, 0.5 medium, 0.8 large). An interval that does not include zero is a change beyond
                chance.
              </p>
              <ResultsTable table={tables.changes} exportHref={exportHref('changes')} />
            </section>
          </>
        )}
      </main>
    </>
  );
}
