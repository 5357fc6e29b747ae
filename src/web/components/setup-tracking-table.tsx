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
  /**
   * An imported wave (no links were ever issued): who was invited and who started is not known,
   * as the results page says; only the submitted responses are.
   */
  isImported?: boolean;
}) {
  const unknown = 'not known';
  const invited = (n: number) => (props.isImported ? unknown : n);
  const started = (n: number) => (props.isImported ? unknown : n);
  const cellOf = (side: Side, level: Level) =>
    props.cells.find((c) => c.side === side && c.level === level) ?? { invited: 0, started: 0, submitted: 0 };
  return (
    <SetupTableScroll label={props.caption}>
      <table className="numbers">
        <caption>
          {props.caption}
          {props.isImported && (
            <span className="muted"> — an imported wave: who was invited and who started is not known</span>
          )}
        </caption>
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
                  <td>{invited(cell.invited)}</td>
                  <td>{started(cell.started)}</td>
                  <td>{cell.submitted}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row">All participants</th>
            <td>{invited(props.total.invited)}</td>
            <td>{started(props.total.started)}</td>
            <td>{props.total.submitted}</td>
          </tr>
        </tfoot>
      </table>
    </SetupTableScroll>
  );
}
