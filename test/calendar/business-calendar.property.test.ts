import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { BruteForceCalendar } from '../support/brute-force-calendar.ts';
import { SPECS, type SpecName, spec } from '../support/calendars.ts';

const NAMES = Object.keys(SPECS) as SpecName[];
const YEAR_2026 = Date.UTC(2026, 0, 1);
const YEAR_2027 = Date.UTC(2027, 0, 1);

/** Any instant of 2026, with seconds and milliseconds. */
const instant2026 = fc.integer({ min: YEAR_2026, max: YEAR_2027 - 1 });
/** Up to 30 days of working time, to the millisecond. */
const duration = fc.integer({ min: 0, max: 30 * DAY_MS });
/** Starts in the weeks where a zone used here changes its clocks (Berlin, New York, Sydney). */
const DST_WEEKS = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-10-02', '2026-10-23', '2026-10-30'].map((d) =>
  Date.parse(`${d}T00:00:00Z`),
);
const dstInstant = fc.tuple(fc.constantFrom(...DST_WEEKS), fc.integer({ min: 0, max: 4 * DAY_MS })).map(([week, offset]) => week + offset);

const engines = Object.fromEntries(NAMES.map((name) => [name, BusinessCalendar.from(spec(name))])) as Record<SpecName, BusinessCalendar>;
const references = Object.fromEntries(NAMES.map((name) => [name, new BruteForceCalendar(spec(name))])) as Record<
  SpecName,
  BruteForceCalendar
>;
const calendarName = fc.constantFrom(...NAMES);

describe('BusinessCalendar properties', () => {
  it('round-trips: between(a, add(a, d)) equals d', () => {
    fc.assert(
      fc.property(calendarName, instant2026, duration, (name, a, d) => {
        const cal = engines[name];
        expect(cal.between(a, cal.add(a, d))).toBe(d);
      }),
      { numRuns: 2000 },
    );
  });

  it('is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(calendarName, instant2026, instant2026, duration, duration, (name, a1, a2, d1, d2) => {
        const cal = engines[name];
        const [early, late] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(cal.add(early, short)).toBeLessThanOrEqual(cal.add(late, short));
        expect(cal.add(early, short)).toBeLessThanOrEqual(cal.add(early, long));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns an open instant, or the closing instant the work ran out at', () => {
    fc.assert(
      fc.property(calendarName, instant2026, duration, (name, a, d) => {
        const cal = engines[name];
        const due = cal.add(a, d);
        if (d === 0) expect(cal.isOpen(due)).toBe(true);
        else expect(cal.isOpen(due) || cal.isOpen(due - 1)).toBe(true);
        expect(due).toBeGreaterThanOrEqual(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with a minute-by-minute reference on open instants around DST changes and holidays', () => {
    fc.assert(
      fc.property(calendarName, fc.oneof(dstInstant, instant2026), (name, t) => {
        expect(engines[name].isOpen(t)).toBe(references[name].isOpen(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference on working time across DST weeks', () => {
    fc.assert(
      fc.property(calendarName, dstInstant, fc.integer({ min: 0, max: 3 * DAY_MS }), (name, a, span) => {
        expect(engines[name].between(a, a + span)).toBe(references[name].between(a, a + span));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with the reference on due instants across DST weeks', () => {
    fc.assert(
      fc.property(calendarName, dstInstant, fc.integer({ min: 1, max: 12 * HOUR_MS }), (name, a, d) => {
        expect(engines[name].add(a, d)).toBe(references[name].add(a, d));
      }),
      { numRuns: 150 },
    );
  });
});
