/**
 * What a countdown shows, from the clock data the API computed (`clock` of a deadline: working
 * time used and left as of `asOf`, whether the calendar was open, when it closes or opens) and how
 * long ago, by the browser's clock, that answer arrived. No business-hours arithmetic here: while
 * the calendar is open, working time passes as wall time until `closesAt`; past a boundary the
 * view asks for a fresh answer (`stale`).
 */

export interface Clock {
  readonly asOf: string;
  /** Working time of the target, used and left (negative: the overrun), in ms as of `asOf`. */
  readonly target: number;
  readonly used: number;
  readonly left: number;
  /** Whether the deadline's calendar was open at `asOf`. */
  readonly open: boolean;
  readonly nextOpening?: string;
  readonly closesAt?: string;
  /** The clock was stopped at `asOf` (pending customer). */
  readonly stopped: boolean;
  readonly basis: 'business' | 'calendar';
  readonly zone: string;
  /** Shares of the target used from which the countdown warns and alarms. */
  readonly warning: number;
  readonly danger: number;
}

export type CountdownLevel = 'normal' | 'warning' | 'danger' | 'breached' | 'paused';

export interface CountdownView {
  readonly level: CountdownLevel;
  /** Working time left now (negative: overrun); for a paused clock, as it stands. */
  readonly left: number;
  /** Share of the target used now. */
  readonly share: number;
  /** Paused: why, and until when if known. */
  readonly pausedBy?: 'calendar' | 'customer';
  readonly pausedUntil?: string;
  /** A boundary the answer did not cover has passed: ask the API again. */
  readonly stale: boolean;
}

/** The countdown at browser time `now`, for a clock received at browser time `receivedAt`. */
export function countdownAt(clock: Clock, receivedAt: number, now: number): CountdownView {
  const elapsed = Math.max(0, now - receivedAt);
  const asOf = Date.parse(clock.asOf);
  if (clock.stopped) return paused(clock, 'customer', undefined, false);
  if (!clock.open) {
    const opening = clock.nextOpening === undefined ? undefined : Date.parse(clock.nextOpening);
    return paused(clock, 'calendar', clock.nextOpening, opening !== undefined && asOf + elapsed >= opening);
  }
  const closes = clock.closesAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(clock.closesAt) - asOf;
  const running = Math.min(elapsed, closes);
  const view = measured(clock, clock.used + running, clock.left - running);
  return { ...view, stale: elapsed >= closes };
}

function paused(clock: Clock, by: 'calendar' | 'customer', until: string | undefined, stale: boolean): CountdownView {
  const view = measured(clock, clock.used, clock.left);
  return {
    ...view,
    level: view.level === 'breached' ? 'breached' : 'paused',
    pausedBy: by,
    ...(until !== undefined && { pausedUntil: until }),
    stale,
  };
}

function measured(clock: Clock, used: number, left: number): Omit<CountdownView, 'stale'> {
  const share = clock.target > 0 ? used / clock.target : 1;
  const level: CountdownLevel = left < 0 ? 'breached' : share >= clock.danger ? 'danger' : share >= clock.warning ? 'warning' : 'normal';
  return { level, left, share };
}
