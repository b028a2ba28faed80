/**
 * The quarter a review is for (`2027-Q2`), a billing period of kind `quarter`
 * (`shared/billing/periods.ts`): it starts at local midnight of its first day in each org's zone
 * (an org in New York starts Q2 six hours after one in Berlin).
 */

import { type Period, parsePeriod } from '#shared/billing/periods.ts';
import { DomainError } from '#shared/domain-error.ts';

export const QUARTER_HINT = 'expected a quarter like "2027-Q2"';

/** `2027-Q2` → its period; anything else (a month, a year) is a bad `quarter`. */
export function reviewQuarter(text: string): Period {
  const period = /^\d{4}-Q[1-4]$/.test(text) ? parsePeriod(text) : undefined;
  if (period?.kind !== 'quarter') {
    throw new DomainError('bad_request', 'the quarter is not valid', [{ path: 'quarter', message: QUARTER_HINT }]);
  }
  return period;
}

/** The quarter's first day in words ("1 April 2027"), for mail. */
export function firstDayInWords(quarter: Period): string {
  const first = new Date(Date.UTC(quarter.year, quarter.firstMonth - 1, 1));
  return `1 ${first.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${quarter.year}`;
}
