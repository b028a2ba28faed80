/** A live countdown to a deadline: ticks with the page's clock, coloured by the share of its target used. */

import { type Clock, type CountdownView, countdownAt } from '../lib/countdown.ts';
import { formatDuration, formatInstant } from '../lib/format.ts';
import { now } from '../lib/now.ts';

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

/**
 * `label` names the deadline ("first response"); `onStale` is called once when the clock passes a
 * boundary its answer did not cover (the calendar opened or closed), so the view can reload.
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
  const view = countdownAt(clock, receivedAt, now.value);
  if (view.stale) queueMicrotask(() => onStale?.());
  const text = countdownText(view);
  return (
    <span
      role="timer"
      aria-live="off"
      aria-label={`${label}: ${text} (${LEVEL_TEXT[view.level]})`}
      class={`countdown countdown-${view.level}`}
      data-level={view.level}
      title={`${Math.round(view.share * 100)} % of the ${clock.basis === 'business' ? 'business-hours' : 'calendar'} target used (${clock.zone})`}
    >
      {text}
    </span>
  );
}
