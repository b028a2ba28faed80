/** The port through which ticket operations are persisted. The DynamoDB adapter lives in `functions/adapters/dynamo/`. */

import type { Org } from './org.ts';
import type { Ticket, TicketChange } from './ticket.ts';
import type { TimelineEntry } from './timeline.ts';

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
  /** Where the list resumes after each item (`after[i]` continues after `items[i]`), where the store can tell. */
  readonly after?: readonly string[];
}

export interface ListOptions {
  readonly status?: Ticket['status'] | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

export interface TimelineOptions {
  readonly before?: number | undefined;
  readonly limit: number;
  readonly publicOnly: boolean;
}

export interface TimelinePage {
  readonly ticket: Ticket;
  readonly entries: readonly TimelineEntry[];
  /** Older entries remain: the next page is the one before this seq. */
  readonly before?: number | undefined;
}

/** Which organisation a signed-in user (Cognito `sub`) belongs to; set by administrators. */
export interface Membership {
  readonly sub: string;
  readonly org: string;
  readonly updatedAt: number;
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
  /** The ticket with its whole timeline, oldest entry first (audits and tests; the API pages with `timelinePage`). */
  getTicketWithTimeline(caseId: number): Promise<{ ticket: Ticket; timeline: TimelineEntry[] } | undefined>;
  /**
   * The ticket and one page of its timeline, newest entry first: up to `limit` entries older than
   * `before` (a seq; none: the newest). Customers' pages leave internal notes out, so a page may
   * hold fewer than `limit`, even none, and still have older entries after it.
   */
  timelinePage(caseId: number, options: TimelineOptions): Promise<TimelinePage | undefined>;
  listOrgTickets(org: string, options: ListOptions): Promise<Page<Ticket>>;
  listAllTickets(options: ListOptions): Promise<Page<Ticket>>;
  /** Open tickets of one policy in its work order. */
  queue(policyId: string, options: { cursor?: string | undefined; limit: number }): Promise<Page<Ticket>>;
  /** With `maxAgeMs`, a copy this process read or wrote at most that long ago will do. */
  getOrg(id: string, options?: { maxAgeMs?: number }): Promise<Org | undefined>;
  /** Every organisation, by id, a page at a time. */
  listOrgs(options: { cursor?: string | undefined; limit: number }): Promise<Page<Org>>;
  /** The organisation whose `emailDomains` include this domain. */
  orgForEmailDomain(domain: string): Promise<Org | undefined>;
  /**
   * Creates an org (`mustBeNew`: a second create fails with `conflict`) or replaces the one the
   * caller read (`replaces`; the e-mail domains it no longer lists are released).
   */
  putOrg(org: Org, options: { mustBeNew: true } | { replaces: Org | undefined }, idempotent?: IdempotentResponse): Promise<void>;
  getMember(sub: string): Promise<Membership | undefined>;
  /** Sets a user's organisation (one at a time); returns the membership it replaced. */
  putMember(member: Membership): Promise<Membership | undefined>;
  /** `false` when the user is not a member of `org`. */
  removeMember(sub: string, org: string): Promise<boolean>;
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
 * Each (ticket, deadline, recipient) is delivered once: a run takes a lease on the delivery before
 * it publishes and marks it sent while it still holds the lease. A lease that ran out (its holder
 * crashed or timed out) may be taken over; one still held by another run may not. A recipient is
 * a role's topic (the role id, the only kind before pages went to people) or one channel of one
 * person (`deliveryRecipient`).
 */
export interface DeliveryLog {
  /**
   * `claimed`: this run (`owner`) holds the lease until `leaseMs` from now and may publish;
   * `sent`: done already; `held`: another run holds a live lease (try again later).
   */
  claimDelivery(caseId: number, deadlineId: string, recipient: string, lease: DeliveryLease): Promise<'claimed' | 'sent' | 'held'>;
  /** Marks it sent if `owner` still holds it; `false` if another run took the lease over meanwhile. */
  markDelivered(caseId: number, deadlineId: string, recipient: string, owner: string): Promise<boolean>;
  /** Gives a lease back after a failed publish, so the next attempt need not wait for it to run out. */
  releaseDelivery(caseId: number, deadlineId: string, recipient: string, owner: string): Promise<void>;
  /** The recipients a deadline was delivered to already (one read), role topics and people alike. */
  sentDeliveries(caseId: number, deadlineId: string): Promise<ReadonlySet<string>>;
}

/**
 * The delivery-log recipient of one channel of a person: `@ana-lima#sms#+4915112345678`,
 * `@ana-lima#email`. Role ids never start with `@`, so it cannot be mistaken for a role's topic.
 */
export function deliveryRecipient(
  person: string,
  channel: { readonly kind: 'sms'; readonly number: string } | { readonly kind: 'email' },
): string {
  return channel.kind === 'sms' ? `@${person}#sms#${channel.number}` : `@${person}#email`;
}

export interface DeliveryLease {
  /** Unique per notify run. */
  readonly owner: string;
  readonly leaseMs: number;
}
