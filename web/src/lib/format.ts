/**
 * How the console writes times and durations. Instants are shown in the viewer's zone (or a
 * given one) with the zone named; durations as `2h 05m`. Only `Intl`, no date library.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `3d 04h`, `2h 05m`, `12m 05s`, `45s`; a negative duration gets a minus sign (an overrun).
 * Seconds appear only below an hour, where a ticking countdown needs them.
 */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000) * 1000;
  const sign = ms < 0 && total > 0 ? '−' : '';
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const seconds = Math.floor((total % MINUTE) / 1000);
  if (days > 0) return `${sign}${days}d ${pad(hours)}h`;
  if (hours > 0) return `${sign}${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${sign}${minutes}m ${pad(seconds)}s`;
  return `${sign}${seconds}s`;
}

let zone: string | undefined;

/**
 * The viewer's IANA zone, read once: a new `Intl.DateTimeFormat` costs far more than formatting
 * with one, and countdowns format on every tick.
 */
export function viewerZone(): string {
  zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${zone} ${locale ?? ''}`;
  let format = formats.get(key);
  if (format === undefined) {
    // Explicit fields: dateStyle cannot be combined with timeZoneName.
    format = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * `Mon, 2 Mar 2026, 14:05 CET (Europe/Berlin)` in en-GB: in `zone` (the viewer's by default) and
 * the viewer's locale, the zone named.
 */
export function formatInstant(instant: string | number, zone: string = viewerZone(), locale?: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return `${formatIn(zone, locale).format(ms)} (${zone})`;
}

/** An ISO instant as the value of a `datetime-local` input in the viewer's zone, and back. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | undefined {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
