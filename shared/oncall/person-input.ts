/** What an administrator sends for a person (`POST /people`, `PUT /people/{id}`): the numbers in any notation, checked as mobile numbers. */

import type { CountryCode } from 'libphonenumber-js/mobile';
import * as z from 'zod/mini';
import { mobileNumberSchema } from './mobile-numbers.ts';
import { distinctNumbers, emailSchema, idSchema, MAX_SMS_NUMBERS, nameSchema, zoneSchema } from './people.ts';

/** A person as an administrator writes it (`POST /people`, `PUT /people/{id}`); numbers come back as E.164. */
export function personInputSchema(options: { defaultCountry?: CountryCode } = {}) {
  return z.strictObject({
    id: idSchema,
    name: nameSchema,
    zone: zoneSchema,
    email: emailSchema,
    agent: z._default(z.boolean(), false),
    sms: z._default(
      // The count first: a body of thousands of numbers must not cost a parse each.
      z.pipe(
        z.array(z.unknown()).check(z.maxLength(MAX_SMS_NUMBERS, `at most ${MAX_SMS_NUMBERS} numbers`)),
        z.array(z.strictObject({ number: mobileNumberSchema(options.defaultCountry) })).check(distinctNumbers()),
      ),
      [],
    ),
  });
}
export type PersonInput = z.output<ReturnType<typeof personInputSchema>>;
