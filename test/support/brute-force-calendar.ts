/**
 * A deliberately naive reference for business calendars: it decides, minute by minute, whether
 * the local wall-clock time (read with Intl, or plain arithmetic for a fixed offset) falls inside
 * an opening interval on a date that is not closed. Slow, obvious, and independent of the engine's
 * offset segments and materialised ranges.
 */

import { type CalendarSpec, WEEKDAYS } from '#shared/calendar/calendar-spec.ts';
import { closedDates } from '#shared/calendar/holidays.ts';
import { parseUtcOffset } from '#shared/calendar/zone.ts';
import { DAY_MS, MINUTE_MS } from '#shared/time/duration.ts';

interface Local {
  day: number; // days since 1970-01-01, local date
  minute: number; // minutes after local midnight, fractional
}

export class BruteForceCalendar {
  private readonly local: (t: number) => Local;
  private readonly closed: (year: number) => ReadonlySet<number>;

  constructor(private readonly spec: CalendarSpec) {
    this.closed = closedDates(spec.holidays ?? {});
    if (spec.utcOffset !== undefined) {
      const offset = parseUtcOffset(spec.utcOffset) as number;
      this.local = (t) => split(t + offset);
    } else {
      const format = new Intl.DateTimeFormat('en-GB', {
        timeZone: spec.timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      this.local = (t) => {
        const f: Record<string, number> = {};
        for (const p of format.formatToParts(new Date(t))) f[p.type] = Number(p.value);
        const wall =
          Date.UTC(f.year as number, (f.month as number) - 1, f.day as number, f.hour, f.minute, f.second) + (((t % 1000) + 1000) % 1000);
        return split(wall);
      };
    }
  }

  isOpen(t: number): boolean {
    const { day, minute } = this.local(t);
    if (this.closed(new Date(day * DAY_MS).getUTCFullYear()).has(day)) return false;
    const weekday = WEEKDAYS[new Date(day * DAY_MS).getUTCDay()] as (typeof WEEKDAYS)[number];
    const yesterday = WEEKDAYS[new Date((day - 1) * DAY_MS).getUTCDay()] as (typeof WEEKDAYS)[number];
    for (const [start, end] of intervals(this.spec.hours[weekday])) {
      if (end > start ? minute >= start && minute < end : minute >= start) return true;
    }
    for (const [start, end] of intervals(this.spec.hours[yesterday])) {
      if (end <= start && minute < end) return true;
    }
    return false;
  }

  /** Working ms in [a, b), a ≤ b, one UTC minute at a time (open status is constant within a minute). */
  between(a: number, b: number): number {
    let total = 0;
    for (let m = Math.floor(a / MINUTE_MS) * MINUTE_MS; m < b; m += MINUTE_MS) {
      const from = Math.max(a, m);
      const to = Math.min(b, m + MINUTE_MS);
      if (to > from && this.isOpen(m)) total += to - from;
    }
    return total;
  }

  /** The instant `d` ms of working time after `a` (d > 0), scanning minute by minute. */
  add(a: number, d: number): number {
    let remaining = d;
    for (let m = Math.floor(a / MINUTE_MS) * MINUTE_MS; ; m += MINUTE_MS) {
      const from = Math.max(a, m);
      const to = m + MINUTE_MS;
      if (!this.isOpen(m)) continue;
      if (to - from >= remaining) return from + remaining;
      remaining -= to - from;
    }
  }
}

function split(wall: number): Local {
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: (wall - day * DAY_MS) / MINUTE_MS };
}

function intervals(list: readonly string[] | undefined): Array<[number, number]> {
  return (list ?? []).map((text) => {
    const [a, b] = text.split('-') as [string, string];
    const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    return [toMin(a), toMin(b)];
  });
}
