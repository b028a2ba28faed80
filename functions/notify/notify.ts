/**
 * The Scheduler target: carries out a deadline's step if, and only if, it is still pending now.
 * It re-reads the ticket (a stale schedule must not page; again before each role), resolves each
 * role to the people on call and pages them (see `page-people.ts`), or, with nobody on call, the
 * role's SNS topic as before; each (deadline, recipient) once under a lease (see `DeliveryLog`).
 * It records the deliveries on the ticket, which re-plans it (the next update reminder) and flows
 * through schedule-sync like every other change. It also flushes a number's held SMS pages
 * (`{ smsFlush: number }`, see `sms-pages.ts`).
 */

import { randomUUID } from 'node:crypto';
import { DomainError } from '#shared/domain-error.ts';
import type { StoredPerson } from '#shared/oncall/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import { type Notice, noticesFor } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { type DeadlineInvocation, RUN_NOW_WITHIN_MS } from '#shared/sla/schedules.ts';
import { firstAcknowledgement } from '#shared/tickets/acknowledge.ts';
import { type Delivery, recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import type { DeliveryLease, DeliveryLog, TicketStore } from '#shared/tickets/ticket-store.ts';
import { deliverOnce, Failures, type PeoplePaging, pagePerson, peopleOnCall } from './page-people.ts';
import { type FlushOutcome, flushSms, type HeldSms, type StillWanted } from './sms-pages.ts';

export { DeliveryHeld } from './page-people.ts';

export interface NotifyDeps {
  readonly store: TicketStore & DeliveryLog;
  /** A role's SNS topic: the page of a role with nobody on call (and every page without `people`). */
  readonly pager: Pager;
  readonly now: () => number;
  /** Waits until an instant (Scheduler may fire up to a minute early within its window). */
  readonly waitUntil: (instant: number) => Promise<void>;
  /** Pages to the people on call; without it every page goes to its role's topic (before on-call). */
  readonly people?: PeoplePaging | undefined;
  /** How a ticket's policy is read (a preset's is compiled in: no I/O); none: the compiled presets alone. */
  readonly policies: PolicyCatalog;
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

export async function performDeadline(input: DeadlineInvocation, deps: NotifyDeps): Promise<NotifyOutcome> {
  let current = await pendingDeadline(input, deps);
  if (typeof current === 'string') return current;
  if (current.deadline.due > deps.now()) {
    await deps.waitUntil(current.deadline.due);
    current = await pendingDeadline(input, deps);
    if (typeof current === 'string') return current;
  }
  const { ticket, deadline } = current;
  const policy = await deps.policies.forTicket(ticket.sla);
  const lease = { owner: randomUUID(), leaseMs: LEASE_MS };
  const notices = noticesFor(ticket, deadline, policy);
  const sent = await deps.store.sentDeliveries(ticket.caseId, deadline.id);
  const resolved =
    deps.people === undefined
      ? undefined
      : await peopleOnCall(
          deps.people,
          notices.map((n) => n.role),
          deadline,
          deps.now(),
        );
  const deliveries: Delivery[] = [];
  // Every role and person is tried even when one failed; the first failure is thrown before recording (Lambda retries).
  const failures = new Failures();
  for (const [i, notice] of notices.entries()) {
    // Re-read before each further role: nothing goes out just after a resolve or an answer.
    if (i > 0 && typeof (await pendingDeadline(input, deps, true)) === 'string') break;
    const people = resolved?.onCall.get(notice.role);
    // A role's topic that got this deadline already (before pages went to people, or nobody was on call) is not paged again.
    if (sent.has(notice.role) || deps.people === undefined || people === undefined) {
      const paged = await failures.attempt(async () => pageTopic(deps, ticket, deadline, notice, sent, lease).then(() => true));
      if (paged === undefined) continue;
      const nobody = deps.people !== undefined && !sent.has(notice.role);
      deliveries.push({
        role: notice.role,
        channels: notice.delivery === 'page' ? ['sms', 'email'] : ['email'],
        ...(nobody && { nobody }),
        ...(nobody && resolved?.unreadable.has(notice.role) && { schedule: 'unreadable' as const }),
      });
      continue;
    }
    for (const person of people) {
      const paged = await failures.attempt(() =>
        pageOne(deps, deps.people as PeoplePaging, { ticket, deadline, notice, person, sent, lease }),
      );
      deliveries.push(...(paged ?? []));
    }
  }
  failures.rethrow();
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

function pageTopic(
  deps: NotifyDeps,
  ticket: Ticket,
  deadline: NonNullable<ReturnType<typeof pendingIn>>,
  notice: Notice,
  sent: ReadonlySet<string>,
  lease: DeliveryLease,
): Promise<void> {
  const delivery = { caseId: ticket.caseId, deadlineId: deadline.id, recipient: notice.role, sent, lease };
  return deliverOnce(deps.store, delivery, () =>
    deps.pager.publish(notice, {
      severity: ticket.severity,
      kind: deadline.kind,
      deadline: deadline.id,
      caseId: ticket.caseId,
      level: deadline.level,
    }),
  );
}

function pageOne(
  deps: NotifyDeps,
  people: PeoplePaging,
  page: { ticket: Ticket; deadline: { id: string }; notice: Notice; person: StoredPerson; sent: ReadonlySet<string>; lease: DeliveryLease },
): Promise<Delivery[]> {
  return pagePerson({ ...people, store: deps.store }, { ...page, now: deps.now() }, stillWantedBy(deps));
}

/** A held SMS page is still wanted while its ticket is open and its page not acknowledged. */
function stillWantedBy(deps: NotifyDeps): StillWanted {
  const tickets = new Map<number, Promise<Ticket | undefined>>();
  return async (page: HeldSms) => {
    let read = tickets.get(page.caseId);
    if (read === undefined) {
      read = deps.store.getTicket(page.caseId);
      tickets.set(page.caseId, read);
    }
    const ticket = await read;
    if (ticket === undefined || ticket.status === 'resolved' || ticket.status === 'closed') return false;
    return firstAcknowledgement(ticket, page.deadline) === undefined;
  };
}

/** A flush schedule fired: sends a number's held pages that are still wanted (see `sms-pages.ts`). */
export async function flushHeldSms(number: string, deps: NotifyDeps): Promise<FlushOutcome> {
  if (deps.people === undefined) return { sent: [], dropped: [] };
  return flushSms(deps.people, number, deps.now(), stillWantedBy(deps));
}
