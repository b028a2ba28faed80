/**
 * Instants cross every boundary (API, files, CLI) as ISO-8601 with a zone designator and leave it
 * as UTC `...Z`. Inside the domain an instant is epoch milliseconds.
 */

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export const INSTANT_HINT = 'expected an ISO-8601 instant with a zone, like "2026-04-02T13:00:00Z"';

/** Parses an ISO-8601 instant that names its offset; `undefined` for anything else (incl. 2026-02-30). */
export function parseInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== undefined) {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMins = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = Math.round(Number(`0.${frac || '0'}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second) + millis;
  return local - offsetMinutes * 60_000;
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
