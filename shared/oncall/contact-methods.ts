/**
 * A person's SMS numbers and what a page may use of them. A number is kept in E.164 and is
 * `unverified` until its owner enters the code we texted it, `verified` after that, and
 * `opted-out` once it replied STOP (or SNS lists it as opted out): such a number gets no page, and
 * the timeline says why, so a page is never dropped in silence.
 * Numbers typed by people are parsed in `mobile-numbers.ts`; nothing here needs the phone-number
 * library, so notify and sms-inbound do not load its metadata.
 */

import * as z from 'zod/mini';

export type SmsState = 'unverified' | 'verified' | 'opted-out';

export interface SmsContact {
  /** E.164, `+4915112345678`. */
  readonly number: string;
  readonly state: SmsState;
  /** When the owner entered the code (epoch ms); kept after an opt-out. */
  readonly verifiedAt?: number | undefined;
  /** When the number replied STOP or was found on SNS's opt-out list (epoch ms). */
  readonly optedOutAt?: number | undefined;
}

const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * A stored contact, read back: the number already E.164, and each state carrying its instant. The
 * number is not parsed again: it was checked as a mobile number when it was written, and a newer
 * libphonenumber that classes a range differently must not make the person unreadable (and with
 * them the directory, inbound replies and every page naming them).
 */
export const smsContactSchema = z
  .strictObject({
    number: z.string().check(z.regex(E164, 'must be E.164 (+ and up to 15 digits)')),
    state: z.enum(['unverified', 'verified', 'opted-out']),
    verifiedAt: z.optional(z.number().check(z.int(), z.nonnegative())),
    optedOutAt: z.optional(z.number().check(z.int(), z.nonnegative())),
  })
  .check(
    z.refine((c) => c.state !== 'verified' || c.verifiedAt !== undefined, {
      message: 'a verified number needs verifiedAt',
      path: ['verifiedAt'],
    }),
    z.refine((c) => c.state !== 'opted-out' || c.optedOutAt !== undefined, {
      message: 'an opted-out number needs optedOutAt',
      path: ['optedOutAt'],
    }),
  );

/** A channel a page can go out on. */
export type ContactChannel = { readonly kind: 'sms'; readonly number: string } | { readonly kind: 'email'; readonly address: string };

/** Why a contact method gets no page (the words the ticket's timeline shows). */
export type SkipReason = 'opted out' | 'unverified';

export interface DeliverableMethods {
  /** Where the page goes now: each verified number, then the e-mail address. */
  readonly channels: readonly ContactChannel[];
  readonly skipped: readonly { readonly channel: ContactChannel; readonly reason: SkipReason }[];
}

/** The channels a page to this person may use now, and each one skipped with its reason. */
export function deliverableMethods(person: { readonly email: string; readonly sms: readonly SmsContact[] }): DeliverableMethods {
  const channels: ContactChannel[] = [];
  const skipped: { channel: ContactChannel; reason: SkipReason }[] = [];
  for (const contact of person.sms) {
    const channel: ContactChannel = { kind: 'sms', number: contact.number };
    if (contact.state === 'verified') channels.push(channel);
    else skipped.push({ channel, reason: contact.state === 'opted-out' ? 'opted out' : 'unverified' });
  }
  channels.push({ kind: 'email', address: person.email });
  return { channels, skipped };
}

/**
 * A number's state after an event: `verified` (the code was right), `opted-out` (STOP, or SNS's
 * opt-out list) or `opted-in` (START: back to verified if it ever was, else unverified).
 */
export function withSmsEvent(contact: SmsContact, event: 'verified' | 'opted-out' | 'opted-in', at: number): SmsContact {
  const { optedOutAt: _, ...rest } = contact;
  switch (event) {
    case 'verified':
      return contact.state === 'opted-out' ? contact : { ...rest, state: 'verified', verifiedAt: at };
    case 'opted-out':
      return { ...contact, state: 'opted-out', optedOutAt: contact.optedOutAt ?? at };
    case 'opted-in':
      if (contact.state !== 'opted-out') return contact;
      return { ...rest, state: contact.verifiedAt === undefined ? 'unverified' : 'verified' };
  }
}
