/**
 * Request bodies, query strings and path parameters of the people and rotation routes, built on
 * first use from the on-call domain's own schemas (a person as an administrator writes it, a
 * rotation, an override), so the API checks exactly what the domain accepts.
 */

import '../lib/zod-english.ts';
import * as z from 'zod/mini';
import { mobileNumberSchema } from '#shared/oncall/mobile-numbers.ts';
import { personInputSchema } from '#shared/oncall/person-input.ts';
import { isoInstant, overrideSchema, personId, roleId, rotationSchema, SCHEDULE_LIMITS, slug } from '#shared/oncall/schedule-schema.ts';
import { once } from '../lib/once.ts';
import { cursor, limit } from './schemas.ts';

/** The version a client read: a write that carries an older one is refused (409). */
const version = (least: number) => z.int().check(z.gte(least, { error: `expected the version you read (at least ${least})` }));

export const peopleListQuery = once(() => z.strictObject({ cursor: cursor(), limit: limit(50) }));

/** `POST /people`: new numbers start unverified. */
export const newPersonBody = once(() => personInputSchema());

/** `PUT /people/{id}`: the whole person again, with the version read. */
export const personBody = once(() => z.extend(personInputSchema(), { version: version(1) }));

/** `POST /people/{id}/sms/{number}/verify`: the code as texted (spaces are ignored). */
export const verifyBody = once(() =>
  z.strictObject({
    code: z.string().check(z.minLength(1, { error: 'must not be empty' }), z.maxLength(32, { error: 'at most 32 characters' })),
  }),
);

/**
 * `PUT /roles/{role}/rotation`: version 0 when the role has no schedule yet. `layers` (rotations
 * above it, bottom first) replace the stored ones when given; left out, the stored ones stay.
 */
export const rotationBody = once(() =>
  z.strictObject({
    rotation: rotationSchema(isoInstant),
    layers: z.optional(
      z.array(rotationSchema(isoInstant)).check(z.maxLength(SCHEDULE_LIMITS.layers, { error: `at most ${SCHEDULE_LIMITS.layers} layers` })),
    ),
    version: version(0),
  }),
);

export const overrideBody = once(() => overrideSchema(isoInstant));

/** `GET /roles/{role}/oncall`: at an instant, now by default. */
export const onCallQuery = once(() => z.strictObject({ at: z.optional(isoInstant()) }));

/** `GET /people/{id}/shifts`: from now and for 30 days by default; at most 366 days. */
export const shiftsQuery = once(() => z.strictObject({ from: z.optional(isoInstant()), to: z.optional(isoInstant()) }));

/** Path parameters are checked like fields: a bad one is a 400 naming it. */
export const personPath = once(() => z.object({ id: personId() }));
export const rolePath = once(() => z.object({ role: roleId() }));
/** `{number}` of `/people/{id}/sms/{number}/…`: E.164, URL-encoded (`%2B4915…`). */
export const numberPath = once(() => z.object({ number: mobileNumberSchema() }));
export const overridePath = once(() => z.object({ role: roleId(), id: slug('override id') }));
