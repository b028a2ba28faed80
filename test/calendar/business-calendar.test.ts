import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { calendarSpecSchema } from '#shared/calendar/calendar-schema.ts';
import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { at, calendar, iso } from '../support/calendars.ts';

const H = HOUR_MS;
const build = (spec: unknown) => BusinessCalendar.from(calendarSpecSchema.parse(spec));

describe('BusinessCalendar', () => {
  describe('add', () => {
    const ni = calendar('berlinNi');

    it('counts only opening hours and skips Easter in Lower Saxony', () => {
      // Thu 2 Apr 15:00 CEST: 2h left that day; Good Friday, the weekend and Easter Monday are closed.
      expect(iso(ni.add(at('2026-04-02T13:00:00Z'), 4 * H))).toBe('2026-04-07T08:30:00.000Z');
    });

    it('lands on the closing instant when the work runs out exactly at closing time', () => {
      expect(iso(ni.add(at('2026-03-02T07:30:00Z'), 8.5 * H))).toBe('2026-03-02T16:00:00.000Z');
      expect(ni.isOpen(at('2026-03-02T16:00:00Z'))).toBe(false);
    });

    it('starts a clock that begins outside hours at the next opening', () => {
      expect(iso(ni.add(at('2026-03-07T12:00:00Z'), 30 * MINUTE_MS))).toBe('2026-03-09T08:00:00.000Z');
    });

    it('returns the next open instant for a zero duration, or the start itself when open', () => {
      expect(iso(ni.add(at('2026-03-07T12:00:00Z'), 0))).toBe('2026-03-09T07:30:00.000Z');
      expect(iso(ni.add(at('2026-03-09T09:00:00Z'), 0))).toBe('2026-03-09T09:00:00.000Z');
    });

    it('keeps seconds and milliseconds of the start', () => {
      expect(iso(ni.add(at('2026-03-02T09:10:11.123Z'), 2 * H))).toBe('2026-03-02T11:10:11.123Z');
      expect(iso(ni.add(at('2026-03-02T15:59:59.999Z'), 1 * MINUTE_MS))).toBe('2026-03-03T07:30:59.999Z');
    });

    it('spans the new year, its holidays and a long duration', () => {
      // Thu 31 Dec 2026 16:00 CET → 1h left; Fri 1 Jan is a public holiday; Mon 4 Jan from 08:30.
      expect(iso(ni.add(at('2026-12-31T15:00:00Z'), 2 * H))).toBe('2027-01-04T08:30:00.000Z');
      // 255h = 1h on 31 Dec, 29 whole days of 8.5h (4 Jan to Thu 11 Feb) and 7.5h on Fri 12 Feb: 16:00 CET.
      expect(iso(ni.add(at('2026-12-31T15:00:00Z'), 8.5 * 30 * H))).toBe('2027-02-12T15:00:00.000Z');
      // The same work added in two halves ends at the same instant.
      expect(iso(ni.add(ni.add(at('2026-12-31T15:00:00Z'), 8.5 * 15 * H), 8.5 * 15 * H))).toBe('2027-02-12T15:00:00.000Z');
    });

    it('rejects negative and non-finite durations', () => {
      expect(() => ni.add(0, -1)).toThrow(RangeError);
      expect(() => ni.add(0, Number.NaN)).toThrow(RangeError);
    });
  });

  describe('between', () => {
    it('measures working time in [from, to) and is negative when reversed', () => {
      const ni = calendar('berlinNi');
      expect(ni.between(at('2026-03-02T07:30:00Z'), at('2026-03-03T07:30:00Z'))).toBe(8.5 * H);
      expect(ni.between(at('2026-03-03T07:30:00Z'), at('2026-03-02T07:30:00Z'))).toBe(-8.5 * H);
      expect(ni.between(at('2026-04-03T00:00:00Z'), at('2026-04-07T00:00:00Z'))).toBe(0);
    });
  });

  describe('daylight-saving time', () => {
    const night = calendar('berlinNight');

    it('never opens a local time that does not exist (Berlin, spring forward)', () => {
      // Sun 29 Mar 2026 01:00–04:00 local is only two real hours: 02:00–03:00 is skipped.
      expect(night.between(at('2026-03-29T00:00:00Z'), at('2026-03-29T03:00:00Z'))).toBe(2 * H);
      expect(iso(night.add(at('2026-03-28T12:00:00Z'), 2 * H - 1))).toBe('2026-03-29T01:59:59.999Z');
    });

    it('opens a repeated local time twice (Berlin, fall back)', () => {
      expect(night.between(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(4 * H);
      expect(night.isOpen(at('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST
      expect(night.isOpen(at('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET
    });

    it('keeps New York office hours on local time across the March and November changes', () => {
      const ny = build({ timezone: 'America/New_York', hours: { fri: ['08:00-20:00'], mon: ['08:00-20:00'], sun: ['09:00-17:00'] } });
      expect(iso(ny.nextOpen(at('2026-03-07T12:00:00Z')))).toBe('2026-03-08T13:00:00.000Z'); // Sun 09:00 EDT
      expect(iso(ny.nextOpen(at('2026-02-28T12:00:00Z')))).toBe('2026-03-01T14:00:00.000Z'); // Sun 09:00 EST
      expect(iso(ny.nextOpen(at('2026-10-31T12:00:00Z')))).toBe('2026-11-01T14:00:00.000Z'); // Sun 09:00 EST again
      expect(ny.between(at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(8 * H);
    });

    it('handles the southern hemisphere (Sydney ends DST in April, starts in October)', () => {
      const syd = calendar('sydney');
      expect(iso(syd.nextOpen(at('2026-03-30T12:00:00Z')))).toBe('2026-03-30T21:00:00.000Z'); // Tue 08:00 AEDT (+11)
      expect(iso(syd.nextOpen(at('2026-04-07T12:00:00Z')))).toBe('2026-04-07T22:00:00.000Z'); // Wed 08:00 AEST (+10)
      expect(iso(syd.nextOpen(at('2026-04-02T12:00:00Z')))).toBe('2026-04-06T22:00:00.000Z'); // Good Friday to Easter Monday closed
      expect(iso(syd.nextOpen(at('2026-10-05T12:00:00Z')))).toBe('2026-10-05T21:00:00.000Z'); // Tue 08:00 AEDT; Mon 5 Oct is Labour Day
    });

    it('ignores DST for a fixed UTC offset', () => {
      const fixed = calendar('fixedPlus2');
      expect(iso(fixed.nextOpen(at('2026-01-05T00:00:00Z')))).toBe('2026-01-05T07:00:00.000Z');
      expect(iso(fixed.nextOpen(at('2026-07-06T00:00:00Z')))).toBe('2026-07-06T07:00:00.000Z');
      expect(iso(fixed.add(at('2026-03-27T15:00:00Z'), 2 * H))).toBe('2026-03-30T08:00:00.000Z');
    });
  });

  describe('overnight intervals', () => {
    it('runs an interval that ends before it starts into the next day', () => {
      const shift = build({ timezone: 'UTC', hours: { fri: ['22:00-06:00'] } });
      expect(shift.between(at('2026-03-06T00:00:00Z'), at('2026-03-08T00:00:00Z'))).toBe(8 * H);
      expect(shift.isOpen(at('2026-03-07T05:59:59.999Z'))).toBe(true);
      expect(shift.isOpen(at('2026-03-07T06:00:00Z'))).toBe(false);
    });

    it('cuts an overnight shift at midnight when the next day is a holiday', () => {
      const shift = build({ timezone: 'UTC', hours: { fri: ['22:00-06:00'] }, holidays: { dates: ['2026-03-07'] } });
      expect(shift.between(at('2026-03-06T00:00:00Z'), at('2026-03-08T00:00:00Z'))).toBe(2 * H);
      expect(iso(shift.add(at('2026-03-06T22:00:00Z'), 2 * H))).toBe('2026-03-07T00:00:00.000Z');
    });

    it('keeps the morning part when only the evening is a holiday', () => {
      const shift = build({ timezone: 'UTC', hours: { fri: ['22:00-06:00'] }, holidays: { dates: ['2026-03-06'] } });
      expect(shift.between(at('2026-03-06T00:00:00Z'), at('2026-03-08T00:00:00Z'))).toBe(6 * H);
    });

    it('treats 00:00-24:00 on consecutive days as one open stretch without a closing at midnight', () => {
      const weekdays = calendar('berlinWeekdays');
      expect(iso(weekdays.nextClose(at('2026-03-02T10:00:00Z')))).toBe('2026-03-06T23:00:00.000Z');
      expect(iso(weekdays.add(at('2026-03-06T12:00:00Z'), 72 * H))).toBe('2026-03-11T12:00:00.000Z');
    });
  });

  describe('holidays', () => {
    it('closes Easter-based public holidays from date-holidays (Good Friday, Easter Monday, Ascension, Whit Monday)', () => {
      const ni = calendar('berlinNi');
      for (const day of ['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25', '2027-03-26', '2027-03-29']) {
        expect(ni.isOpen(at(`${day}T10:00:00Z`)), day).toBe(false);
      }
      expect(ni.isOpen(at('2026-04-02T10:00:00Z'))).toBe(true); // Maundy Thursday is only an observance
    });

    it('uses only public holidays unless told otherwise, and honours explicit dates and exclusions', () => {
      const base = { timezone: 'Europe/Berlin', hours: { thu: ['08:30-17:00'] } };
      const christmasEve = at('2026-12-24T10:00:00Z');
      expect(build({ ...base, holidays: { country: 'DE', region: 'NI' } }).isOpen(christmasEve)).toBe(true);
      expect(build({ ...base, holidays: { country: 'DE', region: 'NI', types: ['public', 'bank'] } }).isOpen(christmasEve)).toBe(false);
      expect(build({ ...base, holidays: { dates: ['2026-12-24'] } }).isOpen(christmasEve)).toBe(false);
      const ascension = at('2026-05-14T10:00:00Z');
      expect(build({ ...base, holidays: { country: 'DE', exclude: ['2026-05-14'] } }).isOpen(ascension)).toBe(true);
    });
  });

  describe('nextOpen and nextClose', () => {
    const ni = calendar('berlinNi');

    it('finds the end of the current or the next opening period', () => {
      expect(iso(ni.nextClose(at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T16:00:00.000Z');
      expect(iso(ni.nextClose(at('2026-03-02T16:00:00Z')))).toBe('2026-03-03T16:00:00.000Z');
      expect(iso(ni.nextOpen(at('2026-03-02T16:00:00Z')))).toBe('2026-03-03T07:30:00.000Z');
    });

    it('says a calendar that is always open never closes', () => {
      const always = build({
        timezone: 'UTC',
        hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']])),
      });
      expect(always.nextClose(at('2026-06-01T00:00:00Z'))).toBeUndefined();
      expect(iso(always.add(at('2026-12-31T23:00:00Z'), 2 * H))).toBe('2027-01-01T01:00:00.000Z');
    });
  });
});

describe('calendar file validation', () => {
  const problems = (spec: unknown) => {
    const result = calendarSpecSchema.safeParse(spec);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it.each([
    [{ timezone: 'Europe/Berlin', hours: { mon: ['25:00-26:00'] } }, 'hours.mon.0: "25:00" is not a time of day'],
    [{ timezone: 'Europe/Berlin', hours: { mon: ['8-17'] } }, 'hours.mon.0: expected an interval like "08:30-17:00"'],
    [{ timezone: 'Europe/Berlin', hours: { mon: ['09:00-09:00'] } }, 'is empty'],
    [{ timezone: 'Mars/Olympus', hours: { mon: ['09:00-17:00'] } }, 'timezone: unknown IANA time zone "Mars/Olympus"'],
    [{ utcOffset: '+15:00', hours: { mon: ['09:00-17:00'] } }, 'utcOffset: expected a UTC offset'],
    [{ timezone: 'UTC', utcOffset: '+02:00', hours: { mon: ['09:00-17:00'] } }, 'timezone: give exactly one'],
    [{ timezone: 'UTC', hours: {} }, 'hours: the calendar is never open'],
    [{ timezone: 'UTC', hours: { monday: ['09:00-17:00'] } }, 'Unrecognized key'],
    [
      { timezone: 'UTC', hours: { mon: ['09:00-17:00'] }, holidays: { country: 'DE', region: 'XX' } },
      'holidays.region: unknown holiday region "XX" for DE',
    ],
    [{ timezone: 'UTC', hours: { mon: ['09:00-17:00'] }, holidays: { country: 'ZZ' } }, 'holidays.country: unknown holiday country "ZZ"'],
    [{ timezone: 'UTC', hours: { mon: ['09:00-17:00'] }, holidays: { dates: ['2026-02-30'] } }, 'holidays.dates.0: expected a date like'],
  ])('rejects %j naming the field', (spec, expected) => {
    expect(problems(spec).join('\n')).toContain(expected);
  });

  it('accepts intervals ending at 24:00 and crossing midnight', () => {
    expect(problems({ timezone: 'UTC', hours: { mon: ['00:00-24:00'], fri: ['22:00-06:00'] } })).toEqual([]);
  });
});
