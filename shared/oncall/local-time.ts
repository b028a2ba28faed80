/**
 * Local wall-clock time in a rotation's IANA zone, fast enough to ask on every page: the zone's
 * offset segments (`shared/calendar/zone.ts`, the one source of offsets) are materialised once per
 * UTC year and kept, so reading an offset or finding when a wall-clock time is reached is a lookup.
 *
 * "Wall time" is the local date and time read as if it were UTC, in ms (Berlin 09:00 on
 * 2026-03-02 is `Date.UTC(2026, 2, 2, 9)`).
 */

import { ianaZone, type OffsetSegment, type Zone } from '#shared/calendar/zone.ts';
import { DAY_MS } from '#shared/time/duration.ts';

/** Each year's table reaches this far into its neighbours, more than any offset (±14 h) plus a DST gap. */
const MARGIN = 2 * DAY_MS;

export class LocalClock {
  private readonly years = new Map<number, readonly OffsetSegment[]>();

  private constructor(readonly zone: Zone) {}

  private static readonly clocks = new Map<string, LocalClock>();

  /** One clock per IANA zone name, shared (the IANA zones are a fixed, small set). */
  static of(zoneName: string): LocalClock {
    return LocalClock.clocks.get(zoneName) ?? LocalClock.forZone(ianaZone(zoneName));
  }

  /** The clock of any zone, IANA or fixed offset (a calendar's `utcOffset`), shared by name. */
  static forZone(zone: Zone): LocalClock {
    let clock = LocalClock.clocks.get(zone.name);
    if (clock === undefined) {
      clock = new LocalClock(zone);
      LocalClock.clocks.set(zone.name, clock);
    }
    return clock;
  }

  /** The UTC offset in force at `instant`, in ms. */
  offsetAt(instant: number): number {
    for (const segment of this.segmentsNear(instant)) {
      if (instant < segment.to) return segment.offset;
    }
    throw new RangeError(`no offset for ${instant}`);
  }

  wallTime(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * The first instant whose wall time is `wall` or later. A wall time that occurs twice (the hour
   * the clocks go back) is reached at its first occurrence; one that does not occur (the hour they
   * go forward) is passed at the change itself: 02:30 on Berlin's spring day is reached at 03:00 CEST.
   */
  firstReaching(wall: number): number {
    for (const segment of this.segmentsNear(wall)) {
      const candidate = Math.max(segment.from, wall - segment.offset);
      if (candidate < segment.to) return candidate;
    }
    throw new RangeError(`wall time ${wall} is not reached`);
  }

  /** Segments covering the UTC year of `instant`, two days either side. */
  private segmentsNear(instant: number): readonly OffsetSegment[] {
    const year = new Date(instant).getUTCFullYear();
    let segments = this.years.get(year);
    if (segments === undefined) {
      segments = this.zone.segments(Date.UTC(year, 0, 1) - MARGIN, Date.UTC(year + 1, 0, 1) + MARGIN);
      this.years.set(year, segments);
    }
    return segments;
  }
}
