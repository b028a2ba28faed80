/**
 * Request bodies, query strings and path parameters of the notice routes (zod/mini, built on
 * first use). Every list and string is capped (NOTICE_LIMITS); the window's own rules (end after
 * start, at most a week, the lead time) are the domain's (shared/notices/notice.ts).
 */

import '../lib/zod-english.ts';
import * as z from 'zod/mini';
import { NOTICE_KINDS, NOTICE_LIMITS, NOTICE_STATES } from '#shared/notices/notice.ts';
import { isoInstant } from '#shared/oncall/schedule-schema.ts';
import { once } from '../lib/once.ts';
import { limit, orgId } from './schemas.ts';

/**
 * A title goes into a mail's subject: one line, no control characters (Cc: CR, LF, NEL…) and no
 * line or paragraph separator (Zl, Zp: U+2028, U+2029), which mail clients may break a line at.
 */
const ONE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
const text = (max: number, ...more: z.core.CheckFn<string>[] | z.core.$ZodCheck<string>[]) =>
  z
    .string()
    .check(z.trim(), z.minLength(1, { error: 'must not be empty' }), z.maxLength(max, { error: `at most ${max} characters` }), ...more);
const title = () => text(NOTICE_LIMITS.title, z.regex(ONE_LINE, { error: 'must be one line without control characters' }));
const body = () => text(NOTICE_LIMITS.body);
const regionId = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'expected a region id' }));

/** A scope's list: absent means every org, so an empty one is refused rather than read as everyone. */
const nonEmptyList = (item: z.ZodMiniString, max: number, what: string) =>
  z
    .array(item)
    .check(
      z.minLength(1, { error: `at least one item; leave ${what} out to mean all` }),
      z.maxLength(max, { error: `at most ${max} ${what}` }),
    );

/** `POST /notices`. */
export const newNoticeBody = once(() =>
  z.strictObject({
    title: title(),
    body: body(),
    kind: z.enum(NOTICE_KINDS),
    start: isoInstant(),
    end: isoInstant(),
    regions: z.optional(nonEmptyList(regionId(), NOTICE_LIMITS.regions, 'regions')),
    orgs: z.optional(nonEmptyList(orgId(), NOTICE_LIMITS.orgs, 'organisations')),
    policy: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'expected a policy id' }))),
  }),
);

/** `PATCH /notices/{id}`: new times or text, or `{"state": "cancelled"}`. */
export const noticePatchBody = once(() =>
  z
    .strictObject({
      title: z.optional(title()),
      body: z.optional(body()),
      start: z.optional(isoInstant()),
      end: z.optional(isoInstant()),
      state: z.optional(z.literal('cancelled')),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one of title, body, start, end, state' })),
);

/** `GET /notices`: windows overlapping `[from, to)`, by start. */
export const noticeListQuery = once(() =>
  z.strictObject({
    from: z.optional(isoInstant()),
    to: z.optional(isoInstant()),
    state: z.optional(z.enum(NOTICE_STATES)),
    limit: limit(100),
  }),
);

/** `GET /notice-calendar`: staff name the org; a customer gets their own. */
export const noticeCalendarQuery = once(() => z.strictObject({ org: z.optional(orgId()) }));

/** `GET /notice-calendars/{org}?sig=…`: the signed feed. */
export const noticeFeedQuery = once(() => z.strictObject({ sig: z.string().check(z.maxLength(100)) }));

/** `{id}` of `/notices/{id}`. */
export const NOTICE_ID = /^n-[0-9a-f]{20}$/;
