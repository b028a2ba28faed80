/**
 * Money as the contracts state it: an integer amount in the currency's minor units (`7500` EUR is
 * 75.00 EUR), never a float. A policy writes major units (`75` or `75.00`); they are converted
 * exactly here, from the number's shortest decimal text, and a value with more decimals than the
 * currency has (`75.001` EUR) is refused, not rounded. The currency's minor digits come from
 * `Intl.NumberFormat(...).resolvedOptions().maximumFractionDigits` (EUR 2, JPY 0, BHD 3).
 */

export interface Money {
  /** Minor units of `currency`, an integer. */
  readonly amount: number;
  /** ISO 4217 code, `EUR`. */
  readonly currency: string;
}

/** ISO 4217's code for "no currency": the currency of statements of a policy that bills nothing. */
export const NO_CURRENCY = 'XXX';

/** The largest amount a policy may write, in minor units: far below 2^53, so sums of amounts stay exact. */
export const MAX_MINOR_UNITS = 1_000_000_000_000;

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('currency'), NO_CURRENCY]);

export function isCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** How many digits the currency's minor unit has (EUR 2, JPY 0). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Major units (`75`, `75.5`, `"75.00"`) → minor units, exactly; `{ error }` when the value is not
 * a plain non-negative decimal or has more decimals than the currency allows.
 */
export function toMinorUnits(major: number | string, currency: string): { minor: number } | { error: string } {
  const text = typeof major === 'number' ? String(major) : major.trim();
  const match = DECIMAL.exec(text);
  if (match === null) return { error: `expected an amount like 75 or 75.00, got ${JSON.stringify(major)}` };
  const [, whole = '', fraction = ''] = match;
  const digits = minorDigits(currency);
  if (fraction.replace(/0+$/, '').length > digits) {
    return { error: `${currency} has ${digits} decimal${digits === 1 ? '' : 's'}: ${text} cannot be billed exactly` };
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
  if (minor > MAX_MINOR_UNITS) return { error: `at most ${formatMinorUnits(MAX_MINOR_UNITS, currency)} ${currency}` };
  return { minor };
}

/** Minor units → decimal text in major units, from integers only: `7500` EUR → `75.00`, `-1875` → `-18.75`. */
export function formatMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
