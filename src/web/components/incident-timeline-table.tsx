import type { TimelineMonth } from '../../domain/incident-timeline.ts';

// The timeline's numbers as a table: behind the chart's disclosure and in its CSV export alike.

export function IncidentTimelineTable({ timeline }: { timeline: readonly TimelineMonth[] }) {
  return (
    <table className="numbers">
      <caption>Building and diluting incidents by month</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Building</th>
          <th scope="col">Diluting</th>
        </tr>
      </thead>
      <tbody>
        {timeline.map((m) => (
          <tr key={m.month}>
            <th scope="row">{m.month}</th>
            <td>{m.building}</td>
            <td>{m.diluting}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One sentence for screen readers: the totals and the months with most of each. */
export function describeTimeline(timeline: readonly TimelineMonth[]): string {
  if (timeline.length === 0) return 'No incidents in this selection.';
  const building = timeline.reduce((sum, m) => sum + m.building, 0);
  const diluting = timeline.reduce((sum, m) => sum + m.diluting, 0);
  const peak = (key: 'building' | 'diluting') =>
    timeline.reduce((best, m) => (m[key] > best[key] ? m : best), timeline[0]!);
  const first = timeline[0]!.month;
  const last = timeline[timeline.length - 1]!.month;
  const parts = [`From ${first} to ${last}: ${building} building and ${diluting} diluting incidents.`];
  if (building > 0) parts.push(`Most building in ${peak('building').month} (${peak('building').building}).`);
  if (diluting > 0) parts.push(`Most diluting in ${peak('diluting').month} (${peak('diluting').diluting}).`);
  return parts.join(' ');
}
