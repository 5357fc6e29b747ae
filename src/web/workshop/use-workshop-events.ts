import { useEffect, useRef, useState } from 'react';
import { useRevalidator } from 'react-router';

// A workshop screen follows the room (decision 049): an EventSource on the workshop's event stream;
// every event reloads the page's data (a burst of events, once), and so does every reconnection, so
// a phone that slept or lost the network shows where the room is, missing nothing. Without
// JavaScript the pages are plain forms with a link to look again.

const KINDS = [
  'hello',
  'agenda',
  'status',
  'step',
  'present',
  'timer',
  'joined',
  'notes',
  'revealed',
  'themes',
  'voted',
  'tally',
  'committed',
] as const;

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export function useWorkshopEvents(url: string | null): LiveState {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        // A navigation that starts meanwhile (the back button, a form) aborts the reload and
        // loads fresh data itself: the aborted promise is not an error worth a console line.
        revalidate.current().catch(() => {});
      }, 100);
    };
    for (const kind of KINDS) source.addEventListener(kind, reload);
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    return () => {
      if (pending) clearTimeout(pending);
      source.close();
    };
  }, [url]);
  return state;
}

/** Seconds left on the room's timer, ticking (null without a timer). */
export function useCountdown(endsAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, [endsAt]);
  if (!endsAt) return null;
  return Math.max(0, Math.ceil((Date.parse(endsAt) - now) / 1000));
}

export function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
