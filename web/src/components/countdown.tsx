/** A live countdown to a deadline: ticks with the page's clock, coloured by the share of its target used. */

import { computed, type Signal, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { type Clock, type CountdownView, countdownAt } from '../lib/countdown.ts';
import { formatDuration, formatInstant } from '../lib/format.ts';
import { TURNS, tick, turns } from '../lib/now.ts';

const LEVEL_TEXT: Record<CountdownView['level'], string> = {
  normal: 'on track',
  warning: 'warning',
  danger: 'at risk',
  breached: 'breached',
  paused: 'paused',
};

export function countdownText(view: CountdownView): string {
  if (view.level === 'breached') return `${formatDuration(view.left)} overdue`;
  if (view.pausedBy === 'customer') return `paused (waiting on the customer), ${formatDuration(view.left)} left`;
  if (view.pausedBy === 'calendar')
    return view.pausedUntil === undefined ? 'paused (outside business hours)' : `paused until ${formatInstant(view.pausedUntil)}`;
  return formatDuration(view.left);
}

/** Which of the `turns` the next countdown takes when out of view. */
let nextTurn = 0;

const inView = new WeakMap<Element, Signal<boolean>>();
let observer: IntersectionObserver | undefined;

/** Keeps `seen` true while `element` is on screen (one observer for every countdown). */
function watch(element: Element, seen: Signal<boolean>): () => void {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const signal = inView.get(entry.target);
      if (signal !== undefined) signal.value = entry.isIntersecting;
    }
  });
  inView.set(element, seen);
  observer.observe(element);
  return () => {
    observer?.unobserve(element);
    inView.delete(element);
  };
}

/**
 * `label` names the deadline ("Case 10001 response"); `onStale` is called when the clock passes a
 * boundary its answer did not cover (the calendar opened or closed), so the view can reload.
 *
 * A tick never re-renders the component: its text and attributes are computed signals bound to
 * the DOM. A countdown on screen redraws every second; one scrolled out of view redraws in its
 * turn (every few seconds), so a queue of a thousand rows does the work of the rows one sees.
 */
export function Countdown({
  clock,
  receivedAt,
  label,
  onStale,
}: {
  clock: Clock;
  receivedAt: number;
  label: string;
  onStale?: () => void;
}) {
  const element = useRef<HTMLSpanElement>(null);
  const seen = useSignal(false);
  const turn = useMemo(() => turns[nextTurn++ % TURNS] as (typeof turns)[number], []);
  const bound = useMemo(() => {
    // In view: every tick; out of view: its turn only (the other ticks do not even wake it).
    const view = computed(() => {
      if (seen.value) tick.value;
      else turn.value;
      return countdownAt(clock, receivedAt, Date.now());
    });
    const text = computed(() => countdownText(view.value));
    const level = computed(() => view.value.level);
    return {
      view,
      text,
      level,
      // The name says everything (role="timer" is named by its author, not by its content).
      label: computed(() => `${label}: ${text.value} (${LEVEL_TEXT[level.value]})`),
      className: computed(() => `countdown countdown-${level.value}`),
      title: computed(
        () =>
          `${Math.round(view.value.share * 100)} % of the ${clock.basis === 'business' ? 'business-hours' : 'calendar'} target used (${clock.zone})`,
      ),
    };
  }, [clock, receivedAt, label, seen, turn]);
  useEffect(() => (element.current === null ? undefined : watch(element.current, seen)), [seen]);
  const stale = useRef(onStale);
  stale.current = onStale;
  useSignalEffect(() => {
    if (bound.view.value.stale) queueMicrotask(() => stale.current?.());
  });
  return (
    <span
      ref={element}
      role="timer"
      aria-live="off"
      aria-label={bound.label}
      class={bound.className}
      data-level={bound.level}
      title={bound.title}
    >
      {bound.text}
    </span>
  );
}
