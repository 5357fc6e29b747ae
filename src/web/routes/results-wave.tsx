import { Link } from 'react-router';
import { SIDES } from '../../domain/model.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { ResultsHeadlines } from '../components/results-headlines.tsx';
import { ResultsTable } from '../components/results-table.tsx';
import { ResultsWavePicker } from '../components/results-wave-picker.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { buildWaveHeadlines } from '../results/build-wave-headlines.ts';
import { stageText } from '../results/build-wave-tables.ts';
import {
  BLIND_SPOT_POINTS,
  LEVEL_SPREAD_POINTS,
  LOW_AGREEMENT,
  LOW_RELIABILITY,
} from '../results/format-results.ts';
import { loadWaveResults } from '../results/load-results.server.ts';
import { withoutRows } from '../results/screen-tables.ts';
import { renderHeatmap, renderRadar } from '../results/wave-charts.server.ts';
import type { Route } from './+types/results-wave';

// The dashboard of one wave: the story first (headlines written from the numbers), then the Trust
// Index and stage with its reasons, the heatmap of side × level × dimension with n, α and rwg(j),
// the radar, perception gaps, level alignment, reliability and response rates. Charts are SVG
// drawn on the server; every chart has its numbers as a table, and every table a CSV download.

export function meta({ data }: Route.MetaArgs) {
  return [
    { title: `Results ${data?.wave.label ?? ''} — ${data?.relationship.name ?? 'Relationship'} — Trustloop` },
  ];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const { analysis, wave, tables } = await loadWaveResults(
    context.db,
    user.workspaceId,
    params.id,
    params.label,
  );
  const { sides } = analysis.relationship;
  const hasResponses = SIDES.some((side) => Object.values(wave.respondents[side]).some((n) => n > 0));
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationship: { id: analysis.relationship.id, name: analysis.relationship.name, sides },
    waves: analysis.waves.map((w) => w.label),
    wave: {
      label: wave.label,
      opens: wave.opens,
      closes: wave.closes,
      k: wave.anonymityThreshold,
      scale: wave.scale,
      stage: { text: stageText(wave.stage), reasons: wave.stage.reasons },
    },
    hasResponses,
    headlines: buildWaveHeadlines(wave, sides),
    tables,
    heatmap: hasResponses ? renderHeatmap(wave, tables.heatmap) : null,
    radar: hasResponses ? renderRadar(wave, sides) : null,
  };
}

export default function ResultsWave({ loaderData }: Route.ComponentProps) {
  const { relationship, wave, tables, headlines } = loaderData;
  const base = `/relationships/${relationship.id}`;
  const exportHref = (table: string) =>
    `${base}/results-export/${table}?wave=${encodeURIComponent(wave.label)}`;
  const indexRows = tables.indices.rows;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide results" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: relationship.name, to: base },
            { label: `Results: ${wave.label}` },
          ]}
        />
        <h1>
          {relationship.name}: results of {wave.label}
        </h1>
        <RelationshipNav id={relationship.id} current="results" />
        <ResultsWavePicker base={base} waves={loaderData.waves} current={wave.label} />
        <p className="muted">
          {wave.opens} to {wave.closes}. Scale {wave.scale.min}–{wave.scale.max}; Trust Index 0–100. Groups of
          fewer than k = {wave.k} respondents are hidden.
        </p>
        <nav className="downloads" aria-label="Files to hand over">
          <span>Hand over:</span>
          <a href={`${base}/results-document/${encodeURIComponent(wave.label)}/pptx`} download>
            the workshop deck <span className="muted">(PowerPoint)</span>
          </a>
          <a href={`${base}/results-document/${encodeURIComponent(wave.label)}/pdf`} download>
            the report <span className="muted">(PDF)</span>
          </a>
          <a href={`${base}/results-workbook`} download>
            every table of every wave <span className="muted">(Excel, one sheet per table)</span>
          </a>
        </nav>

        {!loaderData.hasResponses ? (
          <p className="notice">
            Nobody has answered {wave.label} yet. Results appear here as soon as responses are in; see{' '}
            <Link to={`${base}/waves/${encodeURIComponent(wave.label)}`}>the wave's response tracking</Link>.
          </p>
        ) : (
          <>
            <ResultsHeadlines headlines={headlines} />

            <section aria-labelledby="index-title">
              <h2 id="index-title">Trust Index and stage</h2>
              <ul className="results-cards">
                {indexRows.map((row) => {
                  const cell = row.cells[0]!;
                  return (
                    <li key={row.key} className="results-card" data-index={row.key}>
                      <span className="results-card-label">{row.headers[0]}</span>
                      <span className="results-card-number">{cell.texts[0]}</span>
                      {cell.texts[1] && <span className="muted">95% CI {cell.texts[1]}</span>}
                    </li>
                  );
                })}
                <li className="results-card" data-stage="">
                  <span className="results-card-label">Stage</span>
                  <span className="results-card-number">{wave.stage.text}</span>
                </li>
              </ul>
              <h3>Why this stage</h3>
              <ul className="results-reasons">
                {wave.stage.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              <ResultsTable table={tables.indices} exportHref={exportHref('indices')} />
              {/* The relationship's reasons are "Why this stage" above: the table shows each level's. */}
              <ResultsTable
                table={withoutRows(
                  tables.stages,
                  ['relationship'],
                  `Trust stage of each level, ${wave.label}`,
                )}
                exportHref={exportHref('stages')}
              />
            </section>

            <section aria-labelledby="heatmap-title">
              <h2 id="heatmap-title">Scores by side, level and dimension</h2>
              <p>
                Each row is one side's level rating the other side. Every mean has its n and rwg(j) (agreement
                within the group) beside it, and every dimension its Cronbach's α (reliability). A ⚠ warning
                marks agreement or reliability below {LOW_AGREEMENT.toFixed(2)}: the mean hides disagreement
                or an unreliable scale.
              </p>
              {loaderData.heatmap && (
                <ChartFigure
                  title={`Heatmap of ${wave.label}`}
                  summary={loaderData.heatmap.summary}
                  svg={loaderData.heatmap.svg}
                >
                  <p>
                    The numbers of this chart, with n and rwg(j), are in the table{' '}
                    <a href="#heatmap-table">“{tables.heatmap.caption}”</a> below it.
                  </p>
                </ChartFigure>
              )}
              <div id="heatmap-table">
                <ResultsTable table={tables.heatmap} exportHref={exportHref('heatmap')} />
              </div>
            </section>

            <section aria-labelledby="radar-title">
              <h2 id="radar-title">Each side's trust by dimension</h2>
              {loaderData.radar && (
                <ChartFigure
                  title={`Radar of ${wave.label}`}
                  summary={loaderData.radar.summary}
                  svg={loaderData.radar.svg}
                >
                  <ResultsTable table={tables.dimensions} exportHref={exportHref('dimensions')} />
                </ChartFigure>
              )}
            </section>

            <section aria-labelledby="gaps-title">
              <h2 id="gaps-title">Perception gaps</h2>
              <p>
                What each side believes the other thinks of it, against what the other side really reports. A
                gap of {BLIND_SPOT_POINTS} index points or more either way is a <strong>blind spot</strong>:
                positive, the side overestimates how it is seen; negative, it underestimates.
              </p>
              <ResultsTable table={tables.gaps} exportHref={exportHref('gaps')} />
            </section>

            <section aria-labelledby="levels-title">
              <h2 id="levels-title">Level alignment</h2>
              <p>
                Trust at leadership, operational and staff level within each side. A spread of{' '}
                {LEVEL_SPREAD_POINTS} points or more between the highest and lowest level is called out.
              </p>
              <ResultsTable table={tables.levels} exportHref={exportHref('levels')} />
            </section>

            <section aria-labelledby="reliability-title">
              <h2 id="reliability-title">Reliability</h2>
              <p>
                Cronbach's α of each dimension's items over all respondents of the wave; below{' '}
                {LOW_RELIABILITY.toFixed(2)} the items do not measure one thing well enough to trust the
                score.
              </p>
              <ResultsTable table={tables.reliability} exportHref={exportHref('reliability')} />
            </section>
          </>
        )}

        <section aria-labelledby="responses-title">
          <h2 id="responses-title">Response rates</h2>
          {tables.responses.rows.some((row) => row.cells[0]?.state === 'none') && (
            <p>
              This wave's responses were imported, not collected through Trustloop's personal links, so who
              was invited and who started is not known: only the submitted responses are.
            </p>
          )}
          <ResultsTable table={tables.responses} exportHref={exportHref('responses')} />
        </section>
      </main>
    </>
  );
}
