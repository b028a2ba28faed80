/**
 * The policy file format (YAML), validated with zod. Structure first, then the cross-references
 * (roles, calendars, tiers, severities), each problem reported with the path of its field.
 */

import * as z from 'zod';
import { billingIssues } from '#shared/billing/billing-terms.ts';
import { billingSchema, moneySchema as money, tierBillingFields } from '#shared/billing/entitlement-schema.ts';
import { calendarSpecSchema } from '#shared/calendar/calendar-schema.ts';
import { noticesSchema } from '#shared/notices/notice-schema.ts';
import { tierReviewIssues, tierReviewSchema } from '#shared/tier-review/tier-review-schema.ts';
import { DURATION_HINT, parseDuration } from '#shared/time/duration.ts';
import { ALWAYS_OPEN_NAME, REGION_CALENDAR } from './calendar-refs.ts';
import { DEFAULT_COUNTDOWN } from './countdown.ts';

const ID = /^[a-z0-9][a-z0-9_-]*$/;
const id = (what: string) => z.string().regex(ID, { error: `expected a ${what} id of lower-case letters, digits, "-" or "_"` });

/** A duration string (`"4h"`) parsed to milliseconds. */
export const durationSchema = z.string({ error: DURATION_HINT }).transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.issues.push({ code: 'custom', message: `${DURATION_HINT}, got "${text}"`, input: text });
    return z.NEVER;
  }
  return ms;
});

/** A calendar of the policy, `24x7` or `region` (see calendar-refs.ts). */
const calendarRef = z.string();

const roleRef = z.string();
const roleList = z.array(roleRef);

/** A cadence or target of zero would be due at once, over and over. */
const positiveDuration = durationSchema.refine((ms) => ms > 0, { error: 'must be longer than 0m' });

/** The most re-pages a step may ask for: past ten, a page nobody takes needs its backup, not more texts. */
export const MAX_REPEATS = 10;
const repeats = { error: `expected a whole number from 1 to ${MAX_REPEATS}` };
const repeatSchema = z.strictObject({
  every: positiveDuration,
  times: z.number(repeats).int(repeats).min(1, repeats).max(MAX_REPEATS, repeats),
});

const stepSchema = z.strictObject({
  at: durationSchema,
  assign: roleRef.optional(),
  page: roleList.default([]),
  notify: roleList.default([]),
  /** Re-send the step's pages `times` times, `every` apart (calendar time), while nobody has acknowledged them. */
  repeat: repeatSchema.optional(),
  /** Paged once after the last repeat when nobody acknowledged; without it, the next person on call for the step's roles. */
  backup: roleRef.optional(),
  /** `true`: the step is cancelled when an earlier page of the ticket was acknowledged before it fell due. */
  untilAcknowledged: z.boolean().default(false),
});
const updateSchema = z.strictObject({ every: positiveDuration, calendar: calendarRef.optional() });
const resolutionSchema = z.strictObject({ within: positiveDuration, calendar: calendarRef.optional() });

const cellSchema = z.strictObject({
  response: positiveDuration,
  calendar: calendarRef.optional(),
  escalation: z.array(stepSchema).optional(),
  update: updateSchema.optional(),
  resolution: resolutionSchema.optional(),
});

const severitySchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  calendar: calendarRef,
  escalation: z.array(stepSchema).default([]),
  update: updateSchema.optional(),
  resolution: resolutionSchema.optional(),
  tiers: z.record(z.string(), cellSchema),
});

const tierSchema = z.strictObject({
  name: z.string().optional(),
  /** `false` for plans without response targets (community forum, paid by the hour). */
  sla: z.boolean().default(true),
  channels: z.array(z.enum(['portal', 'email', 'phone', 'forum', 'im'])).optional(),
  ...tierBillingFields,
  price: z.strictObject({ monthly: money.optional(), yearly: money.optional() }).optional(),
  note: z.string().optional(),
});

const roleSchema = z.strictObject({
  name: z.string(),
  channels: z
    .array(z.enum(['sms', 'email']))
    .min(1)
    .default(['sms', 'email']),
});

const regionSchema = z.strictObject({ name: z.string().optional(), calendar: calendarRef });

/** The shares of a clock's target used at which a countdown turns to warning, then danger; each defaults (countdown.ts). */
const fraction = z.number().gt(0, { error: 'must be more than 0' }).lte(1, { error: 'must be at most 1 (the whole target)' });
const countdownSchema = z.strictObject({ warning: fraction.optional(), danger: fraction.optional() }).check((ctx) => {
  const { warning = DEFAULT_COUNTDOWN.warning, danger = DEFAULT_COUNTDOWN.danger } = ctx.value;
  if (warning >= danger) {
    const field = ctx.value.danger === undefined ? 'warning' : 'danger';
    ctx.issues.push({
      code: 'custom',
      message: `warning (${warning}) must be below danger (${danger})`,
      path: [field],
      input: ctx.value[field],
    });
  }
});

export const policySchema = z
  .strictObject({
    id: id('policy'),
    version: z.number().int().positive(),
    name: z.string(),
    source: z.string().optional(),
    roles: z.record(id('role'), roleSchema),
    /** The role whose queue a new ticket lands in until the ladder assigns it elsewhere. */
    queue: roleRef.default('tier1'),
    calendars: z.record(id('calendar'), calendarSpecSchema).default({}),
    regions: z.record(id('region'), regionSchema).optional(),
    defaultRegion: z.string().optional(),
    tiers: z.record(id('tier'), tierSchema),
    severities: z.record(id('severity'), severitySchema),
    /** Pages extra roles for deadlines that fall outside a calendar's hours. */
    afterHours: z.strictObject({ severities: z.array(z.string()).min(1), calendar: calendarRef, page: roleList.min(1) }).optional(),
    /** Who is paged when a customer (or agent) escalates a case on demand. */
    onDemandEscalation: z
      .strictObject({
        by: z
          .array(z.enum(['customer', 'staff']))
          .min(1)
          .default(['customer', 'staff']),
        page: roleList.min(1),
        notify: roleList.default([]),
        /** Repeats within this long of an escalation join it instead of paging again (default 30m, see escalateTicket). */
        coalesceWithin: positiveDuration.optional(),
      })
      .optional(),
    /** Who a breached response or update pages; by default the assigned role, telling the roles engaged so far. */
    breach: z.strictObject({ page: roleList.optional(), notify: roleList.optional() }).optional(),
    tickets: z
      .strictObject({
        requiredFields: z.array(z.string()).default([]),
        categories: z.array(z.string()).optional(),
        emailSeverity: z.string().optional(),
        subjectTags: z.record(z.string(), z.string()).optional(),
        /** Where customers should open new cases; a case opened by e-mail anyway is accepted, its acknowledgement naming this channel. */
        preferredChannel: z.enum(['portal', 'email', 'phone']).optional(),
        /** E-mail is for updating and following an open case; the acknowledgement of a case opened by e-mail says so. */
        emailUpdatesOnly: z.boolean().optional(),
      })
      .optional(),
    /** Work order of the agents' queue: by tier (best first), severity (most severe first), next due. */
    queueOrder: z
      .array(z.enum(['tier', 'severity', 'due']))
      .min(1)
      .default(['due']),
    billing: billingSchema.optional(),
    notices: noticesSchema(durationSchema).optional(),
    tierReview: tierReviewSchema.optional(),
    /** When countdowns change colour, as shares of each clock's target used (default warning 0.75, danger 0.9). */
    countdown: countdownSchema.optional(),
  })
  .check((ctx) => {
    for (const issue of [...crossReferenceIssues(ctx.value), ...billingIssues(ctx.value)]) {
      ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: undefined });
    }
  });

export type PolicySpec = z.infer<typeof policySchema>;
export type EscalationStepSpec = z.infer<typeof stepSchema>;

type Path = Array<string | number>;

function crossReferenceIssues(policy: PolicySpec): Array<{ path: Path; message: string }> {
  const issues: Array<{ path: Path; message: string }> = [];
  const roles = Object.keys(policy.roles);
  const severities = Object.keys(policy.severities);
  const tiers = Object.keys(policy.tiers);
  const calendars = new Set([ALWAYS_OPEN_NAME, ...Object.keys(policy.calendars)]);
  const oneOf = (names: readonly string[]) => names.join(', ');

  const role = (name: string | undefined, path: Path) => {
    if (name !== undefined && !roles.includes(name)) issues.push({ path, message: `unknown role "${name}" (roles: ${oneOf(roles)})` });
  };
  const roleArray = (names: readonly string[] | undefined, path: Path) => {
    names?.forEach((name, i) => {
      role(name, [...path, i]);
    });
  };
  const calendar = (name: string | undefined, path: Path) => {
    if (name === undefined) return;
    if (name === REGION_CALENDAR) {
      if (policy.regions === undefined) issues.push({ path, message: '"region" needs a "regions" section' });
    } else if (!calendars.has(name)) {
      issues.push({ path, message: `unknown calendar "${name}" (calendars: ${oneOf([...calendars])}, or "region")` });
    }
  };
  const severity = (name: string | undefined, path: Path) => {
    if (name !== undefined && !severities.includes(name)) {
      issues.push({ path, message: `unknown severity "${name}" (severities: ${oneOf(severities)})` });
    }
  };
  const ladder = (steps: readonly EscalationStepSpec[] | undefined, path: Path) => {
    steps?.forEach((step, i) => {
      role(step.assign, [...path, i, 'assign']);
      roleArray(step.page, [...path, i, 'page']);
      roleArray(step.notify, [...path, i, 'notify']);
      if (step.assign === undefined && step.page.length === 0 && step.notify.length === 0) {
        issues.push({ path: [...path, i], message: 'a step needs at least one of assign, page, notify' });
      }
      role(step.backup, [...path, i, 'backup']);
      if (step.repeat !== undefined && step.page.length === 0) {
        issues.push({ path: [...path, i, 'repeat'], message: 'only a step that pages can repeat its pages' });
      }
      if (step.backup !== undefined && step.repeat === undefined) {
        issues.push({ path: [...path, i, 'backup'], message: 'a backup is paged after the last repeat: give the step a "repeat"' });
      }
      const previous = steps[i - 1];
      if (previous !== undefined && previous.at > step.at) {
        issues.push({ path: [...path, i, 'at'], message: 'steps must be in order of their "at" offsets' });
      }
    });
  };

  if (roles.length === 0) issues.push({ path: ['roles'], message: 'declare at least one role' });
  if (tiers.length === 0) issues.push({ path: ['tiers'], message: 'declare at least one tier' });
  if (severities.length === 0) issues.push({ path: ['severities'], message: 'declare at least one severity' });
  if (calendars.has(REGION_CALENDAR)) issues.push({ path: ['calendars', REGION_CALENDAR], message: '"region" is reserved' });
  if (Object.keys(policy.calendars).includes(ALWAYS_OPEN_NAME)) {
    issues.push({ path: ['calendars', ALWAYS_OPEN_NAME], message: '"24x7" is built in and cannot be redefined' });
  }
  role(policy.queue, ['queue']);

  const regions = Object.keys(policy.regions ?? {});
  for (const [name, region] of Object.entries(policy.regions ?? {})) {
    if (region.calendar === REGION_CALENDAR)
      issues.push({ path: ['regions', name, 'calendar'], message: 'a region needs a named calendar' });
    else calendar(region.calendar, ['regions', name, 'calendar']);
  }
  if (policy.defaultRegion !== undefined && !regions.includes(policy.defaultRegion)) {
    issues.push({ path: ['defaultRegion'], message: `unknown region "${policy.defaultRegion}" (regions: ${oneOf(regions)})` });
  }
  if (policy.defaultRegion !== undefined && policy.regions === undefined) {
    issues.push({ path: ['defaultRegion'], message: 'a default region needs a "regions" section' });
  }

  for (const [sevName, sev] of Object.entries(policy.severities)) {
    const at: Path = ['severities', sevName];
    calendar(sev.calendar, [...at, 'calendar']);
    calendar(sev.update?.calendar, [...at, 'update', 'calendar']);
    calendar(sev.resolution?.calendar, [...at, 'resolution', 'calendar']);
    ladder(sev.escalation, [...at, 'escalation']);
    for (const tierName of tiers) {
      const tier = policy.tiers[tierName];
      const cell = sev.tiers[tierName];
      if (tier?.sla !== false && cell === undefined) {
        issues.push({
          path: [...at, 'tiers', tierName],
          message: `no targets for tier "${tierName}" (give at least "response", or mark the tier "sla: false")`,
        });
      }
    }
    for (const [tierName, cell] of Object.entries(sev.tiers)) {
      const cellAt: Path = [...at, 'tiers', tierName];
      const tier = policy.tiers[tierName];
      if (tier === undefined) issues.push({ path: cellAt, message: `unknown tier "${tierName}" (tiers: ${oneOf(tiers)})` });
      else if (!tier.sla) issues.push({ path: cellAt, message: `tier "${tierName}" is marked "sla: false" and cannot have targets` });
      calendar(cell.calendar, [...cellAt, 'calendar']);
      calendar(cell.update?.calendar, [...cellAt, 'update', 'calendar']);
      calendar(cell.resolution?.calendar, [...cellAt, 'resolution', 'calendar']);
      ladder(cell.escalation, [...cellAt, 'escalation']);
    }
  }

  if (policy.afterHours !== undefined) {
    policy.afterHours.severities.forEach((name, i) => {
      severity(name, ['afterHours', 'severities', i]);
    });
    calendar(policy.afterHours.calendar, ['afterHours', 'calendar']);
    roleArray(policy.afterHours.page, ['afterHours', 'page']);
  }
  roleArray(policy.onDemandEscalation?.page, ['onDemandEscalation', 'page']);
  roleArray(policy.onDemandEscalation?.notify, ['onDemandEscalation', 'notify']);
  roleArray(policy.breach?.page, ['breach', 'page']);
  roleArray(policy.breach?.notify, ['breach', 'notify']);
  severity(policy.tickets?.emailSeverity, ['tickets', 'emailSeverity']);
  for (const [tag, name] of Object.entries(policy.tickets?.subjectTags ?? {})) severity(name, ['tickets', 'subjectTags', tag]);
  issues.push(...tierReviewIssues(policy.tierReview, tiers));
  return issues;
}
