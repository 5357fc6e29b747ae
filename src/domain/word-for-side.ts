import { otherSide, type Side, type SideInfo } from './model.ts';

// Instrument texts name the organisations with placeholders, so that one questionnaire serves
// both sides: `{other}` is the organisation being rated, `{own}` the respondent's own.

/** `{other}` → the other organisation's name, `{own}` → the respondent's own. */
export function renderItemText(text: string, names: { own: string; other: string }): string {
  return text.replaceAll('{other}', names.other).replaceAll('{own}', names.own);
}

/** A text as the respondents of `side` read it. */
export function wordingForSide(text: string, side: Side, sides: Record<Side, SideInfo>): string {
  return renderItemText(text, { own: sides[side].name, other: sides[otherSide(side)].name });
}
