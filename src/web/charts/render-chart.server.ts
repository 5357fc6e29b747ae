import * as echarts from 'echarts';

// ECharts rendered on the server to an SVG string (ECharts' SSR mode): the charts need no
// JavaScript in the browser, print, and arrive with the page. Each chart is also given as a table
// (ChartFigure), which is what a screen reader reads.

export type ChartOption = echarts.EChartsOption;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Colours with at least 3:1 contrast on white, distinguishable in the common colour-blindnesses. */
export const CHART_COLORS = ['#0b5cad', '#b3541e', '#1a6b34', '#6a3d9a', '#8c1c3c', '#4a5560'] as const;

export function renderChartSvg(option: ChartOption, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({
      animation: false,
      color: [...CHART_COLORS],
      textStyle: { fontFamily: FONT, color: '#1b1f24' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
