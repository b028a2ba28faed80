/**
 * DynamoDB actions per function: only what its code calls (the store methods it uses; a
 * transaction needs the item actions of its parts). Anything else is refused by IAM.
 */

import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { TABLE_DESIGN } from '../../functions/lib/table-design.ts';

export type FunctionId = 'api' | 'scheduleSync' | 'notify' | 'inboundEmail' | 'outboundMail' | 'sweeper' | 'preToken';

export const TABLE_ACTIONS: Record<FunctionId, readonly string[]> = {
  // The only deleter: putOrg drops the items of e-mail domains an org no longer has. BatchGetItem
  // lists every ticket for agents.
  api: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  // Re-reads tickets, claims and marks deliveries (conditional Put/Update), records them.
  notify: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  // Opens tickets (case-id counter, conditional put), adds replies, holds mail.
  inboundEmail: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  outboundMail: ['GetItem', 'Query'],
  // Works from the stream's images; the stream grant comes with its event source.
  scheduleSync: [],
  // Overdue deadlines from the `due` index, then the ticket.
  sweeper: ['GetItem', 'Query'],
  // One membership item.
  preToken: ['GetItem'],
};

/** The statement for one function, or none: Query reaches the indexes, nothing else does. */
export function tableAccess(table: TableV2, fn: FunctionId): PolicyStatement | undefined {
  const actions = TABLE_ACTIONS[fn];
  if (actions.length === 0) return undefined;
  const indexes = actions.includes('Query') ? Object.keys(TABLE_DESIGN.indexes).map((index) => `${table.tableArn}/index/${index}`) : [];
  return new PolicyStatement({ actions: actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn, ...indexes] });
}
