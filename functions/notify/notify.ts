/**
 * The Scheduler target: carries out a deadline's step if, and only if, it is still pending now.
 * It re-reads the ticket (a stale schedule must not page; again before each role), sends each
 * (deadline, role) once under a lease (see `DeliveryLog`), and
 * records the deliveries on the ticket, which re-plans it (the next update reminder) and flows
 * through schedule-sync like every other change.
 */

import { randomUUID } from 'node:crypto';
import { DomainError } from '#shared/domain-error.ts';
import { policyOf } from '#shared/policies/presets.ts';
import { noticesFor } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { type DeadlineInvocation, RUN_NOW_WITHIN_MS } from '#shared/sla/schedules.ts';
import { recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import type { DeliveryLog, TicketStore } from '#shared/tickets/ticket-store.ts';

export interface NotifyDeps {
  readonly store: TicketStore & DeliveryLog;
  readonly pager: Pager;
  readonly now: () => number;
  /** Waits until an instant (Scheduler may fire up to a minute early within its window). */
  readonly waitUntil: (instant: number) => Promise<void>;
}

export type NotifyOutcome = 'delivered' | 'not-pending' | 'not-due' | 'no-ticket';

const RECORD_ATTEMPTS = 5;

/**
 * How long a run holds a delivery between claiming it and marking it sent (one SNS publish with
 * the SDK's retries takes seconds). Shorter than Lambda's first async retry delay (1 min), so the
 * retry of a run that died holding a lease finds it expired; a run that fails to publish gives it
 * back at once.
 */
export const LEASE_MS = 50_000;

/**
 * Another run is sending this delivery right now. Failing makes Lambda retry the invocation
 * later (async retries, then the on-failure destination): by then it is sent or the lease ran out.
 */
export class DeliveryHeld extends Error {
  constructor(caseId: number, deadlineId: string, role: string) {
    super(`case ${caseId} ${deadlineId} → ${role}: another run holds the delivery; retry later`);
    this.name = 'DeliveryHeld';
  }
}

export async function performDeadline(input: DeadlineInvocation, deps: NotifyDeps): Promise<NotifyOutcome> {
  let current = await pendingDeadline(input, deps);
  if (typeof current === 'string') return current;
  if (current.deadline.due > deps.now()) {
    await deps.waitUntil(current.deadline.due);
    current = await pendingDeadline(input, deps);
    if (typeof current === 'string') return current;
  }
  const { ticket, deadline } = current;
  const policy = policyOf(ticket.sla);
  const lease = { owner: randomUUID(), leaseMs: LEASE_MS };
  const deliveries: Array<{ role: string; channels: string[] }> = [];
  for (const [i, notice] of noticesFor(ticket, deadline, policy).entries()) {
    // Re-read before each further role: nothing goes out just after a resolve or an answer.
    if (i > 0 && typeof (await pendingDeadline(input, deps, true)) === 'string') break;
    const claim = await deps.store.claimDelivery(ticket.caseId, deadline.id, notice.role, lease);
    if (claim === 'held') throw new DeliveryHeld(ticket.caseId, deadline.id, notice.role);
    if (claim === 'claimed') {
      try {
        await deps.pager.publish(notice, {
          severity: ticket.severity,
          kind: deadline.kind,
          deadline: deadline.id,
          caseId: ticket.caseId,
          level: deadline.level,
        });
      } catch (error) {
        await deps.store.releaseDelivery(ticket.caseId, deadline.id, notice.role, lease.owner);
        throw error;
      }
      // `false`: our lease ran out and another run took it over; it sends (or sent) the same page.
      await deps.store.markDelivered(ticket.caseId, deadline.id, notice.role, lease.owner);
    }
    deliveries.push({ role: notice.role, channels: notice.delivery === 'page' ? ['sms', 'email'] : ['email'] });
  }
  for (let attempt = 1; ; attempt++) {
    const latest = await deps.store.getTicket(input.caseId);
    if (latest === undefined) return 'delivered';
    const stillPending = pendingIn(latest, deadline.id);
    if (stillPending === undefined && deliveries.length === 0) return 'delivered';
    // Answered (or resolved, re-planned) while we paged: the pages that went out stay on the timeline.
    const change =
      stillPending === undefined
        ? recordNotified(latest, policy, deadline, deliveries, deps.now(), { stopped: true })
        : recordNotified(latest, policy, stillPending, deliveries, deps.now());
    try {
      await deps.store.saveTicket(change, latest.version);
      return 'delivered';
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= RECORD_ATTEMPTS) throw error;
    }
  }
}

async function pendingDeadline(input: DeadlineInvocation, deps: NotifyDeps, anyDue = false) {
  const ticket = await deps.store.getTicket(input.caseId);
  if (ticket === undefined) return 'no-ticket' as const;
  const deadline = pendingIn(ticket, input.deadlineId);
  if (deadline === undefined) return 'not-pending' as const;
  // A schedule for a deadline that has since moved later (a pause, a severity change) must not fire it early.
  if (!anyDue && deadline.due > deps.now() + RUN_NOW_WITHIN_MS) return 'not-due' as const;
  return { ticket, deadline };
}

function pendingIn(ticket: Ticket, deadlineId: string) {
  const deadline = ticket.deadlines.find((d) => d.id === deadlineId);
  return deadline?.state === 'pending' && deadline.due !== null ? { ...deadline, due: deadline.due } : undefined;
}
