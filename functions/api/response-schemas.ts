/**
 * The response bodies of the API, as the views next to this file (views.ts, customer-view.ts, the
 * operations' own small views) produce them. The OpenAPI document names each one as a component;
 * the contract tests (test/api/contract.ts) check every response the API tests receive against
 * them. Authoring and tests only: the Lambda imports none of this (it serves the compiled document).
 *
 * Objects are strict, so a field a view adds without saying so here fails the contract tests.
 * Fields a customer does not see (customer-view.ts) are optional. Webhook endpoints and their
 * deliveries are in webhook-response-schemas.ts.
 */

import * as z from 'zod/mini';
import { HELD_MAIL_STATUSES } from '#shared/email/held-mail.ts';
import { DEADLINE_KINDS, DEADLINE_STATES } from '#shared/sla/deadline.ts';
import type { PlanPreview } from '#shared/sla/plan-preview.ts';
import { TICKET_STATUSES } from '#shared/tickets/ticket-event.ts';
import { ACTOR_KINDS, TIMELINE_ENTRY_TYPES } from '#shared/tickets/timeline.ts';
import { instant, named, page } from './response-registry.ts';
import type { deliveryView, orgView, ticketSummaryView, ticketView, timelineView, webhookView } from './views.ts';
// Imported for their components, not only for the types checked below.
import './oncall-response-schemas.ts';
import './webhook-response-schemas.ts';
import './ack-response-schemas.ts';
import './tier-review-response-schemas.ts';
import './policy-response-schemas.ts';
import { maintenanceLink } from './notice-response-schemas.ts';
import './time-response-schemas.ts';
import './report-response-schemas.ts';
import './usage-response-schemas.ts';
import type { webhookDelivery, webhookEndpoint } from './webhook-response-schemas.ts';

export { responseSchemas } from './response-registry.ts';

const roles = () => z.optional(z.array(z.string()));

const policyRef = z.strictObject({ id: z.string(), version: z.int() });
const attachment = z.strictObject({ filename: z.string(), contentType: z.string(), size: z.int() });

/** What a plan says of a deadline, on a ticket and in a dry run. */
const plannedShape = {
  kind: z.enum(DEADLINE_KINDS),
  level: z.optional(z.int()),
  assign: z.optional(z.string()),
  page: roles(),
  notify: roles(),
};

export const clock = named(
  'Clock',
  "A deadline's clock as of the answer (`asOf`), read by the engine: `target`, working time `used` and `left` in ms (`left` is negative once overrun), whether the calendar is `open` and its `nextOpening` (closed) or `closesAt` (open, not 24x7), whether the clock is `stopped` (waiting on the customer, resolved, met late), its `basis` (`calendar` for 24x7, else `business`), the calendar's `zone`, and the shares of the target used from which a countdown shows `warning` and `danger`",
  z.strictObject({
    asOf: instant(),
    target: z.int(),
    used: z.int(),
    left: z.int(),
    open: z.boolean(),
    nextOpening: z.optional(instant()),
    closesAt: z.optional(instant()),
    stopped: z.boolean(),
    basis: z.enum(['business', 'calendar']),
    zone: z.string(),
    warning: z.number(),
    danger: z.number(),
  }),
);

export const deadline = named(
  'Deadline',
  'An SLA clock of a ticket; customers see no roles to assign, page or notify. A pending or breached deadline with a due instant has its `clock` (customers: not for escalation steps)',
  z.strictObject({
    ...plannedShape,
    id: z.string(),
    due: z.nullable(instant()),
    state: z.enum(DEADLINE_STATES),
    trigger: z.optional(z.enum(['customer', 'staff'])),
    settledAt: z.optional(instant()),
    /** A re-page (or the backup page after the re-pages) of this escalation step, sent while nobody acknowledged it. */
    repageOf: z.optional(z.string()),
    escalateTo: z.optional(z.enum(['next-in-rotation'])),
    clock: z.optional(clock),
  }),
);

export const timelineEntry = named(
  'TimelineEntry',
  'One entry of a ticket timeline; customers see public entries without staff identities',
  z.strictObject({
    seq: z.int(),
    at: instant(),
    type: z.enum(TIMELINE_ENTRY_TYPES),
    actor: z.strictObject({ kind: z.enum(ACTOR_KINDS), id: z.string() }),
    body: z.optional(z.string()),
    public: z.optional(z.boolean()),
    detail: z.optional(z.record(z.string(), z.string())),
  }),
);

/** What a ticket and its summary in a list both show. */
const listedShape = {
  caseId: z.int(),
  org: z.string(),
  status: z.enum(TICKET_STATUSES),
  subject: z.string(),
  severity: z.string(),
  tier: z.string(),
  region: z.optional(z.string()),
  policy: policyRef,
  assignee: z.optional(z.string()),
  channel: z.enum(['api', 'email']),
  createdAt: instant(),
  updatedAt: instant(),
};

const ticketShape = {
  ...listedShape,
  description: z.string(),
  category: z.optional(z.string()),
  fields: z.record(z.string(), z.string()),
  requesterEmail: z.optional(z.string()),
  attachments: z.optional(z.array(attachment)),
  /** Maintenance under way for the org when the ticket was opened. */
  maintenance: z.optional(z.array(maintenanceLink)),
  deadlines: z.array(deadline),
  timeline: z.optional(z.array(timelineEntry)),
  /** The minutes of its time entries (`GET /tickets/{caseId}/time` lists them). */
  timeMinutes: z.int(),
  /** Where `GET /tickets/{caseId}/timeline` goes on to older entries. */
  timelineCursor: z.optional(z.string()),
};

export const ticket = named('Ticket', 'A ticket with its deadlines and the latest page of its timeline', z.strictObject(ticketShape));

export const joinedEscalation = named(
  'JoinedEscalation',
  "A ticket whose escalation joined a pending one within the policy's coalescing window (nothing more was paged)",
  z.strictObject({
    ...ticketShape,
    joined: z.strictObject({ deadline: z.string(), escalatedAt: instant(), state: z.enum(DEADLINE_STATES), until: instant() }),
  }),
);

export const nextDeadline = named(
  'NextDeadline',
  'The deadline a list row shows: a missed response or resolution still unmet (state breached, the longest overdue first), else the next pending deadline (the one `nextDue` names); with its clock (customers: none for an escalation step)',
  z.strictObject({
    id: z.string(),
    kind: z.enum(DEADLINE_KINDS),
    level: z.optional(z.int()),
    due: instant(),
    state: z.enum(DEADLINE_STATES),
    clock: z.optional(clock),
  }),
);

export const ticketSummary = named(
  'TicketSummary',
  'A ticket as a list shows it: no description, fields or deadlines; its next pending deadline, if any, as `next`',
  z.strictObject({ ...listedShape, nextDue: z.nullable(instant()), next: z.optional(nextDeadline) }),
);

export const ticketList = named('TicketList', 'A page of tickets, newest first', z.strictObject(page(ticketSummary)));

export const queue = named(
  'Queue',
  "A page of open tickets in the policy's work order",
  z.strictObject({ policy: z.optional(z.string()), ...page(ticketSummary) }),
);

export const timelinePage = named('TimelinePage', 'A page of timeline entries, in time order', z.strictObject(page(timelineEntry)));

/** An organisation's tiers, oldest first: each from an instant, set by an admin or by a quarter's review. */
const tierHistory = z.array(
  z.strictObject({ tier: z.string(), from: instant(), source: z.enum(['admin', 'review']), review: z.optional(z.string()) }),
);

export const org = named(
  'Org',
  'An organisation: the policy, tier and region its tickets get',
  z.strictObject({
    id: z.string(),
    name: z.string(),
    policy: z.string(),
    tier: z.string(),
    tiers: tierHistory,
    region: z.optional(z.string()),
    emailDomains: z.array(z.string()),
    /** Who the contract's e-mails go to: usage alerts, tier reviews, maintenance notices. */
    contacts: z.array(z.string()),
    /** The contacts get last month's SLA report on the 1st. */
    monthlyReport: z.boolean(),
    createdAt: instant(),
    updatedAt: instant(),
  }),
);

export const orgList = named('OrgList', 'A page of organisations, by id', z.strictObject(page(org)));

export const me = named(
  'Me',
  "The caller: role and subject; a customer's organisation (`org`), and if it is set up its name, policy, tier, region and e-mail domains",
  z.strictObject({
    role: z.enum(['admin', 'agent', 'customer']),
    sub: z.string(),
    org: z.optional(z.string()),
    orgName: z.optional(z.string()),
    policy: z.optional(z.string()),
    tier: z.optional(z.string()),
    tiers: z.optional(tierHistory),
    region: z.optional(z.string()),
    emailDomains: z.optional(z.array(z.string())),
  }),
);

export const membership = named(
  'Membership',
  'A user (Cognito sub) as a member of an organisation',
  z.strictObject({ sub: z.string(), org: z.string(), updatedAt: instant(), movedFrom: z.optional(z.string()) }),
);

export const policyList = named(
  'PolicyList',
  'The policies the caller may read, by id, each with its latest version',
  z.strictObject({
    items: z.array(
      z.strictObject({
        id: z.string(),
        /** The latest version. */
        version: z.int(),
        name: z.string(),
        /** One of the five presets shipped with the service (seeded as stored policies), or published through the API. */
        preset: z.boolean(),
        severities: z.array(z.string()),
        tiers: z.array(z.string()),
        regions: z.array(z.string()),
      }),
    ),
  }),
);

export const policy = named(
  'Policy',
  'A policy as written (docs/policies.md describes its fields); `countdown` only where it sets thresholds (each clock carries the effective ones)',
  z.looseObject({
    id: z.string(),
    version: z.int(),
    name: z.string(),
    countdown: z.optional(z.strictObject({ warning: z.optional(z.number()), danger: z.optional(z.number()) })),
  }),
);

export const planPreview = named(
  'PlanPreview',
  'The deadlines a new ticket would get, the zone of its calendar, and the roles each step pages only after hours',
  z.strictObject({
    policy: policyRef,
    zone: z.optional(z.string()),
    deadlines: z.array(z.strictObject({ ...plannedShape, due: instant(), afterHours: roles() })),
  }),
);

export const heldMail = named(
  'HeldMail',
  'Mail from a customer domain without a DMARC pass; a list shows an excerpt, the message its whole text',
  z.strictObject({
    id: z.string(),
    status: z.enum(HELD_MAIL_STATUSES),
    unverified: z.literal(true),
    reason: z.string(),
    receivedAt: instant(),
    from: z.string(),
    org: z.string(),
    caseId: z.optional(z.int()),
    subject: z.string(),
    text: z.optional(z.string()),
    excerpt: z.optional(z.string()),
    attachments: z.optional(z.array(attachment)),
    skippedAttachments: z.optional(z.array(z.string())),
    rawMail: z.strictObject({ key: z.string(), size: z.int() }),
    decidedBy: z.optional(z.string()),
    decidedAt: z.optional(instant()),
    outcome: z.optional(z.strictObject({ kind: z.enum(['ticket', 'message']), caseId: z.int() })),
  }),
);

export const heldMailList = named('HeldMailList', 'A page of held mail, newest first', z.strictObject(page(heldMail)));

export const health = named('Health', 'The API answers', z.strictObject({ status: z.literal('ok'), time: instant() }));

export const openApi = named('OpenApi', 'This document', z.looseObject({ openapi: z.string() }));

export const problem = named(
  'Problem',
  'RFC 9457 problem details; `errors` names each bad field by its path',
  z.strictObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
  }),
);

/**
 * The views listed below produce what these schemas say: a view whose fields no longer fit its
 * schema does not type-check (a field a view adds is caught by the contract tests, which check the
 * bodies themselves against the strict schemas, for every view).
 */
export type Produces<View, Schema extends z.ZodMiniType> = [View] extends [Frozen<z.output<Schema>>] ? true : false;
/** Views may hand out readonly arrays and records. */
type Frozen<T> = T extends readonly (infer E)[] ? readonly Frozen<E>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;
export const VIEWS_MATCH: readonly true[] = [
  true satisfies Produces<ReturnType<typeof ticketView>, typeof ticket>,
  true satisfies Produces<ReturnType<typeof ticketSummaryView>, typeof ticketSummary>,
  true satisfies Produces<ReturnType<typeof timelineView>, typeof timelineEntry>,
  true satisfies Produces<ReturnType<typeof orgView>, typeof org>,
  true satisfies Produces<PlanPreview, typeof planPreview>,
  true satisfies Produces<ReturnType<typeof webhookView>, typeof webhookEndpoint>,
  true satisfies Produces<ReturnType<typeof deliveryView>, typeof webhookDelivery>,
];
