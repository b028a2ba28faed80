/**
 * A box a wide table scrolls in on a narrow screen. It can be focused, so someone on a keyboard can
 * scroll it too (axe's `scrollable-region-focusable`); named, since it is a region one tabs to.
 */

import type { ComponentChildren } from 'preact';

export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (WCAG 2.1.1), which is what axe checks.
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
