/** The policy version routes' response bodies (response-schemas.ts imports these). */

import * as z from 'zod/mini';
import { DEADLINE_KINDS } from '#shared/sla/deadline.ts';
import { instant, named, page } from './response-registry.ts';

/** A re-plan of open tickets after a calendar change (docs/policies.md): where it stands. */
const replan = z.strictObject({
  state: z.enum(['running', 'done']),
  /** Open tickets of the policy looked at so far, and of those the ones whose deadlines moved. */
  examined: z.int(),
  replanned: z.int(),
  /** Tickets that could not be written after retries (each is named in the log; a re-run picks them up). */
  failed: z.int(),
  startedAt: instant(),
  updatedAt: instant(),
  finishedAt: z.optional(instant()),
});

const versionSummary = {
  id: z.string(),
  version: z.int(),
  name: z.string(),
  publishedBy: z.string(),
  publishedAt: instant(),
  /** Whether this version changed a calendar of the one before (it then reaches open tickets). */
  calendarsChanged: z.boolean(),
};

export const policyVersion = named(
  'PolicyVersion',
  'One stored version of a policy: the document as it was published (public holidays as written, not expanded), who published it and when, and the re-plan of open tickets a calendar change started',
  z.strictObject({ ...versionSummary, document: z.looseObject({ id: z.string(), version: z.int() }), replan: z.optional(replan) }),
);

export const policyVersionList = named(
  'PolicyVersionList',
  "A page of a policy's versions, newest first",
  z.strictObject(page(z.strictObject(versionSummary))),
);

const sampleDeadline = z.strictObject({ kind: z.enum(DEADLINE_KINDS), level: z.optional(z.int()), due: instant() });

const addedRemoved = z.strictObject({ added: z.array(z.string()), removed: z.array(z.string()) });

export const policyDryRun = named(
  'PolicyDryRun',
  "What publishing would do, with nothing stored: for new tickets, the plan of each severity × tier (× region) at a few sample instants in the policy's zone under the latest version and under this one (only the rows that differ, and how many did not); the severities, tiers and regions added or removed; the calendars changed; and the open tickets of the policy whose deadlines a calendar change would move, with a few examples",
  z.strictObject({
    dryRun: z.literal(true),
    id: z.string(),
    version: z.int(),
    /** The latest stored version it is compared with; none for a new policy. */
    previous: z.optional(z.int()),
    samples: z.array(z.strictObject({ label: z.string(), at: instant() })),
    changes: z.array(
      z.strictObject({
        severity: z.string(),
        tier: z.string(),
        region: z.optional(z.string()),
        sample: z.string(),
        /** The deadlines under the latest version and under this one (empty: no SLA, or the cell does not exist there). */
        before: z.array(sampleDeadline),
        after: z.array(sampleDeadline),
      }),
    ),
    unchanged: z.int(),
    severities: addedRemoved,
    tiers: addedRemoved,
    regions: addedRemoved,
    calendarsChanged: z.array(z.string()),
    openTickets: z.strictObject({
      /** Open tickets of this policy (every version) looked at, and those whose deadlines would move. */
      examined: z.int(),
      moved: z.int(),
      /** `false`: only the first open tickets were looked at (a dry run looks at 20,000 at most); the re-plan covers all. */
      complete: z.boolean(),
      examples: z.array(
        z.strictObject({
          caseId: z.int(),
          org: z.string(),
          deadline: z.string(),
          before: instant(),
          after: z.nullable(instant()),
        }),
      ),
    }),
  }),
);
