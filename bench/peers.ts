/**
 * The peer for the calendar benchmark: `opening_hours` (OpenStreetMap's opening-hours engine, the
 * fastest correct business-hours library we found on the registry), configured with the same
 * hours and the same Lower Saxony public holidays. It has no "add working time" call, so `add`
 * walks its state-change iterator, which is how its own documentation computes durations.
 * It works in the process's local time zone, so the benchmark runs with TZ=Europe/Berlin.
 */

import opening_hours from 'opening_hours';

export interface PeerCalendar {
  readonly name: string;
  add(start: Date, ms: number): number;
  between(from: Date, to: Date): number;
}

/** `withHolidays: false` drops `PH off`, for a comparison with a calendar that has no holidays either. */
export function openingHoursPeer(withHolidays = true): PeerCalendar {
  if (process.env.TZ !== 'Europe/Berlin') throw new Error('run the peer with TZ=Europe/Berlin (npm run bench does)');
  const oh = new opening_hours(withHolidays ? 'Mo-Fr 08:30-17:00; PH off' : 'Mo-Fr 08:30-17:00', {
    lat: 52.37,
    lon: 9.73,
    address: { country_code: 'de', state: 'Niedersachsen' },
  });
  return {
    name: `opening_hours@3.15.0${withHolidays ? '' : ' (no holidays)'}`,
    add(start, ms) {
      const iterator = oh.getIterator(start);
      let remaining = ms;
      let cursor = start.getTime();
      let open = iterator.getState();
      for (;;) {
        if (!iterator.advance()) throw new Error('opening_hours found no further state change');
        const next = iterator.getDate().getTime();
        if (open) {
          if (next - cursor >= remaining) return cursor + remaining;
          remaining -= next - cursor;
        }
        cursor = next;
        open = iterator.getState();
      }
    },
    between(from, to) {
      return oh.getOpenDuration(from, to)[0];
    },
  };
}
