// Where a reading becomes worth calling out: shared by the results pages (their headlines and
// tables) and the suggested findings, so that what a page flags and what Trustloop proposes agree.

/** A perception gap this many index points or more, either way, is a blind spot. */
export const BLIND_SPOT_POINTS = 10;
/** A spread between a side's levels this many index points or more is called out. */
export const LEVEL_SPREAD_POINTS = 15;
