/**
 * Amounts of money as integer minor units of a currency (`7500` EUR is 75.00 EUR), converted
 * exactly from the major units people write (`75`, `"75.00"`): never through a float product.
 */

/** The currency's minor digits (EUR 2, JPY 0), or undefined for a code Intl does not know. */
export function minorDigits(currency: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(currency) || !Intl.supportedValuesOf('currency').includes(currency)) return undefined;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

const DECIMAL = /^(\d{1,15})(?:\.(\d+))?$/;

/**
 * `"30000.50"` or `30000.5` in EUR → `3000050`; a negative amount, an exponent, or more decimals
 * than the currency has → a message saying so (the caller adds the field's path).
 */
export function toMinorUnits(value: number | string, currency: string): { amount: number } | { error: string } {
  const digits = minorDigits(currency);
  if (digits === undefined) return { error: `unknown currency "${currency}"` };
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (match === null) return { error: `expected an amount like 30000 or 30000.00, got "${text}"` };
  const [, whole = '', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) return { error: `${currency} has ${digits} decimal${digits === 1 ? '' : 's'}, got "${text}"` };
  const amount = Number(whole) * 10 ** digits + Number(significant.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(amount)) return { error: `"${text}" is too large` };
  return { amount };
}

/** `3000050` EUR → `"30000.50"`: the amount in major units as text, for mail and CSV. */
export function formatMinorUnits(amount: number, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
