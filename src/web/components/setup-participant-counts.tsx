import { LEVELS, type Level, SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// How many participants each side has at each level: a level-by-side table with totals.

export function SetupParticipantCounts(props: {
  sides: Record<Side, SideInfo>;
  participants: readonly { side: Side; level: Level }[];
}) {
  const count = (side?: Side, level?: Level) =>
    props.participants.filter((p) => (!side || p.side === side) && (!level || p.level === level)).length;
  return (
    <SetupTableScroll label="Participants by level and side">
      <table className="numbers">
        <caption>Participants by level and side</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            {SIDES.map((side) => (
              <th scope="col" key={side}>
                {sideLabel(props.sides, side)}
              </th>
            ))}
            <th scope="col">Both sides</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((level) => (
            <tr key={level}>
              <th scope="row">{LEVEL_LABELS[level]}</th>
              {SIDES.map((side) => (
                <td key={side}>{count(side, level)}</td>
              ))}
              <td>{count(undefined, level)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All levels</th>
            {SIDES.map((side) => (
              <td key={side}>{count(side)}</td>
            ))}
            <td>{count()}</td>
          </tr>
        </tfoot>
      </table>
    </SetupTableScroll>
  );
}
