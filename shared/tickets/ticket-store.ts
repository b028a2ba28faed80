/** The port through which ticket operations are persisted. The DynamoDB adapter lives in `functions/lib`. */

import type { Org } from './org.ts';
import type { Ticket, TicketChange, TimelineEntry } from './ticket.ts';

/** The first response to a request that carried an `Idempotency-Key`, kept for 24 h. */
export interface IdempotentResponse {
  readonly scope: { readonly principal: string; readonly route: string; readonly key: string };
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string | undefined;
}

export interface ListOptions {
  readonly status?: Ticket['status'] | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/** How stale an organisation may be when a ticket is opened for it: plan changes reach new tickets within this. */
export const ORG_MAX_AGE_MS = 30_000;

export interface TicketStore {
  /** The next case id; ids only ever increase (a failed create may leave a gap). */
  nextCaseId(): Promise<number>;
  /** Writes a new ticket, its first timeline entries and (optionally) the idempotent response, all or nothing. */
  createTicket(change: TicketChange, idempotent?: IdempotentResponse): Promise<void>;
  /** Writes a changed ticket if nobody else changed it since `expectedVersion`; throws `version_conflict` otherwise. */
  saveTicket(change: TicketChange, expectedVersion: number, idempotent?: IdempotentResponse): Promise<void>;
  /** The ticket alone (no timeline), as of the last write. */
  getTicket(caseId: number): Promise<Ticket | undefined>;
  /** The ticket with its whole timeline, oldest entry first. */
  getTicketWithTimeline(caseId: number): Promise<{ ticket: Ticket; timeline: TimelineEntry[] } | undefined>;
  listOrgTickets(org: string, options: ListOptions): Promise<Page<Ticket>>;
  listAllTickets(options: ListOptions): Promise<Page<Ticket>>;
  /** Open tickets of one policy in its work order. */
  queue(policyId: string, options: { cursor?: string | undefined; limit: number }): Promise<Page<Ticket>>;
  /** With `maxAgeMs`, a copy this process read or wrote at most that long ago will do. */
  getOrg(id: string, options?: { maxAgeMs?: number }): Promise<Org | undefined>;
  /** The organisation whose `emailDomains` include this domain. */
  orgForEmailDomain(domain: string): Promise<Org | undefined>;
  /**
   * Creates an org (`mustBeNew`: a second create fails with `conflict`) or replaces the one the
   * caller read (`replaces`; the e-mail domains it no longer lists are released).
   */
  putOrg(org: Org, options: { mustBeNew: true } | { replaces: Org | undefined }, idempotent?: IdempotentResponse): Promise<void>;
  getIdempotentResponse(scope: IdempotentResponse['scope']): Promise<IdempotentResponse | undefined>;
  /** Stores a response on its own (no other write goes with it); `false` if one was stored first. */
  rememberResponse(record: IdempotentResponse): Promise<boolean>;
}

/** Raised when a concurrent request with the same idempotency key won the race. */
export class IdempotencyRace extends Error {
  constructor() {
    super('a request with the same idempotency key was stored first');
    this.name = 'IdempotencyRace';
  }
}

/**
 * Each (ticket, deadline, role) is delivered once: a run takes a lease on the delivery before it
 * publishes and marks it sent while it still holds the lease. A lease that ran out (its holder
 * crashed or timed out) may be taken over; one still held by another run may not.
 */
export interface DeliveryLog {
  /**
   * `claimed`: this run (`owner`) holds the lease until `leaseMs` from now and may publish;
   * `sent`: done already; `held`: another run holds a live lease (try again later).
   */
  claimDelivery(caseId: number, deadlineId: string, role: string, lease: DeliveryLease): Promise<'claimed' | 'sent' | 'held'>;
  /** Marks it sent if `owner` still holds it; `false` if another run took the lease over meanwhile. */
  markDelivered(caseId: number, deadlineId: string, role: string, owner: string): Promise<boolean>;
  /** Gives a lease back after a failed publish, so the next attempt need not wait for it to run out. */
  releaseDelivery(caseId: number, deadlineId: string, role: string, owner: string): Promise<void>;
}

export interface DeliveryLease {
  /** Unique per notify run. */
  readonly owner: string;
  readonly leaseMs: number;
}
