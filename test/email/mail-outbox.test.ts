/** Contract e-mail through the table: queued once per id, sent by outbound-mail once per recipient. */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMail } from '#shared/email/ports.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { DynamoMailOutbox } from '../../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoNoticeStore } from '../../functions/adapters/dynamo/notices.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { mailForRecord } from '../../functions/outbound-mail/outbound-mail.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const alert = {
  id: 'usage:acme:2027-01:80',
  kind: 'usage-alert',
  org: 'acme',
  to: ['billing@acme.example', 'ops@acme.example', 'billing@acme.example'],
  subject: 'You have used 80 % of January’s included support time',
  text: 'Used 3 h 12 min of 4 h.',
};

/** The stream record DynamoDB writes for a new item (NEW_AND_OLD_IMAGES). */
async function insertRecord(table: TestTable, id: string): Promise<DynamoDBRecord> {
  const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.mailOutbox(id) }));
  return { eventName: 'INSERT', dynamodb: { Keys: marshall(keys.mailOutbox(id)) as never, NewImage: marshall(Item ?? {}) as never } };
}

describe('the mail outbox', () => {
  let table: TestTable;
  let outbox: DynamoMailOutbox;
  let sent: OutboundMail[];
  let failFor: string | undefined;
  const deps = () => ({
    policies: PRESET_CATALOG,
    store: table.store,
    domain: 'support.example',
    outbox,
    notices: new DynamoNoticeStore({ client: table.documents, table: table.name, clock: table.clock.now }),
    mailer: {
      send: async (mail: OutboundMail) => {
        if (mail.to === failFor) throw new Error('SES throttled');
        sent.push(mail);
      },
    },
  });

  beforeEach(async () => {
    table = await testTable('2027-01-20T10:00:00.000Z');
    outbox = new DynamoMailOutbox({ client: table.documents, table: table.name, clock: table.clock.now });
    sent = [];
    failFor = undefined;
  });

  it('refuses a mail for more than 50 recipients before writing any of the batch; marks only listed recipients', async () => {
    const crowd = { ...alert, id: 'notice:n-1:published:everyone', to: Array.from({ length: 51 }, (_, i) => `p${i}@acme.example`) };
    await expect(outbox.queue([alert, crowd])).rejects.toThrow(/more than 50 recipients \(51\)/);
    expect(await outbox.queued(alert.id)).toBeUndefined();
    await expect(outbox.queue([{ ...alert, text: 'x'.repeat(60_001) }])).rejects.toThrow(/text longer/);

    await outbox.queue([alert]);
    await outbox.markSent(alert.id, 'ops@acme.example');
    await outbox.markSent(alert.id, 'stranger@elsewhere.example');
    expect((await outbox.queued(alert.id))?.sentTo).toEqual(new Set(['ops@acme.example']));
  });

  it('queues thousands of mails in rounds, exactly once each when asked again', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...alert, id: `notice:n-1:published:org-${i}`, to: [`c@org-${i}.example`] }));
    await outbox.queue(many.slice(0, 120));
    await outbox.queue(many);
    for (const i of [0, 119, 120, 299])
      expect((await outbox.queued(`notice:n-1:published:org-${i}`))?.mail.to).toEqual([`c@org-${i}.example`]);
  });

  it('queues a mail once per id: a second queue of the same id (a retry, a race) leaves the first', async () => {
    await Promise.all([outbox.queue([alert]), outbox.queue([{ ...alert, text: 'the racer' }])]);
    await outbox.queue([{ ...alert, text: 'a retry' }]);
    const queued = await outbox.queued(alert.id);
    expect(queued?.mail.to).toEqual(['billing@acme.example', 'ops@acme.example']);
    expect(['Used 3 h 12 min of 4 h.', 'the racer']).toContain(queued?.mail.text);
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.mailOutbox(alert.id) }));
    expect(Item?.expiresAt).toBe(Math.floor((Date.parse('2027-01-20T10:00:00Z') + 30 * 86_400_000) / 1000));
  });

  it('is sent by outbound-mail to each recipient, automatic (no auto-replies), once even when the record comes twice', async () => {
    await outbox.queue([alert]);
    const record = await insertRecord(table, alert.id);
    await mailForRecord(record, deps());
    await mailForRecord(record, deps());
    expect(sent.map((mail) => mail.to)).toEqual(['billing@acme.example', 'ops@acme.example']);
    expect(sent[0]).toMatchObject({ subject: alert.subject, text: alert.text, automatic: true, references: [] });
  });

  it('sends a retried batch only to the recipients SES had not taken yet', async () => {
    await outbox.queue([alert]);
    const record = await insertRecord(table, alert.id);
    failFor = 'ops@acme.example';
    await expect(mailForRecord(record, deps())).rejects.toThrow('SES throttled');
    failFor = undefined;
    await mailForRecord(record, deps());
    expect(sent.map((mail) => mail.to)).toEqual(['billing@acme.example', 'ops@acme.example']);
  });

  it('queues nothing for an organisation without contacts', async () => {
    await outbox.queue([{ ...alert, to: [] }]);
    expect(await outbox.queued(alert.id)).toBeUndefined();
  });

  it('passes by a timeline entry of a type it does not know (a later release’s) instead of failing the batch', async () => {
    const entry = {
      ...keys.timelineEntry(10_001, 3),
      seq: 3,
      at: 1,
      type: 'invoice_sent',
      actor: { kind: 'robot', id: 'x' },
      public: true,
    };
    const record: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: { Keys: marshall(keys.timelineEntry(10_001, 3)) as never, NewImage: marshall(entry) as never },
    };
    await expect(mailForRecord(record, deps())).resolves.toBeUndefined();
    expect(sent).toEqual([]);
  });
});
