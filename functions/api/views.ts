/** How domain objects look on the wire: instants as UTC ISO-8601, policies as `{id, version}`. */

import type { Deadline } from '#shared/sla/deadline.ts';
import { LIMITS } from '#shared/tickets/limits.ts';
import { type Org, tierAt } from '#shared/tickets/org.ts';
import { nextDue, type Ticket } from '#shared/tickets/ticket.ts';
import type { Page } from '#shared/tickets/ticket-store.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import { formatInstant } from '#shared/time/instant.ts';
import type { Attempt } from '#shared/webhooks/delivery-policy.ts';
import type { StoredDelivery, StoredEndpoint } from '#shared/webhooks/ports.ts';
import { type ClockView, clockViews, nextDeadlineView } from './clock-views.ts';
import { maintenanceLinkView } from './notice-views.ts';

const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));

/** A page of a list as answered: its items in their view, and the cursor of the next page if there is one. */
export function pageView<T, V>(page: Page<T>, view: (item: T) => V) {
  return { items: page.items.map((item) => view(item)), ...(page.cursor !== undefined && { cursor: page.cursor }) };
}

function deadlineView(d: Deadline, clock: ClockView | undefined) {
  return {
    id: d.id,
    kind: d.kind,
    due: iso(d.due),
    state: d.state,
    ...(d.level !== undefined && { level: d.level }),
    ...(d.trigger !== undefined && { trigger: d.trigger }),
    ...(d.assign !== undefined && { assign: d.assign }),
    ...(d.page !== undefined && d.page.length > 0 && { page: d.page }),
    ...(d.notify !== undefined && d.notify.length > 0 && { notify: d.notify }),
    ...(d.settledAt !== undefined && { settledAt: formatInstant(d.settledAt) }),
    ...(d.repageOf !== undefined && { repageOf: d.repageOf }),
    ...(d.escalateTo !== undefined && { escalateTo: d.escalateTo }),
    ...(clock !== undefined && { clock }),
  };
}

/**
 * What a list shows of a ticket (`GET /tickets`, `GET /queue`): no description, fields or
 * deadlines, and a subject of at most `LIMITS.subject` characters, so a page of the largest
 * limit stays far below Lambda's 6 MB response (see test/api/response-size.test.ts); and the
 * deadline the row shows with its clock as of `asOf` (one clock read per row).
 */
export function ticketSummaryView(ticket: Ticket, asOf: number) {
  const next = nextDeadlineView(ticket, asOf);
  return {
    caseId: ticket.caseId,
    org: ticket.org,
    status: ticket.status,
    subject: bounded(ticket.subject, LIMITS.subject),
    severity: ticket.severity,
    tier: ticket.sla.tier,
    ...(ticket.sla.region !== undefined && { region: ticket.sla.region }),
    policy: { id: ticket.sla.policyId, version: ticket.sla.policyVersion },
    ...(ticket.assignee !== undefined && { assignee: bounded(ticket.assignee, 100) }),
    channel: ticket.channel,
    nextDue: iso(nextDue(ticket)),
    ...(next !== undefined && { next }),
    createdAt: formatInstant(ticket.createdAt),
    updatedAt: formatInstant(ticket.updatedAt),
  };
}

/** At most `max` code points (a surrogate pair is never split), with an ellipsis when cut. */
function bounded(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * What bounds each response below Lambda's 6 MB payload limit for synchronous invocations
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): lists show summaries
 * (at most 100), timelines are cut to a byte budget.
 */
export const RESPONSE_BOUNDS = {
  /** Entries read for `GET /tickets/{caseId}`, and the bytes they may fill. */
  ticketTimeline: 20,
  ticketTimelineBytes: 256 * 1024,
  /** The bytes a page of `GET /tickets/{caseId}/timeline` may fill (beyond one entry). */
  timelineBytes: 1024 * 1024,
} as const;

/**
 * A page of timeline entries (given newest first) cut to a byte budget, in time order, and the
 * cursor to older ones: the oldest entry shown if the budget cut the page, else where the read stopped.
 */
export function fitTimeline(newestFirst: readonly TimelineEntry[], before: number | undefined, budgetBytes: number) {
  const shown: TimelineEntry[] = [];
  let bytes = 0;
  for (const entry of newestFirst) {
    bytes += Buffer.byteLength(JSON.stringify(timelineView(entry)));
    // Always one entry, so paging moves on; a single entry is bounded by DynamoDB's item size.
    if (shown.length > 0 && bytes > budgetBytes) break;
    shown.push(entry);
  }
  const next = shown.length < newestFirst.length ? shown.at(-1)?.seq : before;
  return { entries: shown.reverse(), cursor: next === undefined ? undefined : String(next) };
}

/** A ticket with its deadlines; with `asOf`, each running deadline's clock as of then (webhook payloads carry none). */
export function ticketView(ticket: Ticket, timeline?: readonly TimelineEntry[], timelineCursor?: string, asOf?: number) {
  const clocks = asOf === undefined ? undefined : clockViews(ticket, asOf);
  return {
    caseId: ticket.caseId,
    org: ticket.org,
    status: ticket.status,
    subject: ticket.subject,
    description: ticket.description,
    ...(ticket.category !== undefined && { category: ticket.category }),
    fields: ticket.fields,
    severity: ticket.severity,
    tier: ticket.sla.tier,
    ...(ticket.sla.region !== undefined && { region: ticket.sla.region }),
    policy: { id: ticket.sla.policyId, version: ticket.sla.policyVersion },
    ...(ticket.assignee !== undefined && { assignee: ticket.assignee }),
    channel: ticket.channel,
    ...(ticket.requesterEmail !== undefined && { requesterEmail: ticket.requesterEmail }),
    ...(ticket.attachments.length > 0 && {
      attachments: ticket.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    }),
    ...(ticket.maintenance !== undefined && { maintenance: ticket.maintenance.map(maintenanceLinkView) }),
    createdAt: formatInstant(ticket.createdAt),
    updatedAt: formatInstant(ticket.updatedAt),
    deadlines: ticket.deadlines.map((d) => deadlineView(d, clocks?.get(d.id))),
    ...(timeline !== undefined && { timeline: timeline.map(timelineView) }),
    timeMinutes: ticket.timeMinutes ?? 0,
    ...(timelineCursor !== undefined && { timelineCursor }),
  };
}

/** An entry as shown (customers never get internal notes: the store leaves them out). */
export function timelineView(entry: TimelineEntry) {
  return {
    seq: entry.seq,
    at: formatInstant(entry.at),
    type: entry.type,
    actor: entry.actor,
    ...(entry.body !== undefined && { body: entry.body }),
    ...(entry.public !== undefined && { public: entry.public }),
    ...(entry.detail !== undefined && { detail: entry.detail }),
  };
}

/** An org with its tier at `now` and its whole tier history. */
export function orgView(org: Org, now: number) {
  return {
    id: org.id,
    name: org.name,
    policy: org.policy,
    tier: tierAt(org, now),
    tiers: tierHistoryView(org),
    ...(org.region !== undefined && { region: org.region }),
    emailDomains: org.emailDomains,
    contacts: org.contacts,
    monthlyReport: org.monthlyReport,
    createdAt: formatInstant(org.createdAt),
    updatedAt: formatInstant(org.updatedAt),
  };
}

export function tierHistoryView(org: Org) {
  return org.tiers.map((entry) => ({
    tier: entry.tier,
    from: formatInstant(entry.from),
    source: entry.source,
    ...(entry.review !== undefined && { review: entry.review }),
  }));
}

/** A webhook endpoint as its owner sees it: never a secret's value (only when each was made and until when it signs). */
export function webhookView(endpoint: StoredEndpoint) {
  return {
    id: endpoint.id,
    scope: endpoint.scope.kind,
    ...(endpoint.scope.kind === 'org' && { org: endpoint.scope.org }),
    url: endpoint.url,
    events: endpoint.events,
    ...(endpoint.description !== undefined && { description: endpoint.description }),
    state: endpoint.state,
    ...(endpoint.pausedBecause !== undefined && { pausedBecause: endpoint.pausedBecause }),
    contact: endpoint.contact,
    secrets: endpoint.secrets.map((s) => ({
      createdAt: formatInstant(s.createdAt),
      ...(s.expiresAt !== undefined && { expiresAt: formatInstant(s.expiresAt) }),
    })),
    health: {
      ...(endpoint.health.failingSince !== undefined && { failingSince: formatInstant(endpoint.health.failingSince) }),
      ...(endpoint.health.lastFailure !== undefined && { lastFailure: attemptView(endpoint.health.lastFailure) }),
    },
    createdBy: endpoint.createdBy,
    createdAt: formatInstant(endpoint.createdAt),
    updatedAt: formatInstant(endpoint.updatedAt),
  };
}

/**
 * A delivery in its endpoint's log, without the body: a page of the answer stays small whatever
 * the tickets hold, and the body is the ticket's view when the event happened, which the receiver got (a
 * replay sends it again) and `GET /tickets/{caseId}` shows as it is now.
 */
export function deliveryView(delivery: StoredDelivery) {
  return {
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    caseId: delivery.caseId,
    state: delivery.state,
    attempts: delivery.attempts.map(attemptView),
    nextAttemptAt: iso(delivery.nextAttemptAt),
    ...(delivery.skipped !== undefined && { skipped: delivery.skipped }),
    createdAt: formatInstant(delivery.createdAt),
  };
}

function attemptView({ at, outcome }: Attempt) {
  return { at: formatInstant(at), ms: outcome.ms, ...('status' in outcome ? { status: outcome.status } : { error: outcome.error }) };
}
