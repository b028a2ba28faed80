import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import type { TableContext } from '../../functions/adapters/dynamo/table.ts';
import { cancellationError, type TaggedWrite } from '../../functions/adapters/dynamo/transaction-cancellation.ts';
import { countedIn, deleteCounted, writeCounted } from '../../functions/adapters/dynamo/webhook-scope-count.ts';

type Code = 'None' | 'ConditionalCheckFailed' | 'TransactionConflict';

const cancellation = (...codes: Code[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A table whose transactions fail with each of `failures` in turn, then succeed; it counts the calls. */
function tableFailing(...failures: Error[]): TableContext & { calls: () => number } {
  let calls = 0;
  const client = {
    send: async () => {
      const failure = failures[calls++];
      if (failure !== undefined) throw failure;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, table: 't', clock: () => 0, calls: () => calls };
}

const scope = { kind: 'org', org: 'acme' } as const;
const endpoint: TaggedWrite = {
  role: 'webhook-endpoint',
  write: { Put: { TableName: 't', Item: { PK: 'WEBHOOK#wh_x', SK: 'ENDPOINT' } } },
};

describe("a webhook scope's count", () => {
  it('refuses a create over the limit as a conflict that says the limit, wherever the count stands in the transaction', () => {
    const limit = countedIn(tableFailing(), scope, 10);
    for (const writes of [
      [limit, endpoint],
      [endpoint, limit],
    ]) {
      const codes = writes.map((w): Code => (w === limit ? 'ConditionalCheckFailed' : 'None'));
      const error = cancellationError(cancellation(...codes), writes);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'conflict', message: 'at most 10 webhook endpoints per organisation; delete one first' });
    }
    expect(countedIn(tableFailing(), { kind: 'staff' }, 10)).toMatchObject({ refusal: expect.stringContaining('per staff') });
  });

  it('tries a create again when it met another transaction on the count, and gives up after five', async () => {
    const writes = [countedIn(tableFailing(), scope, 10), endpoint];
    const twice = tableFailing(cancellation('TransactionConflict', 'None'), cancellation('None', 'TransactionConflict'));
    await writeCounted(twice, writes);
    expect(twice.calls()).toBe(3);
    const always = tableFailing(...Array.from({ length: 9 }, () => cancellation('TransactionConflict', 'None')));
    await expect(writeCounted(always, writes)).rejects.toMatchObject({ code: 'version_conflict' });
    expect(always.calls()).toBe(5);
    const full = tableFailing(cancellation('ConditionalCheckFailed', 'None'));
    await expect(writeCounted(full, writes)).rejects.toMatchObject({ code: 'conflict' });
    expect(full.calls()).toBe(1);
  });

  it('tries a delete again when it met another transaction, and counts out nothing that was gone already', async () => {
    const met = tableFailing(cancellation('None', 'TransactionConflict'));
    expect(await deleteCounted(met, { id: 'wh_x', scope })).toBe(true);
    expect(met.calls()).toBe(2);
    const gone = tableFailing(cancellation('ConditionalCheckFailed', 'None'));
    expect(await deleteCounted(gone, { id: 'wh_x', scope })).toBe(false);
    expect(gone.calls()).toBe(1);
    const broken = tableFailing(new Error('network'));
    await expect(deleteCounted(broken, { id: 'wh_x', scope })).rejects.toThrow('network');
  });
});
