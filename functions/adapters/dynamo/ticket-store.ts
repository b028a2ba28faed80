/**
 * The DynamoDB adapter of the `TicketStore` and `DeliveryLog` ports: one object over the single
 * table that hands each call to the module responsible for it.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Org } from '#shared/tickets/org.ts';
import type { Ticket, TicketChange } from '#shared/tickets/ticket.ts';
import type {
  DeliveryLease,
  DeliveryLog,
  IdempotentResponse,
  ListOptions,
  Membership,
  Page,
  TicketStore,
  TimelineOptions,
  TimelinePage,
} from '#shared/tickets/ticket-store.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import { DynamoCaseIds } from './case-ids.ts';
import { DynamoDeliveryLog } from './deliveries.ts';
import { DynamoIdempotency } from './idempotency.ts';
import { getMember, putMember, removeMember } from './members.ts';
import { DynamoOrgs } from './orgs.ts';
import type { TableContext } from './table.ts';
import { DynamoTicketLists } from './ticket-lists.ts';
import { DynamoTickets } from './tickets.ts';
import { DynamoTimeline } from './timeline.ts';

export class DynamoTicketStore implements TicketStore, DeliveryLog {
  private readonly at: TableContext;
  private readonly caseIds: DynamoCaseIds;
  private readonly tickets: DynamoTickets;
  private readonly timeline: DynamoTimeline;
  private readonly lists: DynamoTicketLists;
  private readonly orgs: DynamoOrgs;
  private readonly idempotency: DynamoIdempotency;
  private readonly deliveries: DynamoDeliveryLog;

  constructor(client: DynamoDBDocumentClient, table: string, clock: () => number = Date.now) {
    this.at = { client, table, clock };
    this.idempotency = new DynamoIdempotency(this.at);
    this.caseIds = new DynamoCaseIds(this.at);
    this.tickets = new DynamoTickets(this.at, this.idempotency);
    this.timeline = new DynamoTimeline(this.at);
    this.lists = new DynamoTicketLists(this.at, this.caseIds);
    this.orgs = new DynamoOrgs(this.at, this.idempotency);
    this.deliveries = new DynamoDeliveryLog(this.at);
  }

  // ── tickets ─────────────────────────────────────────────────────────────────────────────────
  nextCaseId = (): Promise<number> => this.caseIds.next();
  createTicket = (change: TicketChange, idempotent?: IdempotentResponse): Promise<void> => this.tickets.create(change, idempotent);
  saveTicket = (change: TicketChange, expectedVersion: number, idempotent?: IdempotentResponse): Promise<void> =>
    this.tickets.save(change, expectedVersion, idempotent);
  getTicket = (caseId: number): Promise<Ticket | undefined> => this.tickets.get(caseId);
  getTicketWithTimeline = (caseId: number): Promise<{ ticket: Ticket; timeline: TimelineEntry[] } | undefined> =>
    this.timeline.whole(caseId);
  timelinePage = (caseId: number, options: TimelineOptions): Promise<TimelinePage | undefined> => this.timeline.page(caseId, options);
  listOrgTickets = (org: string, options: ListOptions): Promise<Page<Ticket>> => this.lists.byOrg(org, options);
  listAllTickets = (options: ListOptions): Promise<Page<Ticket>> => this.lists.all(options);
  queue = (policyId: string, options: { cursor?: string | undefined; limit: number }): Promise<Page<Ticket>> =>
    this.lists.queue(policyId, options);

  // ── organisations and their e-mail domains ──────────────────────────────────────────────────
  getOrg = (id: string, options?: { maxAgeMs?: number }): Promise<Org | undefined> => this.orgs.get(id, options);
  orgForEmailDomain = (domain: string): Promise<Org | undefined> => this.orgs.forEmailDomain(domain);
  listOrgs = (options: { cursor?: string | undefined; limit: number }): Promise<Page<Org>> => this.orgs.list(options);
  putOrg = (org: Org, options: { mustBeNew: true } | { replaces: Org | undefined }, idempotent?: IdempotentResponse): Promise<void> =>
    this.orgs.put(org, options, idempotent);

  // ── memberships ─────────────────────────────────────────────────────────────────────────────
  getMember = (sub: string): Promise<Membership | undefined> => getMember(this.at.client, this.at.table, sub);
  putMember = (member: Membership): Promise<Membership | undefined> => putMember(this.at.client, this.at.table, member);
  removeMember = (sub: string, org: string): Promise<boolean> => removeMember(this.at.client, this.at.table, sub, org);

  // ── idempotency records ─────────────────────────────────────────────────────────────────────
  getIdempotentResponse = (scope: IdempotentResponse['scope']): Promise<IdempotentResponse | undefined> => this.idempotency.get(scope);
  rememberResponse = (record: IdempotentResponse): Promise<boolean> => this.idempotency.remember(record);

  // ── the delivery log ────────────────────────────────────────────────────────────────────────
  claimDelivery = (caseId: number, deadlineId: string, recipient: string, lease: DeliveryLease): Promise<'claimed' | 'sent' | 'held'> =>
    this.deliveries.claimDelivery(caseId, deadlineId, recipient, lease);
  markDelivered = (caseId: number, deadlineId: string, recipient: string, owner: string): Promise<boolean> =>
    this.deliveries.markDelivered(caseId, deadlineId, recipient, owner);
  releaseDelivery = (caseId: number, deadlineId: string, recipient: string, owner: string): Promise<void> =>
    this.deliveries.releaseDelivery(caseId, deadlineId, recipient, owner);
  sentDeliveries = (caseId: number, deadlineId: string): Promise<ReadonlySet<string>> => this.deliveries.sentDeliveries(caseId, deadlineId);
}
