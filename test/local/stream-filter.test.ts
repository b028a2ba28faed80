/** The local stream poller sends a consumer only what its deployed event filter lets through (STREAM_CONSUMERS). */

import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { STREAM_CONSUMERS, sortKeyMatches } from '../../infra/aws/stream-consumers.ts';
import { localDynamoConfig } from '../../infra/local/lib/dynamodb-local.ts';
import { StreamPoller } from '../../infra/local/lib/stream-poller.ts';
import { freshTable } from '../support/test-table.ts';

describe('stream consumers’ event filters', () => {
  it('match ticket items, and timeline entries for the consumers that read them; nothing else', () => {
    const ticket = keys.ticket(10_001).SK;
    const entry = keys.timelineEntry(10_001, 3).SK;
    const others = [
      keys.webhookSlot('wh_x', 0).SK,
      keys.webhookDelivery('wh_x', 10_001, 'evt_10001_v1_created').SK,
      'ENDPOINT',
      'RATE',
      undefined,
    ];
    expect([ticket, entry, ...others].map((sk) => sortKeyMatches(STREAM_CONSUMERS.scheduleSync.sortKeys, sk))).toEqual([
      true,
      false,
      ...others.map(() => false),
    ]);
    for (const consumer of [STREAM_CONSUMERS.outboundMail, STREAM_CONSUMERS.webhookFanout]) {
      expect([ticket, entry, ...others].map((sk) => sortKeyMatches(consumer.sortKeys, sk))).toEqual([
        true,
        true,
        ...others.map(() => false),
      ]);
    }
    // Queued contract e-mail goes to outbound-mail only.
    const queuedMail = keys.mailOutbox('usage:acme:2027-01:80').SK;
    expect(sortKeyMatches(STREAM_CONSUMERS.outboundMail.sortKeys, queuedMail)).toBe(true);
    expect(sortKeyMatches(STREAM_CONSUMERS.webhookFanout.sortKeys, queuedMail)).toBe(false);
    expect(sortKeyMatches(STREAM_CONSUMERS.scheduleSync.sortKeys, queuedMail)).toBe(false);
  });

  it('are applied by the local poller before its consumer runs', async () => {
    const { name: table, client } = await freshTable('stream-filter');
    const seen: string[] = [];
    const poller = new StreamPoller({
      tables: client,
      streams: new DynamoDBStreamsClient(localDynamoConfig(inject('dynamoEndpoint'))),
      table,
      consumer: STREAM_CONSUMERS.scheduleSync,
      handler: async (event: DynamoDBStreamEvent) => {
        seen.push(...event.Records.map((r) => String(r.dynamodb?.Keys?.SK?.S)));
        return { batchItemFailures: [] };
      },
    });
    await poller.drain();
    const documents = documentsOf(client);
    for (const key of [keys.webhookSlot('wh_x', 1), keys.ticket(10_001), keys.timelineEntry(10_001, 1)]) {
      await documents.send(new PutCommand({ TableName: table, Item: { ...key } }));
    }
    expect(await poller.drain()).toBe(3);
    expect(seen).toEqual(['TICKET']);
  });
});
