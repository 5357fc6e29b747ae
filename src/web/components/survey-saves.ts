import { useCallback, useMemo, useRef } from 'react';

// The answers a survey section is saving on its own (with JavaScript, each answer is saved as it
// is given). A navigation (a button, or the link to the review) waits until they have landed, so
// the whole-section post that follows is the last write and nothing saved late can be shown over
// the next section (decision 047).

export type SurveySaves = {
  /** Follows one save until it has landed (or failed). */
  track: (save: Promise<unknown>) => void;
  /** Whether a save has not landed yet. */
  busy: () => boolean;
  /** Resolves once every save tracked so far (and any started meanwhile) has landed. */
  settled: () => Promise<void>;
};

export function useSurveySaves(): SurveySaves {
  const inFlight = useRef(new Set<Promise<unknown>>());
  const track = useCallback((save: Promise<unknown>) => {
    const settledSave = save.then(
      () => undefined,
      () => undefined,
    );
    inFlight.current.add(settledSave);
    void settledSave.then(() => inFlight.current.delete(settledSave));
  }, []);
  const busy = useCallback(() => inFlight.current.size > 0, []);
  const settled = useCallback(async () => {
    while (inFlight.current.size > 0) await Promise.all([...inFlight.current]);
  }, []);
  return useMemo(() => ({ track, busy, settled }), [track, busy, settled]);
}
