import { LEVELS, type Level, SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// Response tracking for one wave: invited, started and submitted per side × level, with totals.
// Counts only: nothing here says who answered.

export type TrackingCounts = { invited: number; started: number; submitted: number };
export type TrackingCellView = TrackingCounts & { side: Side; level: Level };

export function SetupTrackingTable(props: {
  caption: string;
  sides: Record<Side, SideInfo>;
  cells: readonly TrackingCellView[];
  total: TrackingCounts;
}) {
  const cellOf = (side: Side, level: Level) =>
    props.cells.find((c) => c.side === side && c.level === level) ?? { invited: 0, started: 0, submitted: 0 };
  return (
    <SetupTableScroll label={props.caption}>
      <table className="numbers">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Invited</th>
            <th scope="col">Started</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        {SIDES.map((side) => (
          <tbody key={side}>
            <tr>
              <th scope="rowgroup" colSpan={4} className="group-head">
                {sideLabel(props.sides, side)}
              </th>
            </tr>
            {LEVELS.map((level) => {
              const cell = cellOf(side, level);
              return (
                <tr key={level}>
                  <th scope="row">
                    {/* The side again, for screen readers that do not announce row groups. */}
                    <span className="visually-hidden">{sideLabel(props.sides, side)}, </span>
                    {LEVEL_LABELS[level]}
                  </th>
                  <td>{cell.invited}</td>
                  <td>{cell.started}</td>
                  <td>{cell.submitted}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row">All participants</th>
            <td>{props.total.invited}</td>
            <td>{props.total.started}</td>
            <td>{props.total.submitted}</td>
          </tr>
        </tfoot>
      </table>
    </SetupTableScroll>
  );
}
