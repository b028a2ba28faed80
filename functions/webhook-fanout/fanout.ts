/**
 * Turns the table's stream into webhook deliveries: for each ticket change or new timeline entry,
 * the events it produces (`shared/webhooks/events.ts`), one delivery per active endpoint that may
 * hear of each (`matches`), then one wake-up per delivery queue for the sender.
 *
 * A record handled twice adds no delivery (deliveries are keyed by endpoint and event id) but wakes
 * its queues again, so a record whose wake-ups failed last time is made good by its retry. Payloads
 * are the API's own views of the ticket, fixed when the delivery is added (a `page.sent` carries
 * the ticket as read then): every retry of a delivery sends the same bytes.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { newDelivery } from '#shared/webhooks/delivery-policy.ts';
import { audienceOf, matches } from '#shared/webhooks/endpoint.ts';
import {
  eventOrder,
  eventsOfTicketChange,
  eventsOfTimelineEntry,
  type WebhookEvent,
  type WebhookViews,
  webhookBody,
} from '#shared/webhooks/events.ts';
import type { DeliveryWakeups, StoredDelivery, StoredEndpoint, WakeUp, WebhookStore } from '#shared/webhooks/ports.ts';
import { ticketItem, timelineItem } from '../adapters/dynamo/stored-items.ts';
import { keyParts, keys } from '../adapters/dynamo/table-design.ts';
import { customerEntry, customerTicketView } from '../api/customer-view.ts';
import { ticketView, timelineView } from '../api/views.ts';
import { inOrder } from '../lib/stream-batch.ts';

export interface FanoutDeps {
  readonly tickets: Pick<TicketStore, 'getTicket'>;
  readonly webhooks: WebhookStore;
  readonly wakeups: DeliveryWakeups;
  readonly now: () => number;
  /** How a ticket's policy is read for its view (a preset's is compiled in); none: the compiled presets alone. */
  readonly policies: PolicyCatalog;
}

/** How the API shows a ticket and a timeline entry to each audience: webhooks carry the same views. */
export const API_VIEWS: WebhookViews = {
  ticket: (ticket, audience) => (audience === 'customer' ? customerTicketView(ticketView(ticket)) : ticketView(ticket)),
  entry: (entry, audience) => (audience === 'customer' ? customerEntry(timelineView(entry)) : timelineView(entry)),
};

/**
 * A stream batch: every record's deliveries are added first, in stream order, and the queues are
 * woken once at the end (also when a record failed: the ones before it are done). A change that
 * writes the ticket and its timeline entries in one transaction reaches the stream as several
 * records in no set order, usually in one batch; waking only after the batch lets the sender see
 * all of that change's deliveries, and send them in the ticket's order.
 */
export async function fanOutBatch(event: DynamoDBStreamEvent, deps: FanoutDeps, onError: (error: unknown, record: DynamoDBRecord) => void) {
  const woken: WakeUp[] = [];
  // An organisation's endpoints are looked up once per batch: its records share one answer.
  const endpoints = new Map<string, Promise<StoredEndpoint[]>>();
  const endpointsOf = (org: string) => {
    const known = endpoints.get(org) ?? deps.webhooks.activeEndpointsFor(org);
    endpoints.set(org, known);
    return known;
  };
  try {
    return await inOrder(event, async (record) => void woken.push(...(await deliveriesOfRecord(record, deps, endpointsOf))), onError);
  } finally {
    if (woken.length > 0) await deps.wakeups.wake(woken);
  }
}

/** Adds one record's deliveries; returns the queues to wake (a record handled twice adds nothing, but wakes them again). */
async function deliveriesOfRecord(
  record: DynamoDBRecord,
  deps: FanoutDeps,
  endpointsOf: (org: string) => Promise<StoredEndpoint[]>,
): Promise<WakeUp[]> {
  const events = await eventsOfRecord(record, deps);
  const [first] = events;
  if (first === undefined) return [];
  const endpoints = await endpointsOf(first.org);
  const now = deps.now();
  const deliveries: StoredDelivery[] = events.flatMap((event) =>
    endpoints
      .filter((endpoint) => matches(endpoint, event))
      .map((endpoint) => ({
        ...newDelivery(endpoint.id, event, now),
        eventType: event.type,
        order: eventOrder(event),
        body: webhookBody(event, audienceOf(endpoint)),
        createdAt: now,
      })),
  );
  if (deliveries.length > 0) await deps.webhooks.addDeliveries(deliveries);
  return deliveries.map(({ endpointId, caseId }) => ({ endpointId, caseId }));
}

async function eventsOfRecord(record: DynamoDBRecord, deps: FanoutDeps): Promise<WebhookEvent[]> {
  const image = (name: 'OldImage' | 'NewImage') => {
    const raw = record.dynamodb?.[name];
    return raw === undefined ? undefined : unmarshall(raw as Record<string, AttributeValue>);
  };
  const after = image('NewImage');
  const sk = record.dynamodb?.Keys?.SK?.S;
  if (sk === keys.ticket(0).SK) {
    const before = image('OldImage');
    const [was, is] = [before, after].map((item) => (item === undefined ? undefined : ticketItem().parse(item)));
    // The views plan the ticket: its policy read first (a stored version once per process).
    if (is !== undefined) await deps.policies.forTicket(is.sla);
    return eventsOfTicketChange(was, is, API_VIEWS);
  }
  if (record.eventName !== 'INSERT' || after === undefined || sk === undefined || !sk.startsWith(keys.timelinePrefix)) return [];
  // Only pages become events: an entry of any other type, even one a later release adds, is passed
  // by before it is parsed, so a new type never stops this consumer's shard.
  if (after.type !== 'notified') return [];
  const entry = timelineItem().parse(after);
  const ticket = await deps.tickets.getTicket(keyParts.caseIdOf(String(after.PK)));
  if (ticket === undefined) return [];
  await deps.policies.forTicket(ticket.sla);
  return eventsOfTimelineEntry(ticket, entry, API_VIEWS);
}
