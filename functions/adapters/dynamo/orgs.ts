/**
 * Organisations and the e-mail-domain index (`DOMAIN#<domain>` → org id, one org per domain),
 * written together in one transaction, with the organisations this process last read or wrote.
 */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#shared/domain-error.ts';
import { type Org, tierAt } from '#shared/tickets/org.ts';
import { type IdempotentResponse, ORG_MAX_AGE_MS, type Page } from '#shared/tickets/ticket-store.ts';
import type { DynamoIdempotency } from './idempotency.ts';
import { orgItem } from './stored-items.ts';
import { listedPage, type TableContext } from './table.ts';
import { keyParts, keys } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

export class DynamoOrgs {
  /** Organisations as last read or written by this process (see `get`'s `maxAgeMs`). */
  private readonly cache = new Map<string, { org: Org; readAt: number }>();

  constructor(
    private readonly at: TableContext,
    private readonly idempotency: DynamoIdempotency,
  ) {}

  /** With `maxAgeMs`, a copy this process read or wrote at most that long ago will do. */
  async get(id: string, options: { maxAgeMs?: number } = {}): Promise<Org | undefined> {
    const cached = this.cache.get(id);
    if (cached !== undefined && options.maxAgeMs !== undefined && this.at.clock() - cached.readAt <= options.maxAgeMs) return cached.org;
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.org(id), ConsistentRead: true }));
    const org = Item === undefined ? undefined : orgItem().parse(Item);
    if (org === undefined) this.cache.delete(id);
    else this.cache.set(id, { org, readAt: this.at.clock() });
    return org;
  }

  /**
   * Every organisation, by id, a page at a time (one Query of the `byOrg` index's `ORGS` partition).
   * The index is sparse: an item without the list keys (written before them) is not in it
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html)
   * until its next write or the backfill gives it them; and a GSI read is eventually consistent, so
   * an organisation created a moment ago may be missing from a page read at once.
   */
  async list(options: { cursor?: string | undefined; limit: number }): Promise<Page<Org>> {
    return listedPage(this.at, keys.orgListPartition(), keyParts.isOrgKey, options, (item) => orgItem().parse(item));
  }

  async forEmailDomain(domain: string): Promise<Org | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.emailDomain(domain.toLowerCase()) }));
    return typeof Item?.org === 'string' ? this.get(Item.org, { maxAgeMs: ORG_MAX_AGE_MS }) : undefined;
  }

  /** The org and its domain entries in one transaction; a domain another org owns is a conflict. */
  async put(org: Org, options: { mustBeNew: true } | { replaces: Org | undefined }, idempotent?: IdempotentResponse): Promise<void> {
    const mustBeNew = 'mustBeNew' in options;
    const previous = mustBeNew ? undefined : options.replaces;
    const dropped = (previous?.emailDomains ?? []).filter((domain) => !org.emailDomains.includes(domain));
    const { table } = this.at;
    // `tier` besides `tiers`: the previous release's reader requires it (a deploy or a rollback reads both).
    const item = { ...keys.org(org.id), ...keys.orgListed(org.id), itemType: 'org', ...org, tier: tierAt(org, org.updatedAt) };
    // A replacement is written over the org as it was read: a tier review (or another admin) that
    // wrote it meanwhile is not overwritten unseen, the caller reads again.
    const changed = new DomainError('version_conflict', `organisation "${org.id}" changed meanwhile; read it again`);
    const writes: TaggedWrite[] = [
      mustBeNew
        ? { role: 'org', org: org.id, write: { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } } }
        : {
            role: 'guarded',
            refusal: changed,
            write: {
              Put: {
                TableName: table,
                Item: item,
                ...(previous === undefined
                  ? { ConditionExpression: 'attribute_not_exists(PK)' }
                  : { ConditionExpression: 'updatedAt = :read', ExpressionAttributeValues: { ':read': previous.updatedAt } }),
              },
            },
          },
      ...org.emailDomains.map(
        (domain): TaggedWrite => ({
          role: 'domain',
          domain,
          write: {
            Put: {
              TableName: table,
              Item: { ...keys.emailDomain(domain), itemType: 'domain', org: org.id },
              ConditionExpression: 'attribute_not_exists(PK) OR org = :org',
              ExpressionAttributeValues: { ':org': org.id },
            },
          },
        }),
      ),
      ...dropped.map(
        (domain): TaggedWrite => ({ role: 'released-domain', write: { Delete: { TableName: table, Key: keys.emailDomain(domain) } } }),
      ),
      ...this.idempotency.writes(idempotent),
    ];
    await transactWrite(this.at.client, writes);
    this.cache.set(org.id, { org, readAt: this.at.clock() });
  }
}
