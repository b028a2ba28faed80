/**
 * Acknowledging or resolving a paged ticket outside the signed-in API: an SMS reply, a signed ack
 * link, or the console on the person's behalf. Each is a read-change-write of the ticket with its
 * version as the condition, retried when another writer got there first (notify recording a page,
 * an agent's edit).
 */

import { DomainError } from '#shared/domain-error.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { type AcknowledgedEvent, acknowledge, firstAcknowledgement } from '#shared/tickets/acknowledge.ts';
import { type Ticket, type TicketChange, updateTicket } from '#shared/tickets/ticket.ts';
import type { AckChannel } from '#shared/tickets/ticket-event.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';

const WRITE_ATTEMPTS = 5;

export type PageAck =
  /** This call acknowledged the page (`first` is its event). */
  | { readonly kind: 'acknowledged'; readonly ticket: Ticket; readonly first: AcknowledgedEvent }
  /** Someone had already: `first` is their acknowledgement, nothing was written. */
  | { readonly kind: 'already-acknowledged'; readonly ticket: Ticket; readonly first: AcknowledgedEvent }
  /** Resolved or closed: there is no page left to acknowledge. */
  | { readonly kind: 'closed'; readonly ticket: Ticket }
  | { readonly kind: 'no-ticket' };

export type TicketResolution =
  | { readonly kind: 'resolved'; readonly ticket: Ticket }
  | { readonly kind: 'closed'; readonly ticket: Ticket }
  | { readonly kind: 'no-ticket' };

export interface PageAnswer {
  readonly caseId: number;
  /** The deadline whose page is answered. */
  readonly deadline: string;
  /** The person's id. */
  readonly by: string;
}

export async function acknowledgePage(
  store: TicketStore,
  answer: PageAnswer,
  via: AckChannel,
  now: () => number,
  policies: PolicyCatalog,
): Promise<PageAck> {
  return writeWithRetry(store, policies, answer.caseId, (ticket, policy): { result: PageAck; change?: TicketChange } => {
    if (ticket === undefined || policy === undefined) return { result: { kind: 'no-ticket' } };
    if (isClosed(ticket)) return { result: { kind: 'closed', ticket } };
    const changed = acknowledge(ticket, policy, { deadline: answer.deadline, by: answer.by, via }, now());
    if (changed.first !== undefined) return { result: { kind: 'already-acknowledged', ticket, first: changed.first } };
    const first = firstAcknowledgement(changed.ticket, answer.deadline) as AcknowledgedEvent;
    return { result: { kind: 'acknowledged', ticket: changed.ticket, first }, change: changed };
  });
}

/** Resolves the ticket as the person (staff); the caller has checked that they may. */
export async function resolveTicket(
  store: TicketStore,
  caseId: number,
  by: string,
  now: () => number,
  policies: PolicyCatalog,
): Promise<TicketResolution> {
  return writeWithRetry(store, policies, caseId, (ticket, policy): { result: TicketResolution; change?: TicketChange } => {
    if (ticket === undefined || policy === undefined) return { result: { kind: 'no-ticket' } };
    if (isClosed(ticket)) return { result: { kind: 'closed', ticket } };
    const changed = updateTicket(ticket, policy, { status: 'resolved' }, { kind: 'staff', id: by }, now());
    return { result: { kind: 'resolved', ticket: changed.ticket }, change: changed };
  });
}

function isClosed(ticket: Ticket): boolean {
  return ticket.status === 'resolved' || ticket.status === 'closed';
}

async function writeWithRetry<R>(
  store: TicketStore,
  policies: PolicyCatalog,
  caseId: number,
  decide: (ticket: Ticket | undefined, policy: Policy | undefined) => { result: R; change?: TicketChange | undefined },
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const ticket = await store.getTicket(caseId);
    // The ticket's policy (a stored version is read once per process).
    const policy = ticket === undefined ? undefined : await policies.forTicket(ticket.sla);
    const { result, change } = decide(ticket, policy);
    if (ticket === undefined || change === undefined || change.entries.length === 0) return result;
    try {
      await store.saveTicket(change, ticket.version);
      return result;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
