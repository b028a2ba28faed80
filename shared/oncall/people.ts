/**
 * The staff directory's people: who they are, their zone, and how a page reaches them. What an
 * administrator sends (`personInputSchema`) names numbers only; their states are ours, so a
 * number already on file keeps its state and a new one starts unverified (`applyPersonInput`).
 */

import * as z from 'zod/mini';
import { isIanaTimeZone } from '#shared/calendar/zone.ts';
import { type SmsContact, smsContactSchema } from './contact-methods.ts';
import { SLUG } from './ids.ts';
import type { PersonInput } from './person-input.ts';

export interface Person {
  /** A slug: `ana-lima`. */
  readonly id: string;
  readonly name: string;
  /** IANA, for shifts and the person's own view of times. */
  readonly zone: string;
  readonly email: string;
  readonly sms: readonly SmsContact[];
  /** An agent works tickets, so may resolve one by SMS reply (`4c`); others may only acknowledge. */
  readonly agent: boolean;
}

/** At most this many SMS numbers per person (PagerDuty allows three as well). */
export const MAX_SMS_NUMBERS = 3;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const idSchema = z.string().check(z.regex(SLUG, 'must be a slug: lower-case letters, digits and inner hyphens, at most 64'));
export const nameSchema = z.string().check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(100, 'at most 100 characters'),
  z.refine((text) => !CONTROL.test(text), 'must not contain control characters'),
);
export const zoneSchema = z.string().check(z.refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin'));
export const emailSchema = z.email('must be an e-mail address').check(z.maxLength(254, 'at most 254 characters'));

/** Refuses a list that names a number twice (after normalising to E.164). */
export const distinctNumbers = () =>
  z.refine<readonly { number: string }[]>(
    (contacts) => new Set(contacts.map((c) => c.number)).size === contacts.length,
    'lists a number twice',
  );

/** A person as stored, read back (numbers already E.164, states with their instants). */
export const personSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  zone: zoneSchema,
  email: emailSchema,
  agent: z._default(z.boolean(), false),
  sms: z.array(smsContactSchema).check(z.maxLength(MAX_SMS_NUMBERS, `at most ${MAX_SMS_NUMBERS} numbers`), distinctNumbers()),
});

/**
 * The person an input describes, keeping what we know of numbers already on file (verified,
 * opted out) and starting new ones unverified; `added` are the numbers that need a code.
 */
export function applyPersonInput(existing: Person | undefined, input: PersonInput): { person: Person; added: readonly string[] } {
  const known = new Map((existing?.sms ?? []).map((contact) => [contact.number, contact]));
  const added: string[] = [];
  const sms = input.sms.map(({ number }): SmsContact => {
    const kept = known.get(number);
    if (kept !== undefined) return kept;
    added.push(number);
    return { number, state: 'unverified' };
  });
  return { person: { id: input.id, name: input.name, zone: input.zone, email: input.email, agent: input.agent, sms }, added };
}
