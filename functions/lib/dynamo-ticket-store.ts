/** The DynamoDB adapter of the ticket store: one table, conditional creates, versioned updates, atomic transactions. */

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#shared/domain-error.ts';
import type { Org } from '#shared/tickets/org.ts';
import { nextDue, type Ticket, type TicketChange, type TimelineEntry } from '#shared/tickets/ticket.ts';
import {
  type DeliveryLease,
  type DeliveryLog,
  IdempotencyRace,
  type IdempotentResponse,
  type ListOptions,
  type Membership,
  ORG_MAX_AGE_MS,
  type Page,
  type TicketStore,
  type TimelineOptions,
  type TimelinePage,
} from '#shared/tickets/ticket-store.ts';
import { getMember, putMember, removeMember } from './dynamo-members.ts';
import { idempotencyItem, openingEntries, orgItem, ticketItem, timelineItem } from './stored-items.ts';
import { FIRST_CASE_ID, keys, TABLE_DESIGN } from './table-design.ts';

const IDEMPOTENCY_TTL_S = 24 * 60 * 60;
/** Delivery records outlive any retry or redrive of their deadline by far. */
const DELIVERY_TTL_S = 30 * 24 * 60 * 60;
/** Ticket attributes that may disappear in an update: the queue and due keys (resolved, closed, nothing pending) and optional fields. */
const REMOVABLE = ['QPK', 'QSK', 'DPK', 'DSK', 'assignee', 'category'] as const;
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export class DynamoTicketStore implements TicketStore, DeliveryLog {
  /** Organisations as last read or written by this process (see `getOrg`'s `maxAgeMs`). */
  private readonly orgs = new Map<string, { org: Org; readAt: number }>();
  /** Callers waiting for a case id, and whether an `ADD` on the counter is on its way (see `nextCaseId`). */
  private readonly idRequests: { resolve: (caseId: number) => void; reject: (error: unknown) => void }[] = [];
  private allocating = false;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Case ids come from one atomic counter, so they increase in the order the counter's writes
   * land, whichever process makes them. Requests that ask while an `ADD` is on its way share the
   * next one: `ADD n` hands them n consecutive ids, in the order they asked. A Lambda instance
   * serves one request at a time and so always adds 1; a process serving many requests (the local
   * stack) saves a write per waiting request. Ids are never reserved ahead of a request. Gaps come
   * from failures, as before, except that a shared write that fails after it was applied leaves n
   * ids unused, not 1.
   */
  nextCaseId(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.idRequests.push({ resolve, reject });
      if (!this.allocating) void this.allocateCaseIds();
    });
  }

  private async allocateCaseIds(): Promise<void> {
    this.allocating = true;
    while (this.idRequests.length > 0) {
      const waiting = this.idRequests.splice(0);
      try {
        // `ADD` creates the counter on first use; case ids count on from `FIRST_CASE_ID`.
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.caseIdCounter(),
            UpdateExpression: 'ADD #issued :n',
            ExpressionAttributeNames: { '#issued': 'issued' },
            ExpressionAttributeValues: { ':n': waiting.length },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        const first = FIRST_CASE_ID + Number(Attributes?.issued) - waiting.length;
        for (const [i, request] of waiting.entries()) request.resolve(first + i);
      } catch (error) {
        for (const request of waiting) request.reject(error);
      }
    }
    this.allocating = false;
  }

  /**
   * The opening timeline entries live inside the ticket item, so a new ticket and its first
   * events are one conditional PutItem; only an idempotency record makes it a transaction.
   */
  async createTicket(change: TicketChange, idempotent?: IdempotentResponse): Promise<void> {
    const put = {
      TableName: this.table,
      Item: { ...this.ticketToItem(change.ticket), openingEntries: change.entries },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    if (idempotent === undefined) {
      try {
        await this.client.send(new PutCommand(put));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // The SDK retries a write whose response was lost; the retry then meets our own ticket.
        const existing = await this.getTicket(change.ticket.caseId);
        const mine =
          existing?.createdAt === change.ticket.createdAt &&
          existing?.requester === change.ticket.requester &&
          existing?.version === change.ticket.version;
        if (!mine) throw new DomainError('version_conflict', `case ${change.ticket.caseId} already exists`);
      }
      return;
    }
    await this.transact([{ Put: put }, ...this.idempotencyPut(idempotent)]);
  }

  /** An update, not a put: it keeps the opening entries and removes the queue keys of a ticket that left the queue. */
  async saveTicket(change: TicketChange, expectedVersion: number, idempotent?: IdempotentResponse): Promise<void> {
    const { PK, SK, ...item } = this.ticketToItem(change.ticket);
    const attributes = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const sets = Object.entries(attributes).map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
    const removes = REMOVABLE.filter((name) => !(name in attributes)).map((name, i) => {
      names[`#r${i}`] = name;
      return `#r${i}`;
    });
    await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: { PK, SK },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      ...this.entryPuts(change),
      ...this.idempotencyPut(idempotent),
    ]);
  }

  /** The ticket item alone, read consistently: all a read-modify-write needs. */
  async getTicket(caseId: number): Promise<Ticket | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: keys.ticket(caseId), ConsistentRead: true }));
    return Item === undefined ? undefined : ticketItem().parse(Item);
  }

  /**
   * The ticket and its timeline in one Query over the sort keys `EVENT#…` to `TICKET`; the
   * partition's delivery records (`DELIVERY#…`) sort before that range and are not read.
   */
  async getTicketWithTimeline(caseId: number): Promise<{ ticket: Ticket; timeline: TimelineEntry[] } | undefined> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :ticket',
          ExpressionAttributeValues: {
            ':pk': keys.ticketPartition(caseId),
            ':first': keys.timelinePrefix,
            ':ticket': keys.ticket(caseId).SK,
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    const ticket = items.find((item) => item.SK === keys.ticket(caseId).SK);
    if (ticket === undefined) return undefined;
    const later = items.filter((item) => String(item.SK).startsWith(keys.timelinePrefix));
    const timeline = [...openingEntries().parse(ticket.openingEntries ?? []), ...later.map((item) => timelineItem().parse(item))];
    return { ticket: ticketItem().parse(ticket), timeline };
  }

  /**
   * One Query, newest first, over `EVENT#…` up to the ticket item (first page) or up to the
   * entry before `before`; the opening entries inside the ticket item come last, on the page that
   * reaches the start. A later page reads the ticket item alongside.
   */
  async timelinePage(caseId: number, options: TimelineOptions): Promise<TimelinePage | undefined> {
    const first = options.before === undefined;
    const upper = first ? keys.ticket(caseId).SK : keys.timelineEntry(caseId, Math.max(0, (options.before as number) - 1)).SK;
    const [page, got] = await Promise.all([
      this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :upper',
          ExpressionAttributeValues: {
            ':pk': keys.ticketPartition(caseId),
            ':first': keys.timelinePrefix,
            ':upper': upper,
            ...(options.publicOnly && { ':true': true }),
          },
          // Customers: no internal notes (a comparison with a missing attribute is false, hence attribute_not_exists).
          ...(options.publicOnly && {
            FilterExpression: 'attribute_not_exists(#public) OR #public = :true',
            ExpressionAttributeNames: { '#public': 'public' },
          }),
          ScanIndexForward: false,
          Limit: options.limit + (first ? 1 : 0),
          ConsistentRead: true,
        }),
      ),
      first ? undefined : this.client.send(new GetCommand({ TableName: this.table, Key: keys.ticket(caseId), ConsistentRead: true })),
    ]);
    const items = page.Items ?? [];
    const raw = first ? items.find((item) => item.SK === keys.ticket(caseId).SK) : got?.Item;
    if (raw === undefined) return undefined;
    const entries = items.filter((item) => item.SK !== keys.ticket(caseId).SK).map((item) => timelineItem().parse(item));
    const last = page.LastEvaluatedKey?.SK;
    const more = typeof last === 'string' && last.startsWith(keys.timelinePrefix);
    const opening = more
      ? []
      : openingEntries()
          .parse(raw.openingEntries ?? [])
          .filter((entry) => entry.seq < (options.before ?? Number.POSITIVE_INFINITY) && !(options.publicOnly && entry.public === false))
          .reverse();
    const before = more ? Number(last.slice(keys.timelinePrefix.length)) : undefined;
    return { ticket: ticketItem().parse(raw), entries: [...entries, ...opening], before };
  }

  async listOrgTickets(org: string, options: ListOptions): Promise<Page<Ticket>> {
    return this.queryIndex('byOrg', keys.byOrgPartition(org), { ...options, newestFirst: true });
  }

  /** Walks case ids downwards from the newest: no index needed, at most `limit × 4` keys read per page. */
  async listAllTickets(options: ListOptions): Promise<Page<Ticket>> {
    // A cursor here is the next case id to read, as this method wrote it: decimal digits only.
    if (options.cursor !== undefined && !CASE_ID_CURSOR.test(options.cursor)) throw badCursor();
    let next = options.cursor === undefined ? await this.latestCaseId() : Number(options.cursor);
    const items: Ticket[] = [];
    let budget = options.limit * 4;
    while (next >= FIRST_CASE_ID && items.length < options.limit && budget > 0) {
      const ids: number[] = [];
      for (let id = next; id >= FIRST_CASE_ID && ids.length < Math.min(100, budget); id--) ids.push(id);
      budget -= ids.length;
      const found = await this.batchGetTickets(ids);
      for (const id of ids) {
        next = id - 1;
        const ticket = found.get(id);
        if (ticket === undefined || (options.status !== undefined && ticket.status !== options.status)) continue;
        items.push(ticket);
        if (items.length === options.limit) break;
      }
    }
    return { items, cursor: next >= FIRST_CASE_ID ? String(next) : undefined };
  }

  async queue(policyId: string, options: { cursor?: string | undefined; limit: number }): Promise<Page<Ticket>> {
    return this.queryIndex('queue', keys.queuePartition(policyId), { ...options, newestFirst: false });
  }

  async getOrg(id: string, options: { maxAgeMs?: number } = {}): Promise<Org | undefined> {
    const cached = this.orgs.get(id);
    if (cached !== undefined && options.maxAgeMs !== undefined && this.clock() - cached.readAt <= options.maxAgeMs) return cached.org;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: keys.org(id), ConsistentRead: true }));
    const org = Item === undefined ? undefined : orgItem().parse(Item);
    if (org === undefined) this.orgs.delete(id);
    else this.orgs.set(id, { org, readAt: this.clock() });
    return org;
  }

  async orgForEmailDomain(domain: string): Promise<Org | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: keys.emailDomain(domain.toLowerCase()) }));
    return typeof Item?.org === 'string' ? this.getOrg(Item.org, { maxAgeMs: ORG_MAX_AGE_MS }) : undefined;
  }

  /** The org and its domain entries in one transaction; a domain another org owns is a conflict. */
  async putOrg(org: Org, options: { mustBeNew: true } | { replaces: Org | undefined }, idempotent?: IdempotentResponse): Promise<void> {
    const mustBeNew = 'mustBeNew' in options;
    const previous = mustBeNew ? undefined : options.replaces;
    const dropped = (previous?.emailDomains ?? []).filter((domain) => !org.emailDomains.includes(domain));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.org(org.id), itemType: 'org', ...org },
          ...(mustBeNew && { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      },
      ...org.emailDomains.map(
        (domain): TransactItem => ({
          Put: {
            TableName: this.table,
            Item: { ...keys.emailDomain(domain), itemType: 'domain', org: org.id },
            ConditionExpression: 'attribute_not_exists(PK) OR org = :org',
            ExpressionAttributeValues: { ':org': org.id },
          },
        }),
      ),
      ...dropped.map((domain): TransactItem => ({ Delete: { TableName: this.table, Key: keys.emailDomain(domain) } })),
      ...this.idempotencyPut(idempotent),
    ];
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      this.orgs.set(org.id, { org, readAt: this.clock() });
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      // The same request stored first wins over every other reason (its response is replayed).
      if (idempotent !== undefined && reasons.at(-1)?.Code === 'ConditionalCheckFailed') throw new IdempotencyRace();
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new DomainError('conflict', `organisation "${org.id}" already exists`);
      const taken = org.emailDomains.filter((_, i) => reasons[i + 1]?.Code === 'ConditionalCheckFailed');
      if (taken.length > 0) throw new DomainError('conflict', `e-mail domain ${taken.join(', ')} belongs to another organisation`);
      throw error;
    }
  }

  async getIdempotentResponse(scope: IdempotentResponse['scope']): Promise<IdempotentResponse | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.idempotency(scope.principal, scope.route, scope.key), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const record = idempotencyItem().parse(Item);
    // TTL deletion is lazy (up to days late): an expired record no longer counts.
    return record.expiresAt * 1000 <= this.clock() ? undefined : record;
  }

  /**
   * A lease on the delivery: taken if nobody holds it, if its holder's lease ran out, or if it is
   * ours already (the SDK retried a claim whose answer was lost). Older records (`state:
   * 'claimed'` without a lease, before leases) count as expired. Records expire after 30 days (TTL).
   */
  async claimDelivery(caseId: number, deadlineId: string, role: string, lease: DeliveryLease): Promise<'claimed' | 'sent' | 'held'> {
    const key = keys.delivery(caseId, deadlineId, role);
    const now = this.clock();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression:
            'SET itemType = :type, #state = :claimed, #owner = :owner, leaseUntil = :until, claimedAt = :now, expiresAt = :ttl',
          ConditionExpression:
            'attribute_not_exists(PK) OR (#state <> :sent AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR #owner = :owner))',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':type': 'delivery',
            ':claimed': 'claimed',
            ':sent': 'sent',
            ':owner': lease.owner,
            ':until': now + lease.leaseMs,
            ':now': now,
            ':ttl': Math.floor(now / 1000) + DELIVERY_TTL_S,
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return Item?.state === 'sent' ? 'sent' : 'held';
  }

  async markDelivered(caseId: number, deadlineId: string, role: string, owner: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.delivery(caseId, deadlineId, role),
          UpdateExpression: 'SET #state = :sent, sentAt = :now',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: { ':sent': 'sent', ':now': this.clock(), ':owner': owner },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseDelivery(caseId: number, deadlineId: string, role: string, owner: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.delivery(caseId, deadlineId, role),
          UpdateExpression: 'SET leaseUntil = :zero',
          ConditionExpression: '#owner = :owner AND #state <> :sent',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: { ':zero': 0, ':owner': owner, ':sent': 'sent' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async rememberResponse(record: IdempotentResponse): Promise<boolean> {
    try {
      await this.transact(this.idempotencyPut(record));
      return true;
    } catch (error) {
      if (error instanceof IdempotencyRace) return false;
      throw error;
    }
  }

  // ── memberships (functions/lib/dynamo-members.ts) ────────────────────────────────────────

  getMember(sub: string): Promise<Membership | undefined> {
    return getMember(this.client, this.table, sub);
  }

  putMember(member: Membership): Promise<Membership | undefined> {
    return putMember(this.client, this.table, member);
  }

  removeMember(sub: string, org: string): Promise<boolean> {
    return removeMember(this.client, this.table, sub, org);
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  /** One page of tickets from an index partition, optionally only those in one status. */
  private async queryIndex(
    name: keyof typeof TABLE_DESIGN.indexes,
    partition: string,
    options: ListOptions & { newestFirst: boolean },
  ): Promise<Page<Ticket>> {
    const index = TABLE_DESIGN.indexes[name];
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: name,
        KeyConditionExpression: `${index.partitionKey} = :pk`,
        ExpressionAttributeValues: { ':pk': partition, ...(options.status && { ':status': options.status }) },
        ...(options.status && { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }),
        ScanIndexForward: !options.newestFirst,
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.cursor, ['PK', 'SK', index.partitionKey, index.sortKey], [index.partitionKey, partition]),
      }),
    );
    const items = page.Items ?? [];
    const keyOf = (item: Record<string, unknown>) =>
      Object.fromEntries(['PK', 'SK', index.partitionKey, index.sortKey].map((name) => [name, item[name]]));
    return {
      items: items.map((item) => ticketItem().parse(item)),
      cursor: encodeCursor(page.LastEvaluatedKey),
      after: items.map((item) => encodeCursor(keyOf(item)) as string),
    };
  }

  private async latestCaseId(): Promise<number> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: keys.caseIdCounter(), ConsistentRead: true }));
    return FIRST_CASE_ID - 1 + (Item === undefined ? 0 : Number(Item.issued));
  }

  private async batchGetTickets(caseIds: readonly number[]): Promise<Map<number, Ticket>> {
    const found = new Map<number, Ticket>();
    let pending: Array<Record<string, unknown>> = caseIds.map((id) => keys.ticket(id));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending } } }),
      );
      for (const item of Responses?.[this.table] ?? []) {
        const ticket = ticketItem().parse(item);
        found.set(ticket.caseId, ticket);
      }
      pending = (UnprocessedKeys?.[this.table]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
    return found;
  }

  private ticketToItem(ticket: Ticket): Record<string, unknown> {
    const active = ticket.status === 'open' || ticket.status === 'pending_customer';
    const due = nextDue(ticket);
    return {
      ...keys.ticket(ticket.caseId),
      ...keys.byOrg(ticket.org, new Date(ticket.createdAt).toISOString(), ticket.caseId),
      ...(active && keys.queue(ticket.sla.policyId, ticket.workOrder, due, ticket.caseId)),
      // The sweeper's sparse index: only tickets with a pending deadline (see functions/sweeper).
      ...(active && due !== null && keys.due(due, ticket.caseId)),
      itemType: 'ticket',
      ...ticket,
    };
  }

  private entryPuts(change: TicketChange): TransactItem[] {
    return change.entries.map((entry) => ({
      Put: {
        TableName: this.table,
        Item: { ...keys.timelineEntry(change.ticket.caseId, entry.seq), itemType: 'timeline', ...entry },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }));
  }

  private idempotencyPut(record: IdempotentResponse | undefined): TransactItem[] {
    if (record === undefined) return [];
    const { principal, route, key } = record.scope;
    return [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.idempotency(principal, route, key),
            itemType: 'idempotency',
            ...record,
            expiresAt: Math.floor(this.clock() / 1000) + IDEMPOTENCY_TTL_S,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(this.clock() / 1000) },
        },
      },
    ];
  }

  /** Runs a transaction; a failed condition on the idempotency record or on the first item becomes a typed error. */
  private async transact(items: TransactItem[]): Promise<void> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
      const last = items.length - 1;
      if (failed(last) && (items[last] as TransactItem).Put?.Item?.itemType === 'idempotency') throw new IdempotencyRace();
      if (failed(0) || reasons.some((r) => r.Code === 'TransactionConflict'))
        throw new DomainError('version_conflict', 'the ticket was changed by someone else; try again');
      throw error;
    }
  }
}

/** A case id as `listAllTickets` hands it out (at most 15 digits, so a safe integer). */
const CASE_ID_CURSOR = /^\d{1,15}$/;
/** The table key of a ticket item, the only kind of item a ticket list pages over. */
const TICKET_KEY = { PK: /^TICKET#\d{1,15}$/, SK: /^TICKET$/ };

function badCursor(): DomainError {
  return new DomainError('bad_request', 'the cursor is not one this API handed out', [
    { path: 'cursor', message: 'not a cursor from this API' },
  ]);
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor is accepted only if it is exactly a key of this index and partition (anything else is a 400). */
function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  partition: readonly [string, string],
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw badCursor();
  // Every attribute a non-empty string (DynamoDB refuses empty key values with a 400 of its own,
  // which would surface as our 500), the table key a ticket's, the partition the one asked for.
  const entries = Object.entries(key);
  const exact =
    entries.length === attributes.length &&
    entries.every(
      ([name, value]) =>
        attributes.includes(name) &&
        typeof value === 'string' &&
        value.length > 0 &&
        value.length <= 1024 &&
        (TICKET_KEY[name as keyof typeof TICKET_KEY]?.test(value) ?? true),
    );
  if (!exact || (key as Record<string, unknown>)[partition[0]] !== partition[1]) throw badCursor();
  return key as Record<string, unknown>;
}
