import type { ThemeCount } from '../../domain/attribute-comments.ts';
import { SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// How many of one question's comments carry each theme, per side: the facilitator's coding,
// counted without regard to case or spacing.

export function CommentsThemeTable(props: {
  question: string;
  sides: Record<Side, SideInfo>;
  counts: readonly ThemeCount[];
  totals: Record<Side, number>;
}) {
  if (props.counts.length === 0) return null;
  return (
    <SetupTableScroll label={`Theme counts: ${props.question}`}>
      <table className="numbers comments-theme-table">
        <caption>Themes in these answers (comments tagged, of all comments per side)</caption>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            {SIDES.map((side) => (
              <th scope="col" key={side} className="number">
                {props.sides[side].name}
              </th>
            ))}
            <th scope="col" className="number">
              Both sides
            </th>
          </tr>
        </thead>
        <tbody>
          {props.counts.map((t) => (
            <tr key={t.key}>
              <th scope="row">{t.label}</th>
              {SIDES.map((side) => (
                <td key={side} className="number">
                  {t.bySide[side]} <span className="muted">of {props.totals[side]}</span>
                </td>
              ))}
              <td className="number">
                {t.total} <span className="muted">of {props.totals.A + props.totals.B}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}
