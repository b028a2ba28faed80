/** The response bodies of the people and rotation routes (response-schemas.ts holds the rest and imports these). */

import * as z from 'zod/mini';
import { WEEKDAYS } from '#shared/calendar/calendar-spec.ts';
import type { personView, roleScheduleView, shiftView } from './oncall-views.ts';
import { instant, named, page } from './response-registry.ts';
import type { Produces } from './response-schemas.ts';

const smsContact = z.strictObject({
  number: z.string(),
  state: z.enum(['unverified', 'verified', 'opted-out']),
  verifiedAt: z.optional(instant()),
  optedOutAt: z.optional(instant()),
});

export const person = named(
  'Person',
  'A person of the staff directory: their zone, e-mail and SMS numbers (each unverified until its code is entered, verified, or opted out by STOP), whether they are an agent (may resolve by SMS), and the version to send back with a change',
  z.strictObject({
    id: z.string(),
    name: z.string(),
    zone: z.string(),
    email: z.string(),
    agent: z.boolean(),
    sms: z.array(smsContact),
    version: z.int(),
    updatedAt: instant(),
  }),
);

export const personList = named('PersonList', 'A page of people, by id', z.strictObject(page(person)));

export const smsVerification = named(
  'SmsVerification',
  'A code was texted to the number; it is good until `expiresAt`',
  z.strictObject({ number: z.string(), expiresAt: instant() }),
);

const rotation = z.strictObject({
  participants: z.array(z.string()),
  shift: z.strictObject({ length: z.int(), unit: z.enum(['hours', 'days', 'weeks']) }),
  handoff: instant(),
  zone: z.string(),
  activeHours: z.optional(z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, z.optional(z.array(z.string()))])))),
});

const overrideRange = { id: z.string(), start: instant(), end: instant() };
const override = z.union([
  z.strictObject({ ...overrideRange, kind: z.literal('replace'), from: z.string(), to: z.string() }),
  z.strictObject({ ...overrideRange, kind: z.literal('add'), person: z.string() }),
]);

export const roleSchedule = named(
  'RoleSchedule',
  "A role's rotation (ordered participants, shift length, handoff, zone, optional active hours), the layers above it (bottom first: the top-most with someone on call names the person) and overrides; `version` 0 means nothing is stored yet",
  z.strictObject({
    role: z.string(),
    rotation: z.optional(rotation),
    layers: z.optional(z.array(rotation)),
    overrides: z.array(override),
    version: z.int(),
  }),
);

const personRef = z.strictObject({ id: z.string(), name: z.string() });

export const roleList = named(
  'RoleList',
  'Every role the policies name or a schedule is stored for: who is on call now, and the schedule if there is one (`unreadable`: the stored schedule fails its schema, its first problem; pages for the role go to its topic)',
  z.strictObject({
    items: z.array(
      z.strictObject({
        role: z.string(),
        name: z.string(),
        onCall: z.array(personRef),
        rotation: z.optional(rotation),
        layers: z.optional(z.array(rotation)),
        overrides: z.array(override),
        version: z.optional(z.int()),
        /** The stored schedule fails its schema (pages for the role go to its topic): the first problem. */
        unreadable: z.optional(z.string()),
      }),
    ),
  }),
);

export const onCall = named(
  'OnCall',
  "Who is on call for a role at an instant (the rotation's person or their replacement first, then people added by overrides)",
  z.strictObject({ role: z.string(), at: instant(), people: z.array(personRef) }),
);

const shift = z.strictObject({ role: z.string(), start: instant(), end: instant() });

export const shiftList = named(
  'ShiftList',
  "A person's on-call shifts in a range, by start, across every role (as `text/calendar` when asked for by `Accept`)",
  z.strictObject({ items: z.array(shift) }),
);

export const ONCALL_VIEWS_MATCH: readonly true[] = [
  true satisfies Produces<ReturnType<typeof personView>, typeof person>,
  true satisfies Produces<ReturnType<typeof roleScheduleView>, typeof roleSchedule>,
  true satisfies Produces<ReturnType<typeof shiftView>, typeof shift>,
];
