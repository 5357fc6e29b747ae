import { SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { sideLabel } from './setup-labels.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// Released results for a sponsor: each closed wave's trust index per side and its stage, the
// numbers of `trustloop analyze --json` to one decimal. A suppressed index says so in words.

export type WaveResultView = {
  label: string;
  index: Record<Side, number | null>;
  stage: { level: number | null; name: string };
  /** The wave's k, for the words of a suppressed index. */
  k: number;
};

export function SponsorResultsTable(props: {
  sides: Record<Side, SideInfo>;
  results: readonly WaveResultView[];
}) {
  const caption = 'Trust index (0–100) as rated by each side, and the stage of the relationship, per wave';
  return (
    <SetupTableScroll label={caption}>
      <table className="numbers sponsor-results">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Wave</th>
            {SIDES.map((side) => (
              <th scope="col" key={side}>
                <span className="visually-hidden">Trust index as rated by </span>
                {sideLabel(props.sides, side)}
              </th>
            ))}
            <th scope="col">Stage</th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((wave) => (
            <tr key={wave.label}>
              <th scope="row">{wave.label}</th>
              {SIDES.map((side) => {
                const value = wave.index[side];
                return (
                  <td key={side}>
                    {value === null ? (
                      <span className="muted">fewer than {wave.k} responses</span>
                    ) : (
                      value.toFixed(1)
                    )}
                  </td>
                );
              })}
              <td className="sponsor-stage">
                {wave.stage.level === null ? wave.stage.name : `${wave.stage.level} · ${wave.stage.name}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}
