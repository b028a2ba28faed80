/** zod schemas for items read back from the table: nothing from storage is trusted by a cast. */

import * as z from 'zod';
import { TICKET_STATUSES } from '#shared/tickets/ticket-event.ts';

const role = z.string();
const instant = z.number();

const deadline = z.object({
  id: z.string(),
  kind: z.enum(['response', 'escalation', 'update', 'resolution']),
  due: instant.nullable(),
  state: z.enum(['pending', 'met', 'breached', 'cancelled']),
  severity: z.string(),
  level: z.number().optional(),
  trigger: z.enum(['customer', 'staff']).optional(),
  assign: role.optional(),
  page: z.array(role).optional(),
  notify: z.array(role).optional(),
  settledAt: instant.optional(),
});

const event = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['created', 'responded', 'updated', 'customer_replied', 'note', 'paused', 'resumed', 'resolved', 'closed', 'reopened']),
    at: instant,
  }),
  z.object({ type: z.literal('severity_changed'), at: instant, severity: z.string() }),
  z.object({ type: z.literal('escalated'), at: instant, by: z.enum(['customer', 'staff']) }),
  z.object({ type: z.literal('notified'), at: instant, deadline: z.string(), role: z.string().optional() }),
]);

export const ticketItem = z.object({
  caseId: z.number().int(),
  org: z.string(),
  status: z.enum(TICKET_STATUSES),
  subject: z.string(),
  description: z.string(),
  category: z.string().optional(),
  fields: z.record(z.string(), z.string()),
  severity: z.string(),
  sla: z.object({
    policyId: z.string(),
    policyVersion: z.number(),
    severity: z.string(),
    tier: z.string(),
    region: z.string().optional(),
  }),
  assignee: z.string().optional(),
  requester: z.string(),
  requesterEmail: z.string().optional(),
  // Tickets written before e-mail support have neither: they came over the API.
  channel: z.enum(['api', 'email']).default('api'),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number(), key: z.string() })).default([]),
  createdAt: instant,
  updatedAt: instant,
  version: z.number().int(),
  events: z.array(event),
  seq: z.number().int(),
  deadlines: z.array(deadline),
  workOrder: z.array(z.number()),
});

export const timelineItem = z.object({
  seq: z.number().int(),
  at: instant,
  type: z.enum([
    'created',
    'responded',
    'updated',
    'customer_replied',
    'note',
    'paused',
    'resumed',
    'severity_changed',
    'escalated',
    'resolved',
    'closed',
    'reopened',
    'notified',
    'assigned',
  ]),
  actor: z.object({ kind: z.enum(['customer', 'staff', 'system']), id: z.string() }),
  body: z.string().optional(),
  public: z.boolean().optional(),
  detail: z.record(z.string(), z.string()).optional(),
});

export const orgItem = z.object({
  id: z.string(),
  name: z.string(),
  policy: z.string(),
  tier: z.string(),
  region: z.string().optional(),
  emailDomains: z.array(z.string()),
  createdAt: instant,
  updatedAt: instant,
});

export const idempotencyItem = z.object({
  scope: z.object({ principal: z.string(), route: z.string(), key: z.string() }),
  requestHash: z.string(),
  status: z.number().int(),
  body: z.unknown(),
  expiresAt: z.number(),
});

export const openingEntries = z.array(timelineItem);
