import { describe, expect, it } from 'vitest';
import { type Clock, countdownAt } from '../../web/src/lib/countdown.ts';

const HOUR = 3_600_000;
const asOf = '2026-03-02T10:00:00.000Z';
const received = 1_000_000;

/** A 4-hour target with 1 hour used, on an open calendar that closes at 17:00 UTC. */
const open: Clock = {
  asOf,
  target: 4 * HOUR,
  used: HOUR,
  left: 3 * HOUR,
  open: true,
  closesAt: '2026-03-02T17:00:00.000Z',
  stopped: false,
  basis: 'business',
  zone: 'Europe/Berlin',
  warning: 0.75,
  danger: 0.9,
};

describe('countdownAt', () => {
  it('counts down in wall time while the calendar is open, and colours by the share of the target used', () => {
    expect(countdownAt(open, received, received)).toMatchObject({ level: 'normal', left: 3 * HOUR, stale: false });
    // 75 % used: 3 h of 4 h.
    expect(countdownAt(open, received, received + 2 * HOUR)).toMatchObject({ level: 'warning', left: HOUR });
    // 90 % used: 3.6 h.
    expect(countdownAt(open, received, received + 2.6 * HOUR)).toMatchObject({ level: 'danger' });
    expect(countdownAt(open, received, received + 2.6 * HOUR - 1000).level).toBe('warning');
    // Past due: the overrun, negative.
    expect(countdownAt(open, received, received + 3 * HOUR + 60_000)).toMatchObject({ level: 'breached', left: -60_000 });
  });

  it('stops at the close it was told of and asks for a fresh answer', () => {
    const closing = { ...open, closesAt: '2026-03-02T11:00:00.000Z' };
    const view = countdownAt(closing, received, received + 2 * HOUR);
    expect(view).toMatchObject({ left: 2 * HOUR, stale: true });
  });

  it('shows a closed calendar as paused until it opens, with the time left unchanged', () => {
    const closed: Clock = { ...open, open: false, closesAt: undefined, nextOpening: '2026-03-03T07:00:00.000Z' } as Clock;
    const view = countdownAt(closed, received, received + 5 * HOUR);
    expect(view).toMatchObject({
      level: 'paused',
      pausedBy: 'calendar',
      pausedUntil: '2026-03-03T07:00:00.000Z',
      left: 3 * HOUR,
      stale: false,
    });
    expect(countdownAt(closed, received, received + 21 * HOUR).stale).toBe(true);
  });

  it('shows a clock stopped for the customer as paused, and a breached one stays breached while paused', () => {
    expect(countdownAt({ ...open, stopped: true }, received, received + HOUR)).toMatchObject({ level: 'paused', pausedBy: 'customer' });
    const overrun = { ...open, open: false, used: 5 * HOUR, left: -HOUR };
    expect(countdownAt(overrun, received, received + HOUR).level).toBe('breached');
  });

  it('ignores a browser clock that went backwards', () => {
    expect(countdownAt(open, received, received - HOUR).left).toBe(3 * HOUR);
  });
});
