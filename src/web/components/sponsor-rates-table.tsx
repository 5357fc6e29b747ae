import { LEVELS, type Level, SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// One wave's response rates for a sponsor: per side, and per level where the group is large
// enough (decision 017). A hidden count says why in words, never as a blank or a zero.

export type RateView =
  | { kind: 'shown'; invited: number; submitted: number; rate: number }
  | { kind: 'hidden'; reason: 'too-few' | 'complementary' }
  | { kind: 'none-invited' };

export type SideRatesView = { total: RateView; levels: Record<Level, RateView> };

/** 0.6667 → "67%"; the counts beside it are exact. */
export function formatRate(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

function RateCells({ rate, k }: { rate: RateView; k: number }) {
  if (rate.kind === 'shown') {
    return (
      <>
        <td>{rate.invited}</td>
        <td>{rate.submitted}</td>
        <td>{formatRate(rate.rate)}</td>
      </>
    );
  }
  const words =
    rate.kind === 'none-invited'
      ? 'nobody invited'
      : rate.reason === 'too-few'
        ? `fewer than ${k} invited: not shown`
        : 'not shown, so that a smaller group cannot be worked out';
  return (
    <td colSpan={3} className="muted sponsor-hidden">
      {words}
    </td>
  );
}

export function SponsorRatesTable(props: {
  caption: string;
  sides: Record<Side, SideInfo>;
  rates: Record<Side, SideRatesView>;
  k: number;
}) {
  return (
    <SetupTableScroll label={props.caption}>
      <table className="numbers sponsor-rates">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Invited</th>
            <th scope="col">Answered</th>
            <th scope="col">Rate</th>
          </tr>
        </thead>
        {SIDES.map((side) => (
          <tbody key={side}>
            <tr>
              <th scope="row">
                <strong>{sideLabel(props.sides, side)}, all levels</strong>
              </th>
              <RateCells rate={props.rates[side].total} k={props.k} />
            </tr>
            {LEVELS.map((level) => (
              <tr key={level}>
                <th scope="row" className="sponsor-level">
                  <span className="visually-hidden">{sideLabel(props.sides, side)}, </span>
                  {LEVEL_LABELS[level]}
                </th>
                <RateCells rate={props.rates[side].levels[level]} k={props.k} />
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </SetupTableScroll>
  );
}
