/**
 * What the ticket pages say about time entries: a duration typed as `75`, `1h15m` or `1:15`
 * read as whole minutes, minutes written as `1 h 15 min`, and why an entry is not billable. The
 * API decides what is billable and what a ticket's total is; this only reads and writes text.
 */

const UNITS = '(h|hr|hrs|hours?|m|min|mins|minutes?)';

/** `1h15m`, `1 h 15 min`, `2h`, `45min`, `1.5h`: numbers each followed by a unit. */
const UNIT_PARTS = new RegExp(`^(?:(\\d+(?:\\.\\d+)?)\\s*${UNITS}\\s*)+$`, 'i');
const UNIT_PART = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${UNITS}`, 'gi');

export type ParsedDuration = { readonly minutes: number } | { readonly error: string };

export const DURATION_HINT = 'Minutes (75), or hours and minutes (1h15m, 1:15).';

/**
 * Whole minutes from what an agent typed: plain minutes (`75`), `h:mm` (`1:15`), or numbers
 * with units (`1h15m`, `1 h 15 min`, `1.5h`). Fractions must come to whole minutes; the range
 * (1 to a day) is the API's to check, so it can say so on the field.
 */
export function parseDuration(text: string): ParsedDuration {
  const typed = text.trim();
  if (typed === '') return { error: 'enter the time spent, e.g. 45 or 1h15m' };
  if (/^\d+$/.test(typed)) return { minutes: Number(typed) };
  const clock = /^(\d+):([0-5]\d)$/.exec(typed);
  if (clock !== null) return { minutes: Number(clock[1]) * 60 + Number(clock[2]) };
  if (!UNIT_PARTS.test(typed)) return { error: `cannot read "${typed}" as a duration: use minutes (75) or 1h15m` };
  let sixtieths = 0;
  for (const [, amount, unit] of typed.matchAll(UNIT_PART)) {
    const hours = (unit as string).toLowerCase().startsWith('h');
    sixtieths += decimalTimes(amount as string, hours ? 60 : 1);
  }
  if (!Number.isInteger(sixtieths)) return { error: `"${typed}" is not a whole number of minutes` };
  return { minutes: sixtieths };
}

/**
 * `amount × factor` when it is a whole number, computed on the decimal digits (1.25 × 60 = 75
 * exactly); otherwise a fraction, which the caller refuses.
 */
function decimalTimes(amount: string, factor: number): number {
  const [whole, fraction = ''] = amount.split('.');
  const scale = 10 ** fraction.length;
  const scaled = (Number(whole) * scale + Number(fraction === '' ? '0' : fraction)) * factor;
  return scaled % scale === 0 ? scaled / scale : Number.NaN;
}

/** `1 h 15 min`, `2 h`, `45 min`, `0 min`; a negative amount (a credit) gets a minus sign. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${rest} min`;
}

/**
 * "billable", or why not: `free: bug` when the ticket's category is one the policy does not bill,
 * else "not billable" (the agent said so).
 */
export function billableText(billable: boolean, category: string | undefined, freeCategories: readonly string[]): string {
  if (billable) return 'billable';
  if (category !== undefined && freeCategories.includes(category)) return `free: ${category}`;
  return 'not billable';
}

/** The categories a policy document (`GET /policies/{id}`) does not bill: its `billing.freeCategories`. */
export function freeCategoriesOf(policy: unknown): string[] {
  const billing = (policy as { billing?: { freeCategories?: unknown } } | undefined)?.billing;
  const free = billing?.freeCategories;
  return Array.isArray(free) ? free.filter((c): c is string => typeof c === 'string') : [];
}
