/** The response bodies of the webhook routes (response-schemas.ts holds the rest and checks the views against them). */

import * as z from 'zod/mini';
import { WEBHOOK_EVENT_TYPES } from '#shared/webhooks/events.ts';
import { instant, named, page } from './response-registry.ts';
import { WEBHOOK_STATES } from './schemas.ts';

const webhookAttempt = z.strictObject({ at: instant(), ms: z.number(), status: z.optional(z.int()), error: z.optional(z.string()) });

const webhookEndpointShape = {
  id: z.string(),
  scope: z.enum(['staff', 'org']),
  org: z.optional(z.string()),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.optional(z.string()),
  state: z.enum(WEBHOOK_STATES),
  pausedBecause: z.optional(z.enum(['owner', 'failing', 'gone'])),
  contact: z.string(),
  secrets: z.array(z.strictObject({ createdAt: instant(), expiresAt: z.optional(instant()) })),
  health: z.strictObject({ failingSince: z.optional(instant()), lastFailure: z.optional(webhookAttempt) }),
  createdBy: z.string(),
  createdAt: instant(),
  updatedAt: instant(),
};

export const webhookEndpoint = named(
  'WebhookEndpoint',
  'A webhook endpoint: what it hears of, whether it is paused and why, how its deliveries go; never a secret',
  z.strictObject(webhookEndpointShape),
);

export const webhookEndpointWithSecret = named(
  'WebhookEndpointWithSecret',
  'A webhook endpoint with its new signing secret: shown only when it is registered and when the secret is rotated',
  z.strictObject({ ...webhookEndpointShape, secret: z.string() }),
);

export const webhookEndpointList = named(
  'WebhookEndpointList',
  'A page of webhook endpoints, newest first',
  z.strictObject(page(webhookEndpoint)),
);

export const webhookDelivery = named(
  'WebhookDelivery',
  "One event's delivery to an endpoint: its attempts (time, and status or error) and the next one",
  z.strictObject({
    eventId: z.string(),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    caseId: z.int(),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(webhookAttempt),
    nextAttemptAt: z.nullable(instant()),
    skipped: z.optional(z.string()),
    createdAt: instant(),
  }),
);

export const webhookDeliveryList = named(
  'WebhookDeliveryList',
  "A page of an endpoint's delivery log, newest first",
  z.strictObject(page(webhookDelivery)),
);
