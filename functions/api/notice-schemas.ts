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

/** A title goes into a mail's subject: one line, no control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const title = () =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'must not be empty' }),
      z.maxLength(NOTICE_LIMITS.title, { error: `at most ${NOTICE_LIMITS.title} characters` }),
      z.regex(ONE_LINE, { error: 'must be one line without control characters' }),
    );
const body = () =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'must not be empty' }),
      z.maxLength(NOTICE_LIMITS.body, { error: `at most ${NOTICE_LIMITS.body} characters` }),
    );
const regionId = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'expected a region id' }));

/** `POST /notices`. */
export const newNoticeBody = once(() =>
  z.strictObject({
    title: title(),
    body: body(),
    kind: z.enum(NOTICE_KINDS),
    start: isoInstant(),
    end: isoInstant(),
    regions: z.optional(
      z.array(regionId()).check(z.maxLength(NOTICE_LIMITS.regions, { error: `at most ${NOTICE_LIMITS.regions} regions` })),
    ),
    orgs: z.optional(z.array(orgId()).check(z.maxLength(NOTICE_LIMITS.orgs, { error: `at most ${NOTICE_LIMITS.orgs} organisations` }))),
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
