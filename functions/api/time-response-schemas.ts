/** The response bodies of the time-entry routes (response-schemas.ts imports these). */

import * as z from 'zod/mini';
import { instant, named } from './response-registry.ts';
import type { Produces } from './response-schemas.ts';
import type { timeEntryView } from './time-operations.ts';

/** What everyone sees of an entry; staff also see the revision, who wrote it and when, and the ticket's tier. */
const entryShape = {
  entry: z.string(),
  minutes: z.int(),
  billable: z.boolean(),
  at: instant(),
  note: z.optional(z.string()),
  rev: z.optional(z.int()),
  by: z.optional(z.string()),
  recordedAt: z.optional(instant()),
  tier: z.optional(z.string()),
};

const listedEntry = z.strictObject(entryShape);

export const timeEntry = named(
  'TimeEntry',
  "A time entry as written: minutes, whether billable, when the work was done, the note; for staff its revision (1 when logged), who wrote it and when, and the ticket's tier; the ticket's total minutes after the write, and `notBillable`, why an entry that asked to be billable is not (its ticket's category is free)",
  z.strictObject({ ...entryShape, ticketMinutes: z.int(), notBillable: z.optional(z.string()) }),
);

export const timeEntryList = named(
  'TimeEntryList',
  "A ticket's time entries as they stand (latest revision of each, deleted ones left out), by when the work was done, with the total and billable minutes",
  z.strictObject({ caseId: z.int(), entries: z.array(listedEntry), totalMinutes: z.int(), billableMinutes: z.int() }),
);

export const TIME_VIEWS_MATCH: readonly true[] = [true satisfies Produces<ReturnType<typeof timeEntryView>, typeof listedEntry>];
