import { STAGE_NAMES } from '../domain/stage.ts';
import type { JourneyView } from '../services/get-journey.ts';
import { type ChartOption, renderChartSvg } from './charts/render-chart.server.ts';
import type { RenderedChart } from './results/wave-charts.server.ts';

// The journey chart: the relationship's stage at every closed wave on a time line, with what was
// done between the waves as numbered vertical markers (the numbers are the list under the chart).

const WIDTH = 760;

export function buildJourneyOption(journey: JourneyView): ChartOption {
  const points = journey.stages.filter((s) => s.level !== null).map((s) => [s.on, s.level]);
  return {
    grid: { left: 150, right: 24, top: 24, bottom: 48 },
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
            formatter: (p: { dataIndex: number }) => String(p.dataIndex + 1),
            fontSize: 11,
            color: '#1b1f24',
          },
          data: journey.events.map((e) => ({ xAxis: e.on })),
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
