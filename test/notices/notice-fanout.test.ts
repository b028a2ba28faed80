/**
 * A notice to hundreds of orgs on DynamoDB Local: one outbox item per org, queued in rounds by the
 * fan-out; a fan-out interrupted half way and run again still mails every contact exactly once.
 */

import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutboundMail } from '#shared/email/ports.ts';
import { publishNotice } from '#shared/notices/notice.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { presetDocument } from '#shared/policies/presets.ts';
import type { Org } from '#shared/tickets/org.ts';
import { HOUR_MS } from '#shared/time/duration.ts';
import { DynamoMailOutbox } from '../../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoNoticeStore } from '../../functions/adapters/dynamo/notices.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { fanOutNotice } from '../../functions/lib/notice-fanout.ts';
import { mailForRecord } from '../../functions/outbound-mail/outbound-mail.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const NOW = Date.parse('2027-03-01T10:00:00Z');
const iso = (at: number) => new Date(at).toISOString();
const CONTACTS = 20;
const orgId = (i: number) => `customer-${String(i).padStart(4, '0')}`;
const contactsOf = (id: string, count = CONTACTS) => Array.from({ length: count }, (_, c) => `contact-${c}@${id}.example`);

function org(i: number, contacts = CONTACTS): Org {
  const id = orgId(i);
  return {
    id,
    name: id,
    policy: 'kore',
    tiers: [{ tier: 'basic', from: NOW - HOUR_MS, recordedAt: NOW - HOUR_MS, source: 'admin' }],
    region: 'nl',
    emailDomains: [],
    contacts: contactsOf(id, contacts),
    monthlyReport: false,
    createdAt: NOW - HOUR_MS,
    updatedAt: NOW - HOUR_MS,
  };
}

/** How many mails each address got. */
function perAddress(mails: readonly { to: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of mails) counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1);
  return counts;
}

describe('a notice to hundreds of orgs', () => {
  let runtime: LocalRuntime | undefined;
  afterEach(() => runtime?.stop());

  it('publishes to 250 orgs of 20 contacts each in one region: every contact gets one mail of their org', async () => {
    const table = await testTable(iso(NOW));
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    for (let i = 0; i < 250; i++) await table.store.putOrg(org(i), { mustBeNew: true });
    const call = caller(runtime.api);
    const published = await call<{ id: string }>('POST', '/notices', {
      claims: as.agent(),
      body: {
        title: 'Core upgrade',
        body: 'b',
        kind: 'emergency',
        start: iso(NOW + HOUR_MS),
        end: iso(NOW + 2 * HOUR_MS),
        regions: ['nl'],
      },
    });
    expect(published.status).toBe(201);
    await runtime.settle();
    const mails = runtime.outbox.items.filter((item) => item.channel === 'email') as unknown as Array<{ to: string; text: string }>;
    const counts = perAddress(mails);
    expect(counts.size).toBe(250 * CONTACTS);
    expect(Math.max(...counts.values())).toBe(1);
    const item = await runtime.mailOutbox.queued(`notice:${published.body.id}:published:${orgId(7)}`);
    expect(item?.mail.to).toEqual([...contactsOf(orgId(7))].sort());
    expect(item?.sentTo.size).toBe(CONTACTS);
  }, 120_000);

  it('reaches an org on a stored (custom) policy with a notices section, not only the presets’ orgs', async () => {
    const table = await testTable(iso(NOW));
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    const call = caller(runtime.api);
    const { version: _version, ...kore } = presetDocument('kore') as Record<string, unknown>;
    const published = await call('POST', '/policies', { claims: as.admin(), body: { ...kore, id: 'kore-eu', name: 'KORE EU' } });
    expect(published.status).toBe(201);
    await table.store.putOrg({ ...org(1, 2), policy: 'kore-eu' }, { mustBeNew: true });
    const notice = await call<{ id: string }>('POST', '/notices', {
      claims: as.agent(),
      body: {
        title: 'Core upgrade',
        body: 'b',
        kind: 'emergency',
        start: iso(NOW + HOUR_MS),
        end: iso(NOW + 2 * HOUR_MS),
        regions: ['nl'],
      },
    });
    expect(notice.status).toBe(201);
    await runtime.settle();
    const item = await runtime.mailOutbox.queued(`notice:${notice.body.id}:published:${orgId(1)}`);
    expect(item?.mail.to).toEqual([...contactsOf(orgId(1), 2)].sort());
  }, 60_000);

  it('a fan-out that fails part way is run again (the stream’s retry): every contact is mailed exactly once', async () => {
    const table: TestTable = await testTable(iso(NOW));
    const at = { client: table.documents, table: table.name, clock: table.clock.now };
    for (let i = 0; i < 300; i++) await table.store.putOrg(org(i, 3), { mustBeNew: true });
    const notice = publishNotice(
      'n-0123456789abcdef0123',
      { title: 'Core upgrade', body: 'b', kind: 'emergency', start: NOW + HOUR_MS, end: NOW + 2 * HOUR_MS, regions: ['nl'] },
      'agent',
      NOW,
      0,
    );
    const notices = new DynamoNoticeStore(at);
    await notices.createNotice(notice);
    // The table refuses the 130th mail put: the fan-out stops with a prefix of the orgs queued.
    let puts = 0;
    const failing = {
      ...at,
      client: {
        send: (command: unknown) => {
          if (command instanceof PutCommand && ++puts === 130) return Promise.reject(new Error('ProvisionedThroughputExceeded'));
          return table.documents.send(command as never);
        },
      } as never,
    };
    const deps = (outbox: DynamoMailOutbox) => ({ orgs: table.store, notices, outbox, policies: PRESET_CATALOG });
    await expect(fanOutNotice(notice, 'published', deps(new DynamoMailOutbox(failing)))).rejects.toThrow('ProvisionedThroughputExceeded');
    const outbox = new DynamoMailOutbox(at);
    // One read at a time: 300 at once open as many connections to the shared DynamoDB Local.
    let queuedBefore = 0;
    for (let i = 0; i < 300; i++) if ((await outbox.queued(`notice:${notice.id}:published:${orgId(i)}`)) !== undefined) queuedBefore++;
    expect(queuedBefore).toBeLessThan(300);
    await fanOutNotice(notice, 'published', deps(outbox));

    // outbound-mail sends each item inserted, once (a queued id is never inserted again).
    const sent: OutboundMail[] = [];
    const mailer = { send: async (mail: OutboundMail) => void sent.push(mail) };
    const ids = Array.from({ length: 300 }, (_, i) => `notice:${notice.id}:published:${orgId(i)}`);
    for (const id of ids) {
      const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.mailOutbox(id) }));
      expect(Item).toBeDefined();
      const record: DynamoDBRecord = { eventName: 'INSERT', dynamodb: { NewImage: marshall(Item ?? {}) as never } };
      await mailForRecord(record, { policies: PRESET_CATALOG, store: table.store, mailer, domain: 'support.example', outbox, notices });
    }
    const counts = perAddress(sent);
    expect(counts.size).toBe(300 * 3);
    expect(Math.max(...counts.values())).toBe(1);
    // And the region's list holds the notice once.
    const listed = await table.documents.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.noticesForPartition('REGION#nl') },
      }),
    );
    expect(listed.Items?.map((item) => item.id)).toEqual([notice.id]);
  }, 120_000);
});
