/**
 * The webhook pages' view logic (no DOM): what each event means, what an endpoint's state and
 * health say in words, which actions an endpoint offers, a delivery as a row of the log, and the
 * bodies of `POST /webhooks` and `PATCH /webhooks/{id}` from what was typed.
 */

// The generated types, not api.ts: this module stays free of the DOM, for its tests.
import type { components } from '../../../client/compiled-openapi.ts';

type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

import { formatInstant } from './format.ts';

export type Endpoint = Schema<'WebhookEndpoint'>;
export type Delivery = Schema<'WebhookDelivery'>;
export type EventType = Endpoint['events'][number];

/** Every event an endpoint can hear of (the API's list: `Record` makes the compiler insist on each), in words. */
export const EVENT_LABELS: Record<EventType, string> = {
  'ticket.created': 'a ticket is opened',
  'ticket.updated': 'a ticket changes',
  'ticket.resolved': 'a ticket is resolved',
  'deadline.breached': 'a deadline is breached',
  'page.sent': 'someone is paged or told',
};

export const EVENT_TYPES = Object.keys(EVENT_LABELS) as EventType[];

/** `Active`, or why it is paused. */
export function stateText(endpoint: Pick<Endpoint, 'state' | 'pausedBecause'>): string {
  if (endpoint.state === 'active') return 'Active';
  switch (endpoint.pausedBecause) {
    case 'failing':
      return 'Paused by the service: its deliveries failed for a day';
    case 'gone':
      return 'Paused by the service: the receiver answered 410 Gone';
    default:
      return 'Paused by its owner';
  }
}

type Attempt = Delivery['attempts'][number];

/** What an attempt got back: `HTTP 200 in 120 ms`, or the error. */
export function attemptOutcome(attempt: Attempt): string {
  const what = attempt.status !== undefined ? `HTTP ${attempt.status}` : (attempt.error ?? 'no answer');
  return `${what} in ${attempt.ms} ms`;
}

/** `Healthy`, or since when it fails and what the last failure was. */
export function healthText(health: Endpoint['health'], zone?: string): string {
  const last = health.lastFailure;
  if (health.failingSince === undefined && last === undefined) return 'Healthy: no failed delivery since it was registered or resumed';
  const since = health.failingSince !== undefined ? `Failing since ${formatInstant(health.failingSince, zone)}` : 'Recovered';
  return last === undefined ? since : `${since}; last failure ${formatInstant(last.at, zone)}: ${attemptOutcome(last)}`;
}

export type EndpointAction = 'pause' | 'resume' | 'rotate' | 'delete';

/** The actions an endpoint offers in its state (the API still decides). */
export function endpointActions(endpoint: Pick<Endpoint, 'state'>): EndpointAction[] {
  return [endpoint.state === 'active' ? 'pause' : 'resume', 'rotate', 'delete'];
}

export interface DeliveryRow {
  readonly eventId: string;
  readonly event: string;
  readonly caseId: number;
  readonly state: Delivery['state'];
  readonly attempts: readonly { readonly at: string; readonly when: string; readonly outcome: string }[];
  /** When the next attempt is due, or why there is none. */
  readonly next: string;
  /** Replay sends a delivered or failed delivery again; a paused endpoint must be resumed first. */
  readonly replay: 'offered' | 'paused' | 'pending';
}

/** A delivery as a row of the log, its times in `zone` (the viewer's by default). */
export function deliveryRow(delivery: Delivery, endpointState: Endpoint['state'], zone?: string): DeliveryRow {
  const next =
    delivery.nextAttemptAt !== null
      ? formatInstant(delivery.nextAttemptAt, zone)
      : delivery.skipped !== undefined
        ? `none: ${delivery.skipped}`
        : delivery.state === 'delivered'
          ? 'none: delivered'
          : 'none: retries ran out';
  return {
    eventId: delivery.eventId,
    event: delivery.eventType,
    caseId: delivery.caseId,
    state: delivery.state,
    attempts: delivery.attempts.map((attempt) => ({
      at: attempt.at,
      when: formatInstant(attempt.at, zone),
      outcome: attemptOutcome(attempt),
    })),
    next,
    replay: delivery.state === 'pending' ? 'pending' : endpointState === 'paused' ? 'paused' : 'offered',
  };
}

export interface EndpointDraft {
  readonly url: string;
  readonly events: readonly EventType[];
  readonly description: string;
  readonly contact: string;
}

export const EMPTY_ENDPOINT_DRAFT: EndpointDraft = { url: '', events: [], description: '', contact: '' };

export function draftOfEndpoint(endpoint: Endpoint): EndpointDraft {
  return { url: endpoint.url, events: endpoint.events, description: endpoint.description ?? '', contact: endpoint.contact };
}

/** Ticks or unticks one event, keeping the API's order. */
export function toggleEvent(events: readonly EventType[], event: EventType, on: boolean): EventType[] {
  return EVENT_TYPES.filter((type) => (type === event ? on : events.includes(type)));
}

export type RegistrationBody = Pick<Endpoint, 'url' | 'events'> & { description?: string; contact?: string };

/** `POST /webhooks`: empty description and contact left out (the contact then defaults to the token's e-mail). */
export function registrationBody(draft: EndpointDraft): RegistrationBody {
  return {
    url: draft.url.trim(),
    events: [...draft.events],
    ...(draft.description.trim() !== '' && { description: draft.description.trim() }),
    ...(draft.contact.trim() !== '' && { contact: draft.contact.trim() }),
  };
}

/** `PATCH /webhooks/{id}`: only what changed (an empty patch means nothing to save). */
export function patchBody(before: EndpointDraft, draft: EndpointDraft): Partial<RegistrationBody> {
  const after = registrationBody(draft);
  const was = registrationBody(before);
  return {
    ...(after.url !== was.url && { url: after.url }),
    ...(after.events.join() !== was.events.join() && { events: after.events }),
    ...(after.description !== was.description && { description: after.description ?? '' }),
    ...(after.contact !== undefined && after.contact !== was.contact && { contact: after.contact }),
  };
}
