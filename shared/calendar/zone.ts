/**
 * The one module that knows about UTC offsets and daylight-saving time.
 *
 * A zone is either an IANA time zone (offsets come from the runtime's ICU time-zone data through
 * `Intl.DateTimeFormat`, so they follow the Node.js / Lambda runtime's tzdata) or a fixed offset,
 * which never observes DST. The calendar never converts wall-clock endpoints to instants one by
 * one; it asks for the offset *segments* of a span and intersects local windows with each
 * segment, which is what makes skipped and repeated hours come out right.
 */

import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';

/** A span of UTC time `[from, to)` during which local time = UTC + `offset` (ms). */
export interface OffsetSegment {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

export interface Zone {
  /** `Europe/Berlin` or `+02:00`, as configured. */
  readonly name: string;
  /** Offset segments covering `[from, to)`, in order, contiguous. */
  segments(from: number, to: number): OffsetSegment[];
}

const FIXED_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** `"+02:00"` → 7 200 000; `undefined` when the text is not a valid offset (max ±14:00). */
export function parseUtcOffset(text: string): number | undefined {
  const match = FIXED_OFFSET.exec(text);
  if (match === null) return undefined;
  const [, sign, hh, mm] = match;
  const minutes = Number(hh) * 60 + Number(mm);
  if (Number(mm) > 59 || minutes > 14 * 60) return undefined;
  return (sign === '-' ? -1 : 1) * minutes * MINUTE_MS;
}

export function isIanaTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return !FIXED_OFFSET.test(name);
  } catch {
    return false;
  }
}

export function fixedOffsetZone(name: string, offset: number): Zone {
  return { name, segments: (from, to) => [{ from, to, offset }] };
}

/** How finely offsets are sampled before a change is bisected to the second. */
const SAMPLE_STEP = 6 * HOUR_MS;

export function ianaZone(name: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const offsetAt = (instant: number): number => {
    const whole = Math.floor(instant / 1000) * 1000;
    const fields: Record<string, string> = {};
    for (const part of format.formatToParts(whole)) fields[part.type] = part.value;
    const era = fields.era === 'BC' ? -1 : 1;
    const local = Date.UTC(
      era * Number(fields.year),
      Number(fields.month) - 1,
      Number(fields.day),
      Number(fields.hour),
      Number(fields.minute),
      Number(fields.second),
    );
    return local - whole;
  };
  /** The first whole second in (lo, hi] whose offset differs from `offsetAt(lo)`. */
  const bisect = (lo: number, hi: number, before: number): number => {
    let low = lo;
    let high = hi;
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetAt(mid) === before) low = mid;
      else high = mid;
    }
    return high;
  };
  return {
    name,
    segments(from, to) {
      const out: OffsetSegment[] = [];
      let start = from;
      let offset = offsetAt(from);
      for (let probe = from; probe < to; ) {
        const next = Math.min(probe + SAMPLE_STEP, to);
        const nextOffset = offsetAt(next);
        if (nextOffset !== offset) {
          const change = bisect(probe, next, offset);
          out.push({ from: start, to: change, offset });
          start = change;
          offset = offsetAt(change);
          probe = change;
          continue;
        }
        probe = next;
      }
      out.push({ from: start, to, offset });
      return out;
    },
  };
}

/** Builds a zone from a calendar's `timezone` or `utcOffset`; the caller has validated it. */
export function zoneOf(spec: { timezone?: string | undefined; utcOffset?: string | undefined }): Zone {
  if (spec.utcOffset !== undefined) {
    const offset = parseUtcOffset(spec.utcOffset);
    if (offset === undefined) throw new RangeError(`invalid UTC offset ${spec.utcOffset}`);
    return fixedOffsetZone(spec.utcOffset, offset);
  }
  return ianaZone(spec.timezone ?? 'UTC');
}
