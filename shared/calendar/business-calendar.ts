/**
 * Business calendars: when is a support organisation open, and how much working time lies between
 * two instants.
 *
 * Semantics (docs/policies.md › "Time semantics"): opening intervals are half-open `[open, close)` in local
 * wall-clock time; an interval that ends at or before its start crosses midnight; a closed date
 * closes its whole local day (and so cuts an overnight interval at midnight); a local time that
 * does not exist is never open and one that occurs twice is open both times; `add` lands on a
 * closing instant when the work runs out exactly there.
 *
 * Speed: open time is materialised lazily, one local year at a time (`open-ranges.ts`), as sorted
 * UTC ranges with a running total of open time, and a per-day index into them. `add` and `between`
 * start at the index entry of their day and gallop forward to the range they need.
 */

import { DAY_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { type CalendarSpec, WEEKDAYS } from './calendar-spec.ts';
import { closedDates } from './holidays.ts';
import { openRangesOfYear, type WeeklyPieces, weeklyPieces, type YearRanges } from './open-ranges.ts';
import { type Zone, zoneOf } from './zone.ts';

/** How far `add` and `nextClose` look ahead before giving up, in years. */
const HORIZON_YEARS = 50;
/** Instants this far (in years) from the materialised window start a fresh window. */
const JUMP_YEARS = 10;
/** No zone is further than this from UTC, so these margins keep a local year inside its UTC bounds. */
const MAX_OFFSET = 14 * 60 * MINUTE_MS;

export class BusinessCalendar {
  private readonly years = new Map<number, YearRanges>();
  private firstYear = 0;
  private lastYear = -1;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** `openUntil[i]`: open time from the window start to `ends[i]`. */
  private openUntil = new Float64Array(0);
  /** Instants in `[safeFrom, safeTo)` lie inside the materialised local years, whatever the offset. */
  private safeFrom = Number.POSITIVE_INFINITY;
  private safeTo = Number.NEGATIVE_INFINITY;
  /** `dayIndex[k]`: the first range ending after `indexBase + k` days, so lookups start next to their answer. */
  private dayIndex = new Int32Array(0);
  private indexBase = 0;

  private constructor(
    readonly zone: Zone,
    private readonly weekly: WeeklyPieces,
    private readonly closedOn: (year: number) => ReadonlySet<number>,
  ) {}

  /** Builds a calendar from a spec already validated by `calendarSpecSchema`. */
  static from(spec: CalendarSpec): BusinessCalendar {
    return new BusinessCalendar(zoneOf(spec), weeklyPieces(spec.hours), closedDates(spec.holidays ?? {}));
  }

  /** The IANA zone or fixed offset the calendar's hours are written in. */
  get zoneName(): string {
    return this.zone.name;
  }

  /** The local wall-clock time of an instant, like `Mon 2026-03-02 22:00 (-05:00)`. */
  formatLocal(instant: number): string {
    const offset = this.zone.segments(instant, instant + 1)[0]?.offset ?? 0;
    const local = new Date(instant + offset);
    const sign = offset < 0 ? '-' : '+';
    const minutes = Math.abs(offset) / MINUTE_MS;
    const zone = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const weekday = WEEKDAYS[local.getUTCDay()] ?? '';
    const stamp = local.toISOString().slice(0, 16).replace('T', ' ');
    return `${weekday[0]?.toUpperCase()}${weekday.slice(1)} ${stamp} (${zone})`;
  }

  isOpen(instant: number): boolean {
    this.cover(instant, instant);
    const i = this.firstEndingAfter(instant);
    return i < this.ends.length && (this.starts[i] as number) <= instant;
  }

  /** `instant` itself when open, else the next opening. */
  nextOpen(instant: number): number {
    this.cover(instant, instant);
    for (;;) {
      const i = this.firstEndingAfter(instant);
      if (i < this.ends.length) return Math.max(instant, this.starts[i] as number);
      this.extendForward(instant);
    }
  }

  /** The next closing instant after `instant` (the end of the current or next open period); `undefined` if it never closes within the horizon. */
  nextClose(instant: number): number | undefined {
    this.cover(instant, instant);
    for (;;) {
      const i = this.firstEndingAfter(instant);
      if (i < this.ends.length - 1) return this.ends[i];
      if (!this.tryExtendForward(instant)) return undefined;
    }
  }

  /**
   * The instant at which `duration` ms of working time have elapsed since `start`. For a zero
   * duration, the next open instant. Working time running out exactly at a closing time yields
   * that closing time.
   */
  add(start: number, duration: number): number {
    if (!(duration >= 0) || !Number.isFinite(duration)) throw new RangeError(`duration must be a finite number ≥ 0, got ${duration}`);
    if (duration === 0) return this.nextOpen(start);
    this.cover(start, start);
    for (;;) {
      const i = this.firstEndingAfter(start);
      const target = this.openTimeBefore(i, start) + duration;
      const j = this.firstReaching(target, i);
      const last = this.ends.length - 1;
      if (j <= last) {
        const end = this.ends[j] as number;
        const due = end - ((this.openUntil[j] as number) - target);
        if (due < end || j < last) return due;
      }
      this.extendForward(start);
    }
  }

  /** Working time in `[from, to)`, in ms; negative when `to` is before `from`. */
  between(from: number, to: number): number {
    if (to < from) return -this.between(to, from);
    this.cover(from, to);
    return this.openTimeAt(to) - this.openTimeAt(from);
  }

  // ── the materialised window ────────────────────────────────────────────────────────────────

  /** Open time from the window start up to `instant`. */
  private openTimeAt(instant: number): number {
    return this.openTimeBefore(this.firstEndingAfter(instant), instant);
  }

  /** Open time from the window start up to `instant`, given `i = firstEndingAfter(instant)`. */
  private openTimeBefore(i: number, instant: number): number {
    const n = this.ends.length;
    if (i === n) return n === 0 ? 0 : (this.openUntil[n - 1] as number);
    const start = this.starts[i] as number;
    const before = (this.openUntil[i] as number) - ((this.ends[i] as number) - start);
    return before + Math.max(0, instant - start);
  }

  /** The first range that ends after `instant`: a day-index lookup, then a short scan. */
  private firstEndingAfter(instant: number): number {
    const ends = this.ends;
    const day = Math.floor((instant - this.indexBase) / DAY_MS);
    let i = day >= 0 && day < this.dayIndex.length ? (this.dayIndex[day] as number) : day < 0 ? 0 : ends.length;
    while (i < ends.length && (ends[i] as number) <= instant) i++;
    return i;
  }

  /** The first range by whose end `openTime` of working time has elapsed, galloping forward from range `from`. */
  private firstReaching(openTime: number, from: number): number {
    const totals = this.openUntil;
    let lo = from;
    let hi = from;
    for (let step = 1; hi < totals.length && (totals[hi] as number) < openTime; step *= 2) {
      lo = hi + 1;
      hi = from + step;
    }
    hi = Math.min(hi, totals.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((totals[mid] as number) >= openTime) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Makes sure both instants lie safely inside the materialised local years. */
  private cover(from: number, to: number): void {
    if (from >= this.safeFrom && to < this.safeTo) return;
    const fromYear = new Date(from).getUTCFullYear();
    const toYear = new Date(to).getUTCFullYear();
    if (toYear - fromYear > 2 * HORIZON_YEARS) throw new RangeError('instants more than 100 years apart');
    let first = this.firstYear;
    let last = this.lastYear;
    if (last < first || toYear < first - JUMP_YEARS || fromYear > last + JUMP_YEARS) {
      first = fromYear;
      last = toYear;
    } else {
      first = Math.min(first, fromYear);
      last = Math.max(last, toYear);
    }
    while (from < Date.UTC(first, 0, 1) + MAX_OFFSET) first--;
    while (to >= Date.UTC(last + 1, 0, 1) - MAX_OFFSET) last++;
    if (first !== this.firstYear || last !== this.lastYear) this.rebuild(first, last);
  }

  private extendForward(from: number): void {
    if (!this.tryExtendForward(from)) {
      throw new RangeError(`the calendar has no working time within ${HORIZON_YEARS} years of ${new Date(from).toISOString()}`);
    }
  }

  private tryExtendForward(from: number): boolean {
    if (this.lastYear + 1 - new Date(from).getUTCFullYear() > HORIZON_YEARS) return false;
    this.rebuild(this.firstYear, this.lastYear + 1);
    return true;
  }

  private rebuild(first: number, last: number): void {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let year = first; year <= last; year++) {
      const ranges = this.yearRanges(year);
      for (let k = 0; k < ranges.starts.length; k++) {
        const start = ranges.starts[k] as number;
        const end = ranges.ends[k] as number;
        if (ends.length > 0 && ends[ends.length - 1] === start) ends[ends.length - 1] = end;
        else {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    const openUntil = new Float64Array(starts.length);
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      total += (ends[i] as number) - (starts[i] as number);
      openUntil[i] = total;
    }
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.openUntil = openUntil;
    this.firstYear = first;
    this.lastYear = last;
    this.safeFrom = Date.UTC(first, 0, 1) + MAX_OFFSET;
    this.safeTo = Date.UTC(last + 1, 0, 1) - MAX_OFFSET;
    this.indexBase = Date.UTC(first, 0, 1) - DAY_MS;
    const days = (Date.UTC(last + 1, 0, 1) + DAY_MS - this.indexBase) / DAY_MS;
    this.dayIndex = new Int32Array(days);
    let i = 0;
    for (let day = 0; day < days; day++) {
      const dayStart = this.indexBase + day * DAY_MS;
      while (i < ends.length && (ends[i] as number) <= dayStart) i++;
      this.dayIndex[day] = i;
    }
  }

  /** The open UTC ranges of one local calendar year, sorted and merged; computed once per year. */
  private yearRanges(year: number): YearRanges {
    const cached = this.years.get(year);
    if (cached !== undefined) return cached;
    const ranges = openRangesOfYear(this.zone, this.weekly, this.closedOn(year), year);
    this.years.set(year, ranges);
    return ranges;
  }
}
