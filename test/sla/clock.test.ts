import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { ALWAYS_OPEN } from '#shared/calendar/calendar-spec.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { betweenActive } from '#shared/sla/active-time.ts';
import { type ClockBasis, clockAt } from '#shared/sla/clock.ts';
import type { PlanningTicket } from '#shared/sla/deadline.ts';
import { planDeadlines, planWithClocks } from '#shared/sla/plan-deadlines.ts';
import type { Period, TicketEvent } from '#shared/tickets/ticket-event.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { BruteForceCalendar } from '../support/brute-force-calendar.ts';
import { SPECS, type SpecName, spec } from '../support/calendars.ts';

const at = (iso: string) => Date.parse(iso);
const NAMES = Object.keys(SPECS) as SpecName[];
const engines = Object.fromEntries(NAMES.map((name) => [name, BusinessCalendar.from(spec(name))])) as Record<SpecName, BusinessCalendar>;
const references = Object.fromEntries(NAMES.map((name) => [name, new BruteForceCalendar(spec(name))])) as Record<
  SpecName,
  BruteForceCalendar
>;

/** Starts in the weeks where Berlin, New York or Sydney change their clocks. */
const DST_WEEKS = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-10-02', '2026-10-23', '2026-10-30'].map((d) => at(`${d}T00:00:00Z`));
const dstInstant = fc.tuple(fc.constantFrom(...DST_WEEKS), fc.integer({ min: 0, max: 3 * DAY_MS })).map(([week, offset]) => week + offset);

/** Working time in [from, to) outside the stopped periods, minute by minute. */
function bruteUsed(reference: BruteForceCalendar, from: number, to: number, stopped: readonly Period[]): number {
  if (to <= from) return 0;
  let total = reference.between(from, to);
  for (const p of stopped) {
    const a = Math.max(from, p.start);
    const b = Math.min(to, p.end);
    if (b > a) total -= reference.between(a, b);
  }
  return total;
}

describe('clockAt', () => {
  describe('against a brute-force calendar, across DST changes and a pause', () => {
    it('counts the working time used outside the pause, and what is left of the target', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...NAMES),
          dstInstant,
          fc.integer({ min: 0, max: 2 * DAY_MS }),
          fc.integer({ min: 0, max: 2 * DAY_MS }),
          fc.integer({ min: 0, max: 4 * DAY_MS }),
          fc.integer({ min: 1, max: 3 * DAY_MS }),
          fc.boolean(),
          (name, start, pauseAfter, pauseFor, nowAfter, target, endless) => {
            // A pause that ended, or one still going on (waiting on the customer).
            const stopped = [{ start: start + pauseAfter, end: endless ? Number.POSITIVE_INFINITY : start + pauseAfter + pauseFor }];
            const basis: ClockBasis = { start, target, calendar: engines[name], alwaysOpen: false, stopped };
            const now = start + nowAfter;
            const reading = clockAt(basis, now);
            const used = bruteUsed(references[name], start, now, stopped);
            expect(reading.used).toBe(used);
            expect(reading.left).toBe(basis.target - used);
            expect(reading.stopped).toBe(stopped.some((p) => p.start <= now && now < p.end));
          },
        ),
        { numRuns: 150 },
      );
    });

    it('says whether the calendar is open, and when it next opens or closes', () => {
      fc.assert(
        fc.property(fc.constantFrom(...NAMES), dstInstant, (name, now) => {
          const reference = references[name];
          const reading = clockAt({ start: now - DAY_MS, target: HOUR_MS, calendar: engines[name], alwaysOpen: false, stopped: [] }, now);
          expect(reading.open).toBe(reference.isOpen(now));
          expect(reading.zone).toBe(engines[name].zoneName);
          expect(reading.basis).toBe('business');
          if (reading.open) {
            expect(reading.nextOpening).toBeUndefined();
            const closes = reading.closesAt as number;
            // Open all the way to the closing, closed at it.
            expect(reference.between(now, closes)).toBe(closes - now);
            expect(reference.isOpen(closes)).toBe(false);
          } else {
            expect(reading.closesAt).toBeUndefined();
            const opens = reading.nextOpening as number;
            expect(opens).toBeGreaterThan(now);
            expect(reference.between(now, opens)).toBe(0);
            expect(reference.isOpen(opens)).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  });

  it('betweenActive is the working time that addActive adds up to, whatever the pauses', () => {
    const calendar = engines.berlinNi;
    const start = at('2026-03-26T12:00:00Z');
    const stopped = [
      { start: at('2026-03-27T09:00:00Z'), end: at('2026-03-30T10:00:00Z') },
      { start: at('2026-03-31T08:00:00Z'), end: at('2026-03-31T12:30:00Z') },
    ];
    expect(betweenActive(calendar, start, at('2026-04-01T15:00:00Z'), stopped)).toBe(
      bruteUsed(references.berlinNi, start, at('2026-04-01T15:00:00Z'), stopped),
    );
    expect(betweenActive(calendar, start, start - HOUR_MS, stopped)).toBe(0);
  });

  it('runs a 24x7 clock on calendar time, and never asks when it closes', () => {
    const start = at('2026-03-29T00:30:00Z');
    const reading = clockAt(
      { start, target: 2 * HOUR_MS, calendar: BusinessCalendar.from(ALWAYS_OPEN), alwaysOpen: true, stopped: [] },
      start + 150 * MINUTE_MS,
    );
    expect(reading).toEqual({
      target: 2 * HOUR_MS,
      used: 150 * MINUTE_MS,
      left: -30 * MINUTE_MS,
      open: true,
      stopped: false,
      basis: 'calendar',
      zone: 'UTC',
    });
  });
});

describe('planWithClocks', () => {
  const kore = loadPreset('kore');
  /** Fri 6 Mar 2026 23:00 UTC = 18:00 in New York: two hours before US support closes for the night. */
  const OPENED = at('2026-03-06T23:00:00Z');
  const ticket = (severity: string, events: TicketEvent[] = []): PlanningTicket => ({
    createdAt: OPENED,
    sla: { policyId: 'kore', policyVersion: kore.version, severity, tier: 'diamond', region: 'us' },
    events: [{ type: 'created', at: OPENED }, ...events],
  });

  it('gives the same deadlines as planDeadlines, and a clock for every one but escalations on demand', () => {
    const t = ticket('high', [
      { type: 'paused', at: OPENED + HOUR_MS },
      { type: 'resumed', at: OPENED + 30 * HOUR_MS },
    ]);
    const { deadlines, clocks } = planWithClocks(t, kore);
    expect(deadlines).toEqual(planDeadlines(t, kore));
    expect([...clocks.keys()].sort()).toEqual(deadlines.map((d) => d.id).sort());
  });

  it('has every pending clock run out exactly at its due instant, pauses and closed hours left out', () => {
    for (const severity of kore.severities) {
      const t = ticket(severity, [
        { type: 'paused', at: OPENED + HOUR_MS },
        { type: 'resumed', at: OPENED + 30 * HOUR_MS },
      ]);
      const { deadlines, clocks } = planWithClocks(t, kore);
      for (const d of deadlines.filter((d) => d.due !== null)) {
        const clock = clocks.get(d.id) as ClockBasis;
        expect(clockAt(clock, d.due as number).left, `${severity} ${d.id}`).toBe(0);
      }
    }
  });

  it('shows a high ticket at night as paused until US hours open, on the business basis', () => {
    const { clocks } = planWithClocks(ticket('high'), kore);
    const reading = clockAt(clocks.get('response') as ClockBasis, at('2026-03-07T03:00:00Z'));
    expect(reading).toMatchObject({ open: false, basis: 'business', zone: 'America/New_York', stopped: false, used: 2 * HOUR_MS });
    // Saturday opens at 09:00 in New York (EST, -05:00).
    expect(reading.nextOpening).toBe(at('2026-03-07T14:00:00Z'));
  });

  it('stops a response clock at a late answer, so the overrun stays what it was', () => {
    const answered = OPENED + 5 * HOUR_MS;
    const t = ticket('urgent', [{ type: 'responded', at: answered }]);
    const { deadlines, clocks } = planWithClocks(t, kore);
    const response = deadlines.find((d) => d.id === 'response');
    expect(response?.state).toBe('breached');
    const target = (clocks.get('response') as ClockBasis).target;
    const reading = clockAt(clocks.get('response') as ClockBasis, answered + DAY_MS);
    expect(reading).toMatchObject({ used: 5 * HOUR_MS, left: target - 5 * HOUR_MS, stopped: true, basis: 'calendar' });
  });
});
