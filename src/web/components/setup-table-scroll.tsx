import type { ReactNode } from 'react';

// A wide table's horizontal scroller on a phone: a named region that takes the keyboard focus,
// so keyboard users can scroll it too (axe: scrollable-region-focusable).

export function SetupTableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
