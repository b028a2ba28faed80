/**
 * What one wake-up of a delivery queue (one endpoint's deliveries of one ticket) does:
 *
 * 1. A deleted endpoint: nothing (its deliveries expire). A paused one: its pending deliveries fail
 *    unsent (`skipped`), so the log says why and they can be replayed after a resume.
 * 2. Take one of the endpoint's attempt slots, or come back later (30 s, then doubling up to 15
 *    minutes while the endpoint stays busy): a slow or hanging receiver has at most
 *    `SENDING.slotsPerEndpoint` attempts under way at once, and its other wake-ups back off.
 * 3. The queue's first pending delivery (the head) is attempted once it is due, under a lease, so
 *    no two senders send it at once and a ticket's events go out in order. A few heads go per
 *    wake-up; then the queue is woken again.
 * 4. A head that is not due yet (a retry backing off) gets a delayed wake-up, in hops of at most
 *    15 minutes (SQS's longest message timer). The hop's instant is recorded on the head; a
 *    wake-up that does not carry it does not start a second chain while the first is alive.
 * 5. Each outcome is recorded on the delivery and in the endpoint's health; 410 Gone, or a day of
 *    nothing but failures, pauses the endpoint and tells its owner by e-mail.
 * 6. The queue's mark (`markQueue`) follows its head's next attempt, and goes when nothing is
 *    pending: a mark long past tells the sweeper that the queue's wake-up was lost.
 */

import type { Mailer } from '#shared/email/ports.ts';
import { afterAttempt, pauseFor, pauseNotice } from '#shared/webhooks/delivery-policy.ts';
import { signingSecrets } from '#shared/webhooks/endpoint.ts';
import type {
  DeliveryQueueRef,
  DeliveryWakeups,
  StoredDelivery,
  StoredEndpoint,
  WakeUp,
  WebhookCaller,
  WebhookStore,
} from '#shared/webhooks/ports.ts';
import { signatureHeaders } from '#shared/webhooks/signature.ts';
import { ATTEMPT_TIMEOUT_MS } from '../adapters/webhook-caller.ts';

export interface SenderDeps {
  readonly webhooks: WebhookStore;
  readonly wakeups: DeliveryWakeups;
  readonly caller: WebhookCaller;
  readonly mailer: Mailer;
  readonly now: () => number;
}

export const SENDING = {
  /** How many attempts may be under way to one endpoint at once. */
  slotsPerEndpoint: 4,
  /** How many heads one wake-up sends before it hands the queue to a fresh wake-up. */
  attemptsPerWakeUp: 3,
  /** A slot is held for a whole wake-up: its attempts (10 s each at most) and the writes around them. */
  slotLeaseMs: 50_000,
  /** A delivery is held for one attempt and its writes. */
  deliveryLeaseMs: 20_000,
  /** What one attempt may take with its reads and writes: no attempt begins with less time left. */
  attemptBudgetMs: ATTEMPT_TIMEOUT_MS + 5_000,
  /** When every slot is taken, the wake-up comes back this much later, doubling each time it is again (at most 15 minutes). */
  busyRetryMs: 30_000,
  /** SQS's longest message timer. */
  maxHopMs: 900_000,
} as const;

const PAUSED = 'the endpoint was paused before its turn';

/**
 * `remainingMs`: how long the invocation may still run (Lambda's `getRemainingTimeInMillis`); an
 * attempt is begun only if it can end, writes included, before the function is stopped.
 */
export async function handleWakeUp(
  wakeUp: WakeUp,
  deps: SenderDeps,
  remainingMs: () => number = () => Number.POSITIVE_INFINITY,
): Promise<void> {
  const endpoint = await deps.webhooks.getEndpoint(wakeUp.endpointId);
  if (endpoint === undefined) return;
  const queue = { endpointId: wakeUp.endpointId, caseId: wakeUp.caseId };
  if (endpoint.state === 'paused') return skipPending(queue, deps);
  const slotUntil = deps.now() + SENDING.slotLeaseMs;
  const slot = await deps.webhooks.leaseSlot(endpoint.id, SENDING.slotsPerEndpoint, deps.now(), slotUntil);
  if (slot === undefined) {
    // Back off while the endpoint stays busy: a hanging receiver with many waiting tickets must
    // not keep the senders busy with wake-ups that find no slot.
    const busy = wakeUp.busy ?? 0;
    return deps.wakeups.wake([{ ...queue, busy: busy + 1 }], Math.min(SENDING.busyRetryMs * 2 ** busy, SENDING.maxHopMs));
  }
  try {
    for (let sent = 0; sent < SENDING.attemptsPerWakeUp && remainingMs() > SENDING.attemptBudgetMs; sent++) {
      const head = (await deps.webhooks.deliveryQueue(queue)).find((d) => d.state === 'pending');
      if (head?.nextAttemptAt === undefined || head.nextAttemptAt === null) return deps.webhooks.markQueue(queue, undefined);
      const now = deps.now();
      if (head.nextAttemptAt > now) {
        await deps.webhooks.markQueue(queue, head.nextAttemptAt);
        return scheduleWakeUp(head, wakeUp, now, deps);
      }
      // Another sender holds the head: it carries the queue on.
      if (!(await deps.webhooks.leaseDelivery(head, now, now + SENDING.deliveryLeaseMs))) return;
      const current = await deps.webhooks.getEndpoint(endpoint.id);
      if (current === undefined) return;
      if (current.state === 'paused') return skipPending(queue, deps);
      if (await attempt(current, head, deps)) return;
    }
    await deps.wakeups.wake([queue]);
  } finally {
    await deps.webhooks.releaseSlot(endpoint.id, slot, slotUntil);
  }
}

/** Sends the head once and records what came of it; `true` when that paused the endpoint. */
async function attempt(endpoint: StoredEndpoint, head: StoredDelivery, deps: SenderDeps): Promise<boolean> {
  const at = deps.now();
  const secrets = signingSecrets(endpoint, at).map((s) => s.secret);
  const headers = signatureHeaders(secrets, { id: head.eventId, at, body: head.body });
  const outcome = await deps.caller.call(endpoint.url, headers, head.body);
  await deps.webhooks.saveDelivery({ ...head, ...afterAttempt(head, at, outcome) }, head.attempts.length);
  const record = { at, outcome };
  const health = await deps.webhooks.recordHealth(endpoint.id, record);
  const pause = health === undefined ? undefined : pauseFor(health, record);
  if (pause === undefined || health === undefined) return false;
  // `updatedAt` moves on even within the millisecond, so no owner's write read before it still holds.
  const paused = { ...endpoint, state: 'paused' as const, pausedBecause: pause, updatedAt: Math.max(deps.now(), endpoint.updatedAt + 1) };
  // Only the sender whose write pauses it tells the owner (another may have paused it meanwhile),
  // and at most once a day: an endpoint that answers 410 and is resumed again and again is no way
  // to send mail.
  if (
    (await deps.webhooks.replaceEndpoint(paused, endpoint.updatedAt)) &&
    (await deps.webhooks.claimPauseNotice(endpoint.id, deps.now()))
  ) {
    const notice = pauseNotice(endpoint, health, pause);
    await deps.mailer.send({ to: endpoint.contact, ...notice, references: [], automatic: true });
  }
  // The rest of this queue fails unsent at its next wake-up, now.
  await deps.wakeups.wake([{ endpointId: head.endpointId, caseId: head.caseId }]);
  return true;
}

/** A wake-up for when the head falls due, unless a live chain of them already covers it. */
async function scheduleWakeUp(head: StoredDelivery, wakeUp: WakeUp, now: number, deps: SenderDeps): Promise<void> {
  const live = head.wakeAt !== undefined && head.wakeAt > now && wakeUp.wake !== head.wakeAt;
  if (live || head.nextAttemptAt === null) return;
  const hop = Math.min(head.nextAttemptAt, now + SENDING.maxHopMs);
  // Sent before it is recorded: a crash in between leaves a spare wake-up, never none.
  await deps.wakeups.wake([{ endpointId: head.endpointId, caseId: head.caseId, wake: hop }], hop - now);
  await deps.webhooks.setWake(head, head.wakeAt, hop);
}

/** The queue's pending deliveries fail unsent (its endpoint is paused), and it needs the sender no more. */
async function skipPending(queue: DeliveryQueueRef, deps: SenderDeps): Promise<void> {
  for (const delivery of await deps.webhooks.deliveryQueue(queue)) {
    if (delivery.state !== 'pending') continue;
    await deps.webhooks.saveDelivery({ ...delivery, state: 'failed', nextAttemptAt: null, skipped: PAUSED }, delivery.attempts.length);
  }
  await deps.webhooks.markQueue(queue, undefined);
}
