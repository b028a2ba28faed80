/**
 * The local stand-in for the table's IAM grants: a function's DynamoDB client refuses any action
 * its grant (`TABLE_ACTIONS` in infra/aws/table-access.ts, what the CDK app grants) lacks, as IAM
 * would (an AccessDeniedException), so a call the code makes but the deployment does not allow
 * fails here, before a deploy. A transaction needs the item action of each of its parts: Put,
 * Update, Delete and Get are governed by PutItem, UpdateItem, DeleteItem and GetItem, ConditionCheck
 * by ConditionCheckItem (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html).
 */

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type FunctionId, TABLE_ACTIONS } from '../../aws/table-access.ts';

/** The item actions a transaction's parts need. */
const TRANSACT_PARTS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Get: 'GetItem',
  ConditionCheck: 'ConditionCheckItem',
};

export class AccessDenied extends Error {
  constructor(fn: FunctionId, action: string) {
    super(
      `AccessDeniedException: ${fn} is not authorized to perform dynamodb:${action} (infra/aws/table-access.ts grants ${TABLE_ACTIONS[fn].join(', ') || 'nothing'})`,
    );
    this.name = 'AccessDeniedException';
  }
}

/** The client, refusing every action `fn`'s grant lacks (a middleware; the client is changed in place). */
export function withTableGrant<C extends DynamoDBClient>(client: C, fn: FunctionId): C {
  const granted = new Set(TABLE_ACTIONS[fn]);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const action = (context.commandName ?? '').replace(/Command$/, '');
      const input = (args as { input?: { TransactItems?: Record<string, unknown>[] } }).input;
      const needed =
        action === 'TransactWriteItems' || action === 'TransactGetItems'
          ? (input?.TransactItems ?? []).flatMap((part) => Object.keys(part).map((kind) => TRANSACT_PARTS[kind] ?? kind))
          : [action];
      for (const item of needed) if (!granted.has(item)) throw new AccessDenied(fn, item);
      return next(args);
    },
    { step: 'initialize', name: `tableGrant-${fn}` },
  );
  return client;
}
