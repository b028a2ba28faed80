/**
 * Durations as written in policy files: `15m`, `4h`, `2h30m`, `3d`, `0m`.
 * A day is 24 hours of the clock's own calendar, so `3d` on business hours means 72 working hours.
 * All arithmetic is in milliseconds.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export const DURATION_HINT = 'expected a duration like "4h", "2h30m", "15m" or "3d"';

/** Parses a policy duration; returns `undefined` when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null || text === '') return undefined;
  const [, days = '0', hours = '0', minutes = '0'] = match;
  return Number(days) * DAY_MS + Number(hours) * HOUR_MS + Number(minutes) * MINUTE_MS;
}

/** Formats a duration compactly for people: `0m`, `15m`, `2h`, `2h30m`, `3d 4h`, `1m 30s`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = rest / 1000;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`);
  const hm = `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}`;
  if (hm !== '') parts.push(hm);
  if (seconds > 0) parts.push(`${seconds}s`);
  return sign + (parts.length === 0 ? '0m' : parts.join(' '));
}
