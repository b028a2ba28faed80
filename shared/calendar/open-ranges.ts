/**
 * From a calendar's weekly hours, its closed dates and its zone to the open UTC ranges of one local
 * year. Local wall-clock windows are intersected with the zone's offset segments, so a skipped
 * local hour is never open and a repeated one is open twice (see `zone.ts`).
 */

import { DAY_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { type CalendarSpec, parseInterval, WEEKDAYS } from './calendar-spec.ts';
import type { Zone } from './zone.ts';

/** Local pieces of a weekday: `[from, to)` in ms after local midnight, sorted and merged. */
export type WeeklyPieces = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/** Open UTC ranges `[starts[k], ends[k])`, sorted and merged. */
export interface YearRanges {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** Splits each weekday's intervals at midnight, assigns overnight tails to the next day, merges. */
export function weeklyPieces(hours: CalendarSpec['hours']): WeeklyPieces {
  const pieces: Array<Array<[number, number]>> = WEEKDAYS.map(() => []);
  WEEKDAYS.forEach((day, index) => {
    for (const text of hours[day] ?? []) {
      const parsed = parseInterval(text);
      if (typeof parsed === 'string') throw new RangeError(parsed);
      const [from, to] = parsed;
      if (to > from) pieces[index]?.push([from * MINUTE_MS, to * MINUTE_MS]);
      else {
        pieces[index]?.push([from * MINUTE_MS, DAY_MS]);
        if (to > 0) pieces[(index + 1) % 7]?.push([0, to * MINUTE_MS]);
      }
    }
  });
  return pieces.map((list) => {
    list.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [from, to] of list) {
      const previous = merged[merged.length - 1];
      if (previous !== undefined && previous[1] >= from) previous[1] = Math.max(previous[1], to);
      else merged.push([from, to]);
    }
    return merged;
  });
}

/** The open UTC ranges of one local calendar year, skipping its closed days (day numbers). */
export function openRangesOfYear(zone: Zone, weekly: WeeklyPieces, closed: ReadonlySet<number>, year: number): YearRanges {
  const firstDay = Date.UTC(year, 0, 1) / DAY_MS;
  const lastDay = Date.UTC(year + 1, 0, 1) / DAY_MS;
  const segments = zone.segments(firstDay * DAY_MS - DAY_MS, lastDay * DAY_MS + DAY_MS);
  const raw: Array<[number, number]> = [];
  for (let day = firstDay; day < lastDay; day++) {
    if (closed.has(day)) continue;
    // 1970-01-01 (day 0) was a Thursday, index 4 in WEEKDAYS.
    const pieces = weekly[(((day + 4) % 7) + 7) % 7] ?? [];
    for (const [from, to] of pieces) {
      const localStart = day * DAY_MS + from;
      const localEnd = day * DAY_MS + to;
      for (const segment of segments) {
        const start = Math.max(segment.from, localStart - segment.offset);
        const end = Math.min(segment.to, localEnd - segment.offset);
        if (start < end) raw.push([start, end]);
      }
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [start, end] of raw) {
    if (ends.length > 0 && (ends[ends.length - 1] as number) >= start) {
      ends[ends.length - 1] = Math.max(ends[ends.length - 1] as number, end);
    } else {
      starts.push(start);
      ends.push(end);
    }
  }
  return { starts, ends };
}
