/**
 * The ports webhook delivery runs through: where endpoints and deliveries are kept
 * (`WebhookStore`, DynamoDB in `functions/adapters/dynamo/webhooks.ts`), how a delivery queue is
 * woken (`DeliveryWakeups`, SQS in `functions/adapters/sqs-wakeups.ts`) and how one attempt is made
 * (`WebhookCaller`, `functions/adapters/webhook-caller.ts`).
 *
 * A delivery queue is one endpoint's deliveries of one ticket, in event order: the unit that is
 * sent in order, leased, and woken.
 */

import type { IdempotentResponse, Page } from '#shared/tickets/ticket-store.ts';
import type { Attempt, AttemptOutcome, Delivery, EndpointHealth } from './delivery-policy.ts';
import type { EndpointScope, WebhookEndpoint } from './endpoint.ts';
import type { WebhookEventType } from './events.ts';

/** An endpoint as kept: what it is, how its deliveries have gone, and whom to tell when the service pauses it. */
export interface StoredEndpoint extends WebhookEndpoint {
  /** Where the pause notice goes (the registration's `contact`, else the token's e-mail). */
  readonly contact: string;
  readonly health: EndpointHealth;
}

/** A delivery as kept: the policy's record plus the exact body every attempt sends. */
export interface StoredDelivery extends Delivery {
  readonly eventType: WebhookEventType;
  /** Position in the ticket's events (`compareEvents` order), so a queue reads back in order. */
  readonly order: { readonly seq: number; readonly rank: number };
  /** The exact JSON sent (the endpoint's audience's view, fixed when the event happened). */
  readonly body: string;
  readonly createdAt: number;
  /** Why it failed without an attempt (its endpoint was paused before its turn). */
  readonly skipped?: string | undefined;
  /** When the queue's delayed wake-up is due, while the head waits for a retry (see `WakeUp.wake`). */
  readonly wakeAt?: number | undefined;
}

/** Which queue to wake: one endpoint's deliveries of one ticket. */
export interface DeliveryQueueRef {
  readonly endpointId: string;
  readonly caseId: number;
}

/**
 * A wake-up message. A delayed one carries the instant it was meant for (`wake`): it keeps the
 * queue's wake-up chain going only if the head still names that instant, so duplicate chains die
 * out instead of multiplying.
 */
export interface WakeUp extends DeliveryQueueRef {
  readonly wake?: number | undefined;
  /** How many times in a row this wake-up found every attempt slot of its endpoint taken. */
  readonly busy?: number | undefined;
}

/** How an endpoint is created: within its scope's limit, and with the response to store for an `Idempotency-Key`. */
export interface CreateEndpointOptions {
  /** A scope that has this many endpoints already gets no more (`conflict`). */
  readonly maxPerScope?: number | undefined;
  readonly idempotent?: IdempotentResponse | undefined;
}

export interface WebhookStore {
  /** Writes a new endpoint (its id is new: a clash is an error), and counts it in its scope, all or nothing. */
  createEndpoint(endpoint: StoredEndpoint, options?: CreateEndpointOptions): Promise<void>;
  getEndpoint(id: string): Promise<StoredEndpoint | undefined>;
  /** The endpoints of a scope, newest first. */
  listEndpoints(
    scope: EndpointScope,
    page: { readonly cursor?: string | undefined; readonly limit: number },
  ): Promise<Page<StoredEndpoint>>;
  /** Every active endpoint that may hear of an organisation's events: its own and the staff's. */
  activeEndpointsFor(org: string): Promise<StoredEndpoint[]>;
  /**
   * Replaces what an owner or a pause changes of an endpoint (not its health, which senders write:
   * `resetHealth` clears it, for a resume) if it is still as read (`updatedAt`); `false` when
   * somebody changed or deleted it in between (read again and decide again).
   */
  replaceEndpoint(endpoint: StoredEndpoint, expectedUpdatedAt: number, options?: { readonly resetHealth?: boolean }): Promise<boolean>;
  /** Claims the pause notice of an endpoint: at most one a day, so pausing cannot be a way to send mail. */
  claimPauseNotice(endpointId: string, now: number): Promise<boolean>;
  /** Records an attempt's effect on the endpoint's health (first failure since a success, last failure) and returns it. */
  recordHealth(endpointId: string, attempt: Attempt): Promise<EndpointHealth | undefined>;
  /** Deletes an endpoint and counts it out of its scope; `false` when it was gone already. */
  deleteEndpoint(id: string): Promise<boolean>;
  /** Adds deliveries that are not there yet (a stream record handled twice adds nothing); returns the ones added. */
  addDeliveries(deliveries: readonly StoredDelivery[]): Promise<StoredDelivery[]>;
  /** One endpoint's deliveries of one ticket, in event order. */
  deliveryQueue(ref: DeliveryQueueRef): Promise<StoredDelivery[]>;
  getDelivery(endpointId: string, eventId: string): Promise<StoredDelivery | undefined>;
  /**
   * Takes the head of a queue for one attempt until `until`: `false` when another sender holds it,
   * or the delivery is no longer what was read (`attempts.length`).
   */
  leaseDelivery(delivery: StoredDelivery, now: number, until: number): Promise<boolean>;
  /** Writes a delivery after an attempt or a replay, if it still has the attempts it was read with; drops its lease and `wakeAt`. */
  saveDelivery(delivery: StoredDelivery, expectedAttempts: number): Promise<boolean>;
  /** Records the head's next wake-up if it still names `expected` (`undefined`: none yet). */
  setWake(delivery: StoredDelivery, expected: number | undefined, wakeAt: number): Promise<boolean>;
  /**
   * One of an endpoint's `slots` attempt slots until `until`, so a slow receiver ties up at most
   * that many senders; `undefined` when all are taken.
   */
  leaseSlot(endpointId: string, slots: number, now: number, until: number): Promise<number | undefined>;
  /** Gives a slot back if this sender still holds it (the lease it took ends at `until`). */
  releaseSlot(endpointId: string, slot: number, until: number): Promise<void>;
  /**
   * Marks when a delivery queue next needs the sender (`undefined`: it has nothing pending).
   * Adding deliveries marks their queues for now; the sender moves the mark to its head's next
   * attempt, or removes it. A mark long past means the queue's wake-up was lost.
   */
  markQueue(queue: DeliveryQueueRef, when: number | undefined): Promise<void>;
  /** The queues marked for at or before `cutoff` (the sweeper's look-up). */
  overdueQueues(cutoff: number): Promise<DeliveryQueueRef[]>;
  /** An endpoint's delivery log, newest first. */
  deliveryLog(endpointId: string, page: { readonly cursor?: string | undefined; readonly limit: number }): Promise<Page<StoredDelivery>>;
}

/** Wakes a delivery queue now or after a delay (SQS: at most 15 minutes; a longer wait is made of hops). */
export interface DeliveryWakeups {
  wake(wakeUps: readonly WakeUp[], delayMs?: number): Promise<void>;
}

/** One HTTP attempt at a delivery, within the SSRF rules and the timeout; never throws. */
export interface WebhookCaller {
  call(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<AttemptOutcome>;
}
