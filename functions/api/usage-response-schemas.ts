/** The response body of `GET /orgs/{id}/usage` (response-schemas.ts imports it). */

import * as z from 'zod/mini';
import { instant, named } from './response-registry.ts';
import type { Produces } from './response-schemas.ts';
import type { statementView } from './usage-operations.ts';

const line = z.strictObject({
  kind: z.enum(['overage', 'paid', 'adjustment']),
  description: z.string(),
  quantity: z.number(),
  unit: z.literal('h'),
  unitPrice: z.int(),
  amount: z.int(),
  currency: z.string(),
  minutes: z.int(),
  caseId: z.optional(z.int()),
  adjusts: z.optional(z.string()),
});

export const usageStatement = named(
  'UsageStatement',
  "An organisation's usage statement for one period of its entitlement, counted in its zone: `open` until the period ends, then `closed` and frozen (time recorded later for it goes into the statement open then, as adjustment lines). Minutes: included, carried in from the previous period, used (billable, against the pool), billable on paid tickets, billable but covered by the plan, not billable, overage, overage as billed after the increment rule, carried out. Invoice lines with quantity in hours, unit price per hour and amount in integer minor units of `currency` (7500 = 75.00 EUR), their total, and whether 80 % and 100 % of the included and carried-in time are used",
  z.strictObject({
    org: z.string(),
    period: z.string(),
    start: instant(),
    end: instant(),
    zone: z.string(),
    status: z.enum(['open', 'closed']),
    tier: z.string(),
    currency: z.string(),
    includedMinutes: z.int(),
    carriedInMinutes: z.int(),
    usedMinutes: z.int(),
    paidMinutes: z.int(),
    coveredMinutes: z.int(),
    nonBillableMinutes: z.int(),
    overageMinutes: z.int(),
    billedOverageMinutes: z.int(),
    carriedOutMinutes: z.int(),
    lines: z.array(line),
    total: z.int(),
    alerts: z.strictObject({ at80: z.boolean(), at100: z.boolean() }),
  }),
);

export const USAGE_VIEWS_MATCH: readonly true[] = [true satisfies Produces<ReturnType<typeof statementView>, typeof usageStatement>];
