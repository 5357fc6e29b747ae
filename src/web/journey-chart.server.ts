import { STAGE_NAMES } from '../domain/stage.ts';
import type { JourneyView } from '../services/get-journey.ts';
import { type ChartOption, renderChartSvg } from './charts/render-chart.server.ts';
import type { RenderedChart } from './results/wave-charts.server.ts';

// The journey chart: the relationship's stage at every closed wave on a time line, with what was
// done between the waves as numbered vertical markers (the numbers are the list under the chart).

const WIDTH = 760;

/** Events within two weeks of each other share one marker, labelled with their numbers ("1–5"). */
export function groupMarkers(events: JourneyView['events']): Array<{ on: string; label: string }> {
  const groups: Array<{ on: string; first: number; last: number }> = [];
  events.forEach((event, index) => {
    const group = groups.at(-1);
    const days = group
      ? (Date.parse(event.on) - Date.parse(group.on)) / 86_400_000
      : Number.POSITIVE_INFINITY;
    if (group && days <= 14) group.last = index + 1;
    else groups.push({ on: event.on, first: index + 1, last: index + 1 });
  });
  return groups.map((g) => ({
    on: g.on,
    label: g.first === g.last ? String(g.first) : `${g.first}–${g.last}`,
  }));
}

export function buildJourneyOption(journey: JourneyView): ChartOption {
  const points = journey.stages.filter((s) => s.level !== null).map((s) => [s.on, s.level]);
  const markers = groupMarkers(journey.events);
  return {
    grid: { left: 200, right: 64, top: 28, bottom: 48 },
    xAxis: { type: 'time', axisLabel: { fontSize: 12, hideOverlap: true } },
    yAxis: {
      type: 'value',
      min: 0,
      max: 4,
      interval: 1,
      axisLabel: { fontSize: 12, formatter: (value: number) => `${value} ${STAGE_NAMES[value as 0] ?? ''}` },
    },
    series: [
      {
        type: 'line',
        name: 'Stage',
        step: 'end',
        data: points,
        symbol: 'circle',
        symbolSize: 10,
        lineStyle: { width: 3 },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { dataIndex: number }) =>
            journey.stages.filter((s) => s.level !== null)[p.dataIndex]?.wave ?? '',
          fontSize: 12,
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: '#4a5560' },
          label: {
            formatter: (p: { dataIndex: number }) => markers[p.dataIndex]?.label ?? '',
            fontSize: 11,
            color: '#1b1f24',
          },
          data: markers.map((m) => ({ xAxis: m.on })),
        },
      },
    ],
  };
}

export function renderJourney(journey: JourneyView): RenderedChart {
  const stages = journey.stages
    .map((s) => `${s.wave}: ${s.level === null ? s.name : `stage ${s.level}, ${s.name}`}`)
    .join('; ');
  return {
    svg: renderChartSvg(buildJourneyOption(journey), { width: WIDTH, height: 320 }),
    summary: `Step chart of the relationship's stage (0 Distrust to 4 Co-creation) at each closed wave, with ${journey.events.length} numbered events between them. ${stages}.`,
  };
}
