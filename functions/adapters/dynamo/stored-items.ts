/**
 * zod schemas for items read back from the table: nothing from storage is trusted by a cast. Each
 * is built on its first read, so a function only builds the item types it reads.
 */

import { NOTICE_KINDS } from '#shared/notices/notice.ts';
import '../../lib/zod-english.ts';
import * as z from 'zod/mini';
import { DEADLINE_KINDS, DEADLINE_STATES, type Deadline } from '#shared/sla/deadline.ts';
import type { Org } from '#shared/tickets/org.ts';
import {
  ACK_CHANNELS,
  ANCHOR_EVENT_TYPES,
  PLAIN_EVENT_TYPES,
  type Same,
  TICKET_STATUSES,
  type TicketEvent,
} from '#shared/tickets/ticket-event.ts';
import { ACTOR_KINDS, TIMELINE_ENTRY_TYPES, type TimelineEntry } from '#shared/tickets/timeline.ts';
import { once } from '../../lib/once.ts';

const role = z.string();
const instant = z.number();
const int = () => z.number().check(z.int());
/** Where a customer stands in a policy: an organisation's plan, and what a ticket snapshots of it. */
const placement = () => ({ tier: z.string(), region: z.optional(z.string()) });

/** An attachment kept in the mail bucket (a ticket's, or held mail's). */
export const attachmentItem = once(() => z.object({ filename: z.string(), contentType: z.string(), size: z.number(), key: z.string() }));

export const ticketItem = once(() => {
  const deadline = z.object({
    id: z.string(),
    kind: z.enum(DEADLINE_KINDS),
    due: z.nullable(instant),
    state: z.enum(DEADLINE_STATES),
    severity: z.string(),
    level: z.optional(z.number()),
    trigger: z.optional(z.enum(['customer', 'staff'])),
    assign: z.optional(role),
    page: z.optional(z.array(role)),
    notify: z.optional(z.array(role)),
    settledAt: z.optional(instant),
    repageOf: z.optional(z.string()),
    escalateTo: z.optional(z.literal('next-in-rotation')),
  });
  const event = z.discriminatedUnion('type', [
    // Anchors of the update cadence may carry what compaction folded into them (older items: never).
    z.object({
      type: z.enum(ANCHOR_EVENT_TYPES),
      at: instant,
      cycle: z.optional(int()),
      fired: z.optional(int()),
    }),
    z.object({ type: z.enum(PLAIN_EVENT_TYPES), at: instant }),
    z.object({ type: z.literal('severity_changed'), at: instant, severity: z.string() }),
    z.object({ type: z.literal('escalated'), at: instant, by: z.enum(['customer', 'staff']), n: z.optional(int()) }),
    z.object({ type: z.literal('notified'), at: instant, deadline: z.string(), role: z.optional(z.string()) }),
    z.object({ type: z.literal('acknowledged'), at: instant, deadline: z.string(), by: z.string(), via: z.enum(ACK_CHANNELS) }),
  ]);
  return z.object({
    caseId: int(),
    org: z.string(),
    status: z.enum(TICKET_STATUSES),
    subject: z.string(),
    description: z.string(),
    category: z.optional(z.string()),
    fields: z.record(z.string(), z.string()),
    severity: z.string(),
    sla: z.object({
      policyId: z.string(),
      policyVersion: z.number(),
      severity: z.string(),
      ...placement(),
      // Only on tickets a calendar change has reached (docs/policies.md).
      calendarsVersion: z.optional(int()),
    }),
    assignee: z.optional(z.string()),
    requester: z.string(),
    requesterEmail: z.optional(z.string()),
    // Tickets written before e-mail support have neither: they came over the API.
    channel: z._default(z.enum(['api', 'email']), 'api'),
    attachments: z._default(z.array(attachmentItem()), []),
    createdAt: instant,
    updatedAt: instant,
    version: int(),
    events: z.array(event),
    seq: int(),
    deadlines: z.array(deadline),
    workOrder: z.array(z.number()),
    // Tickets stored before change-management notices have none.
    maintenance: z.optional(
      z.array(z.object({ id: z.string(), title: z.string(), kind: z.enum(NOTICE_KINDS), start: instant, end: instant })),
    ),
    // Tickets written before time entries have none.
    timeMinutes: z.optional(int()),
  });
});

export const timelineItem = once(() =>
  z.object({
    seq: int(),
    at: instant,
    type: z.enum(TIMELINE_ENTRY_TYPES),
    actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string() }),
    body: z.optional(z.string()),
    public: z.optional(z.boolean()),
    detail: z.optional(z.record(z.string(), z.string())),
  }),
);

/** An org; one stored before tier histories (a `tier`, no `tiers`) reads as having had that tier since it was created. */
export const orgItem = once(() =>
  z.pipe(
    z.object({
      id: z.string(),
      name: z.string(),
      policy: z.string(),
      /** The tier when the item was written: the previous release reads only this (written with `tiers` for it). */
      tier: z.optional(z.string()),
      tiers: z.optional(
        z.array(
          z.pipe(
            z.object({
              tier: z.string(),
              from: instant,
              /** Entries written before it was kept were recorded, as far as anyone knows, when they began. */
              recordedAt: z.optional(instant),
              source: z.enum(['admin', 'review']),
              review: z.optional(z.string()),
            }),
            z.transform(({ recordedAt, ...entry }) => ({ ...entry, recordedAt: recordedAt ?? entry.from })),
          ),
        ),
      ),
      region: z.optional(z.string()),
      emailDomains: z.array(z.string()),
      /** Added with the contract e-mails: organisations stored before have none. */
      contacts: z._default(z.array(z.string()), []),
      /** Added with the SLA reports: organisations stored before have it off. */
      monthlyReport: z._default(z.boolean(), false),
      createdAt: instant,
      updatedAt: instant,
    }),
    z.transform(({ tier, tiers, ...org }, ctx): Org => {
      const history =
        tiers ?? (tier === undefined ? [] : [{ tier, from: org.createdAt, recordedAt: org.createdAt, source: 'admin' as const }]);
      if (history.length === 0) ctx.issues.push({ code: 'custom', message: 'an organisation without a tier', input: tiers });
      return { ...org, tiers: history };
    }),
  ),
);

export const idempotencyItem = once(() =>
  z.object({
    scope: z.object({ principal: z.string(), route: z.string(), key: z.string() }),
    requestHash: z.string(),
    status: int(),
    body: z.unknown(),
    expiresAt: z.number(),
  }),
);

export const openingEntries = once(() => z.array(timelineItem()));

// What storage reads back is exactly what the domain declares: a new event type, deadline kind or
// state, or timeline entry type, added to the domain but not here (or the other way round), fails to compile.
type Stored = z.infer<ReturnType<typeof ticketItem>>;
const _events: Same<Stored['events'][number], TicketEvent> = true;
const _deadlineKinds: Same<Stored['deadlines'][number]['kind'], Deadline['kind']> = true;
const _deadlineStates: Same<Stored['deadlines'][number]['state'], Deadline['state']> = true;
const _entryTypes: Same<z.infer<ReturnType<typeof timelineItem>>['type'], TimelineEntry['type']> = true;
