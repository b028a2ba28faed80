/** The response body of `GET /reports/sla` (response-schemas.ts imports it). */

import * as z from 'zod/mini';
import type { slaReportView } from './report-operations.ts';
import { instant, named } from './response-registry.ts';
import type { Produces } from './response-schemas.ts';

const counts = {
  count: z.int(),
  met: z.int(),
  breached: z.int(),
  pctMet: z.nullable(z.number()),
};

const metric = z.strictObject({
  metric: z.enum(['response', 'update', 'resolution', 'escalation']),
  level: z.optional(z.int()),
  ...counts,
  medianBusinessMs: z.nullable(z.number()),
  p90BusinessMs: z.nullable(z.number()),
  worstOverruns: z.array(z.strictObject({ caseId: z.int(), outcome: z.string(), overrunMs: z.number(), stoppedAt: instant() })),
  breachAttribution: z.strictObject({
    calendarMs: z.number(),
    pausedMs: z.number(),
    outsideHoursMs: z.number(),
    businessMs: z.number(),
  }),
});

export const slaReport = named(
  'SlaReport',
  "An organisation's SLA compliance over a range of whole days or months in its zone, folded from the clock outcomes stored when each clock stopped (a closed month never changes). Per metric (`response`, `update`, `resolution`, and `escalation` by ladder level: a step carried out counts as breached): count, met, breached, % met (one decimal; null when nothing was counted), median and p90 business time from start to stop (ms), the 10 worst overruns with their case ids, and how the breached clocks' wall-clock time splits into paused (waiting on the customer), outside business hours and in business hours. `months`: the counts per month and metric key (`response`, `escalation.2`, …) for the chart",
  z.strictObject({
    org: z.string(),
    zone: z.string(),
    from: z.string(),
    to: z.string(),
    start: instant(),
    end: instant(),
    metrics: z.array(metric),
    months: z.array(z.strictObject({ month: z.string(), metrics: z.record(z.string(), z.strictObject(counts)) })),
  }),
);

export const REPORT_VIEWS_MATCH: readonly true[] = [true satisfies Produces<ReturnType<typeof slaReportView>, typeof slaReport>];
