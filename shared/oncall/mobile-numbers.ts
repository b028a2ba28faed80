/**
 * Phone numbers as people type them, checked with libphonenumber-js's **mobile** metadata build
 * (`libphonenumber-js/mobile`, about 100 KB of metadata against 156 KB for `max`): it knows the
 * mobile ranges of every country, so `isValid()` is "a valid mobile number" and `getType()` can
 * tell a mobile number from a toll-free or shared-cost one. The `min` build (84 KB) has no type
 * information at all, so it could not refuse a landline. Only what reads input loads it (the API);
 * stored numbers are read back as E.164 (`contact-methods.ts`).
 */

import { type CountryCode, isSupportedCountry, ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/mobile';
import * as z from 'zod/mini';

/** Types a mobile-metadata parse reports for numbers that can take an SMS (`FIXED_LINE_OR_MOBILE`: the US and others share ranges). */
const MOBILE_TYPES: ReadonlySet<string> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** What each of the library's parse errors means, said to the person who typed the number. */
const PARSE_PROBLEMS: Readonly<Record<string, string>> = {
  INVALID_COUNTRY: 'must start with + and a country code (national numbers need a default country)',
  NOT_A_NUMBER: 'must be a phone number',
  TOO_SHORT: 'is too short for a phone number',
  TOO_LONG: 'is too long for a phone number',
  INVALID_LENGTH: 'has the wrong number of digits for a phone number',
};

/**
 * A mobile number as E.164, or why it cannot be one. National input (`0151 1234 5678`) is read
 * only with a `defaultCountry`; without one a number must start with `+`.
 */
export function parseMobileNumber(text: string, defaultCountry?: CountryCode): { number: string } | { problem: string } {
  if (text.length > 40) return { problem: 'is too long for a phone number' };
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(text, defaultCountry === undefined ? undefined : { defaultCountry });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    if (error.message === 'INVALID_COUNTRY' && text.trim().startsWith('+')) return { problem: 'has an unknown country code' };
    return { problem: PARSE_PROBLEMS[error.message] ?? 'must be a phone number' };
  }
  const type = parsed.getType();
  if (type !== undefined && !MOBILE_TYPES.has(type)) {
    return { problem: `must be a mobile number that can receive SMS, not a ${type.toLowerCase().replaceAll('_', '-')} number` };
  }
  if (!parsed.isValid()) return { problem: 'must be a valid mobile number (a landline or an unassigned range cannot receive SMS)' };
  return { number: parsed.number };
}

/** Whether `code` is a two-letter region libphonenumber-js knows (for a setting that names the default country). */
export function isCountryCode(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/** A phone number in a request: any notation, stored as E.164; problems are reported at the field. */
export function mobileNumberSchema(defaultCountry?: CountryCode) {
  return z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      const result = parseMobileNumber(text, defaultCountry);
      if ('number' in result) return result.number;
      ctx.issues.push({ code: 'custom', message: result.problem, input: text });
      return z.NEVER;
    }),
  );
}
