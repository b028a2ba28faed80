/** How domain objects look on the wire: instants as UTC ISO-8601, policies as `{id, version}`. */

import type { Deadline } from '#shared/sla/plan-deadlines.ts';
import type { Org } from '#shared/tickets/org.ts';
import type { Ticket, TimelineEntry } from '#shared/tickets/ticket.ts';
import { formatInstant } from '#shared/time/instant.ts';

const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));

function deadlineView(d: Deadline) {
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
    ...(d.settledAt !== undefined && { settledAt: iso(d.settledAt) }),
  };
}

export function ticketView(ticket: Ticket, timeline?: readonly TimelineEntry[]) {
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
    createdAt: formatInstant(ticket.createdAt),
    updatedAt: formatInstant(ticket.updatedAt),
    deadlines: ticket.deadlines.map(deadlineView),
    ...(timeline !== undefined && { timeline: timeline.map(timelineView) }),
  };
}

/** What a customer sees of the timeline: internal notes are left out. */
function timelineView(entry: TimelineEntry) {
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

export function orgView(org: Org) {
  return {
    id: org.id,
    name: org.name,
    policy: org.policy,
    tier: org.tier,
    ...(org.region !== undefined && { region: org.region }),
    emailDomains: org.emailDomains,
    createdAt: formatInstant(org.createdAt),
    updatedAt: formatInstant(org.updatedAt),
  };
}
