/** Request bodies, query strings and path parameters of the time-entry and usage routes, built on first use. */

import '../lib/zod-english.ts';
import * as z from 'zod/mini';
import { isoInstant } from '#shared/oncall/schedule-schema.ts';
import { TIME_LIMITS } from '#shared/tickets/time-log.ts';
import { once } from '../lib/once.ts';

const minutes = () =>
  z
    .int({ error: 'expected whole minutes' })
    .check(
      z.gte(1, { error: 'at least 1 minute' }),
      z.lte(TIME_LIMITS.minutes, { error: `at most ${TIME_LIMITS.minutes} minutes (a day) per entry` }),
    );
const note = () =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'must not be empty' }),
      z.maxLength(TIME_LIMITS.note, { error: `at most ${TIME_LIMITS.note} characters` }),
    );

const entryShape = () => ({
  minutes: minutes(),
  billable: z.optional(z.boolean()),
  note: z.optional(note()),
  at: z.optional(isoInstant()),
});

/** `POST /tickets/{caseId}/time`: minutes (1…1440), billable (default true), a note, when the work was done (default now). */
export const timeEntryBody = once(() => z.strictObject(entryShape()));

/** `PATCH /tickets/{caseId}/time/{entry}`: the fields to correct. */
export const timeCorrectionBody = once(() =>
  z
    .strictObject(z.partial(z.strictObject(entryShape())).shape)
    .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'give at least one of minutes, billable, note, at' })),
);

/** `{entry}` of `/tickets/{caseId}/time/{entry}`: `10001-003`. */
export const timeEntryPath = once(() =>
  z.object({ entry: z.string().check(z.regex(/^\d{1,15}-\d{3}$/, { error: 'expected a time entry id like "10001-003"' })) }),
);

/** `GET /orgs/{id}/usage`: a period (`2027-01`, `2027-Q1` or `2027`, as the org's entitlement counts); none: the current one. */
export const usageQuery = once(() =>
  z.strictObject({
    period: z.optional(z.string().check(z.maxLength(16, { error: 'expected a period like 2027-01, 2027-Q1 or 2027' }))),
  }),
);
