import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { IdempotencyRace } from '#shared/tickets/ticket-store.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { cancellationError, type TaggedWrite } from '../../functions/adapters/dynamo/transaction-cancellation.ts';

type Code = 'None' | 'ConditionalCheckFailed' | 'TransactionConflict';

/** A cancellation as DynamoDB reports it: one reason per item, in the order the items were sent. */
function cancelled(outcomes: readonly (readonly [TaggedWrite, Code])[]): { error: TransactionCanceledException; writes: TaggedWrite[] } {
  const error = new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: outcomes.map(([, Code]) => ({ Code })),
  });
  return { error, writes: outcomes.map(([write]) => write) };
}

const put = (key: Record<string, string>) => ({ Put: { TableName: 't', Item: key } });
const ticket: TaggedWrite = {
  role: 'ticket',
  write: { Update: { TableName: 't', Key: keys.ticket(10_001), UpdateExpression: 'SET version = :v' } },
};
const entry: TaggedWrite = { role: 'timeline', write: put(keys.timelineEntry(10_001, 2)) };
const record: TaggedWrite = { role: 'idempotency', write: put(keys.idempotency('agent-1', 'POST /tickets', 'k-1')) };
const org: TaggedWrite = { role: 'org', org: 'acme', write: put(keys.org('acme')) };
const domain = (name: string): TaggedWrite => ({ role: 'domain', domain: name, write: put(keys.emailDomain(name)) });
const released: TaggedWrite = { role: 'released-domain', write: { Delete: { TableName: 't', Key: keys.emailDomain('old.example') } } };

/** The error for the same outcomes listed in the order given and in the reverse order. */
function bothOrders(outcomes: readonly (readonly [TaggedWrite, Code])[]): [Error, Error] {
  const forwards = cancelled(outcomes);
  const backwards = cancelled([...outcomes].reverse());
  return [cancellationError(forwards.error, forwards.writes), cancellationError(backwards.error, backwards.writes)];
}

describe('transaction cancellations', () => {
  describe('read through the role of each write, so the order of the writes does not matter', () => {
    it('is an idempotency race when the record was stored first, wherever the record stands', () => {
      const errors = bothOrders([
        [ticket, 'None'],
        [entry, 'None'],
        [record, 'ConditionalCheckFailed'],
      ]);
      for (const error of errors) expect(error).toBeInstanceOf(IdempotencyRace);
    });

    it('is a version conflict when the ticket changed meanwhile, wherever the ticket stands', () => {
      const errors = bothOrders([
        [ticket, 'ConditionalCheckFailed'],
        [entry, 'None'],
        [record, 'None'],
      ]);
      for (const error of errors) expect(error).toMatchObject({ code: 'version_conflict' });
    });

    it('is not found when a delete found its item gone, and a retryable conflict when it met another transaction, wherever the delete stands', () => {
      const deleted: TaggedWrite = {
        role: 'deleted',
        missing: 'webhook endpoint wh_x is gone',
        write: { Delete: { TableName: 't', Key: keys.webhookEndpoint('wh_x'), ConditionExpression: 'attribute_exists(PK)' } },
      };
      const count: TaggedWrite = {
        role: 'limit',
        refusal: 'never',
        write: { Update: { TableName: 't', Key: keys.webhookScopeCount({ kind: 'staff' }), UpdateExpression: 'ADD endpoints :minus' } },
      };
      for (const error of bothOrders([
        [deleted, 'ConditionalCheckFailed'],
        [count, 'None'],
      ]))
        expect(error).toMatchObject({ code: 'not_found', message: 'webhook endpoint wh_x is gone' });
      for (const error of bothOrders([
        [deleted, 'None'],
        [count, 'TransactionConflict'],
      ]))
        expect(error).toMatchObject({ code: 'version_conflict' });
    });

    it('names the e-mail domain another organisation owns, wherever its write stands', () => {
      const errors = bothOrders([
        [org, 'None'],
        [domain('acme.example'), 'None'],
        [domain('taken.example'), 'ConditionalCheckFailed'],
        [released, 'None'],
        [record, 'None'],
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({
          code: 'conflict',
          message: 'e-mail domain taken.example belongs to another organisation',
          errors: [{ path: 'emailDomains', message: 'e-mail domain taken.example belongs to another organisation' }],
        });
      }
    });
  });

  describe('which reason wins', () => {
    it('replays the stored response before reporting a taken domain or an existing organisation', () => {
      const { error, writes } = cancelled([
        [org, 'ConditionalCheckFailed'],
        [domain('taken.example'), 'ConditionalCheckFailed'],
        [record, 'ConditionalCheckFailed'],
      ]);
      expect(cancellationError(error, writes)).toBeInstanceOf(IdempotencyRace);
    });

    it('reports an existing organisation before the domains it claims', () => {
      const { error, writes } = cancelled([
        [org, 'ConditionalCheckFailed'],
        [domain('taken.example'), 'ConditionalCheckFailed'],
      ]);
      expect(cancellationError(error, writes)).toMatchObject({
        code: 'conflict',
        message: 'organisation "acme" already exists',
        errors: [{ path: 'id', message: 'organisation "acme" already exists' }],
      });
    });

    it('treats meeting another transaction as a version conflict in a ticket write', () => {
      const { error, writes } = cancelled([
        [ticket, 'None'],
        [entry, 'TransactionConflict'],
      ]);
      expect(cancellationError(error, writes)).toMatchObject({ code: 'version_conflict' });
    });

    it('hands back the cancellation itself when no write explains it', () => {
      const inOrgWrite = cancelled([
        [org, 'TransactionConflict'],
        [domain('acme.example'), 'None'],
      ]);
      expect(cancellationError(inOrgWrite.error, inOrgWrite.writes)).toBe(inOrgWrite.error);
      const entryExists = cancelled([
        [ticket, 'None'],
        [entry, 'ConditionalCheckFailed'],
      ]);
      expect(cancellationError(entryExists.error, entryExists.writes)).toBe(entryExists.error);
    });
  });
});
