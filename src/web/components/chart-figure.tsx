import { type ReactNode, useId } from 'react';

// One chart (an SVG rendered on the server by ECharts, see charts/render-chart.server.ts) with its
// caption, a text summary for screen readers, and the same numbers as a table behind a disclosure.
// The SVG is our own output, never user text, so it is safe to insert as HTML.

export function ChartFigure(props: {
  title: string;
  /** What the chart shows, in a sentence: read by screen readers instead of the drawing. */
  summary: string;
  svg: string;
  /** The chart's numbers as an accessible table. */
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{props.title}</figcaption>
      <div
        className="chart-svg"
        role="img"
        aria-label={props.summary}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG that ECharts drew on our server from numbers
        dangerouslySetInnerHTML={{ __html: props.svg }}
      />
      <details className="chart-table">
        <summary>{props.title}: the numbers as a table</summary>
        {props.children}
      </details>
    </figure>
  );
}
