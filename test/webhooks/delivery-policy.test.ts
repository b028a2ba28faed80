import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  type Delivery,
  dueInOrder,
  healthAfter,
  newDelivery,
  PAUSE_AFTER_FAILING_MS,
  pauseNotice,
  replay,
} from '#shared/webhooks/delivery-policy.ts';

const T0 = Date.parse('2026-03-02T14:00:00Z');
const HOUR = 3_600_000;
const failed = { status: 500, ms: 40 };
const ok = { status: 204, ms: 12 };
const timeout = { error: 'timed out after 10 s', ms: 10_000 };

/** Attempts every delivery exactly when due, failing every time; returns the attempt instants. */
function failEveryTime(delivery: Delivery): number[] {
  let d = delivery;
  const at: number[] = [];
  while (d.nextAttemptAt !== null) {
    at.push(d.nextAttemptAt);
    d = afterAttempt(d, d.nextAttemptAt, failed);
  }
  expect(d.state).toBe('failed');
  return at;
}

/** `h:mm:ss` after T0. */
const sinceT0 = (ms: number) => {
  const seconds = (ms - T0) / 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
};

describe('webhook retries', () => {
  it('back off from 30 s, doubling, at most 4 h apart, with one last attempt 24 h after the first (the documented table)', () => {
    const times = failEveryTime(newDelivery('wh_1', { id: 'evt_1', caseId: 1 }, T0));
    expect(times.map(sinceT0)).toEqual([
      '0:00:00',
      '0:00:30',
      '0:01:30',
      '0:03:30',
      '0:07:30',
      '0:15:30',
      '0:31:30',
      '1:03:30',
      '2:07:30',
      '4:15:30',
      '8:15:30',
      '12:15:30',
      '16:15:30',
      '20:15:30',
      '24:00:00',
    ]);
  });

  it('count a late attempt from when it was made, and still stop 24 h after the first', () => {
    let d = afterAttempt(newDelivery('wh_1', { id: 'evt_1', caseId: 1 }, T0), T0, timeout);
    d = afterAttempt(d, T0 + 23 * HOUR, failed);
    expect(d.nextAttemptAt).toBe(T0 + 23 * HOUR + 60_000);
    d = afterAttempt(d, T0 + 24 * HOUR - 30_000, failed);
    expect(d.nextAttemptAt).toBe(T0 + 24 * HOUR);
    d = afterAttempt(d, T0 + 24 * HOUR + 5000, failed);
    expect([d.state, d.nextAttemptAt]).toEqual(['failed', null]);
  });

  it('stop at the first 2xx, and give up at once on 410 Gone', () => {
    const first = newDelivery('wh_1', { id: 'evt_1', caseId: 1 }, T0);
    let d = first;
    for (const outcome of [failed, failed, failed]) d = afterAttempt(d, d.nextAttemptAt as number, outcome);
    d = afterAttempt(d, d.nextAttemptAt as number, ok);
    expect([d.state, d.attempts.length, d.nextAttemptAt]).toEqual(['delivered', 4, null]);
    expect(afterAttempt(first, T0, { status: 410, ms: 5 }).state).toBe('failed');
    expect(afterAttempt(first, T0, { status: 302, ms: 5 }).state).toBe('pending');
  });

  it('start over on replay, with the same event id', () => {
    const gaveUp = afterAttempt(newDelivery('wh_1', { id: 'evt_1', caseId: 1 }, T0), T0, { status: 410, ms: 5 });
    expect(replay(gaveUp, T0 + HOUR)).toEqual({
      endpointId: 'wh_1',
      eventId: 'evt_1',
      caseId: 1,
      state: 'pending',
      attempts: [],
      nextAttemptAt: T0 + HOUR,
    });
  });
});

describe('order per ticket', () => {
  const queue = (...states: Array<Delivery['state']>) =>
    states.map((state, i) => ({
      ...newDelivery('wh_1', { id: `evt_7_${i}`, caseId: 7 }, T0 + i),
      state,
      ...(state !== 'pending' && { nextAttemptAt: null }),
    }));

  it('holds an event until the ticket’s earlier events were delivered or given up', () => {
    const [first, second] = queue('pending', 'pending');
    const waiting = [afterAttempt(first as Delivery, T0, failed), second as Delivery];
    expect(dueInOrder(waiting, T0 + 10_000)).toBeUndefined();
    expect(dueInOrder(waiting, T0 + 30_000)?.eventId).toBe('evt_7_0');
    expect(dueInOrder(queue('delivered', 'failed', 'pending'), T0 + 2)?.eventId).toBe('evt_7_2');
    expect(dueInOrder(queue('delivered', 'delivered'), T0 + 2)).toBeUndefined();
  });
});

describe('endpoint health', () => {
  const attempt = (at: number, outcome: typeof failed | typeof ok | typeof timeout) => ({ at, outcome });

  it('pauses an endpoint that has failed every attempt for a day, not before', () => {
    let health = healthAfter({}, attempt(T0, failed)).health;
    expect(healthAfter(health, attempt(T0 + PAUSE_AFTER_FAILING_MS - 1, timeout)).pause).toBeUndefined();
    const paused = healthAfter(health, attempt(T0 + PAUSE_AFTER_FAILING_MS, timeout));
    expect(paused.pause).toBe('failing');
    health = healthAfter(health, attempt(T0 + HOUR, ok)).health;
    expect(healthAfter(health, attempt(T0 + PAUSE_AFTER_FAILING_MS, failed)).pause).toBeUndefined();
  });

  it('pauses at once on 410 Gone', () => {
    expect(healthAfter({}, attempt(T0, { status: 410, ms: 3 })).pause).toBe('gone');
  });

  it('tells the owner why, since when, and what to do', () => {
    const { health } = healthAfter({ failingSince: T0 }, attempt(T0 + PAUSE_AFTER_FAILING_MS, timeout));
    const notice = pauseNotice({ id: 'wh_1', url: 'https://hooks.example.com/sla' }, health, 'failing');
    expect(notice.subject).toBe('Webhook endpoint wh_1 paused');
    expect(notice.text).toContain(
      'We paused your webhook endpoint https://hooks.example.com/sla (wh_1): every delivery to it failed since 2026-03-02T14:00:00.000Z (last: timed out after 10 s at 2026-03-03T14:00:00.000Z).',
    );
    expect(notice.text).toContain('resume the endpoint and replay');
  });
});
