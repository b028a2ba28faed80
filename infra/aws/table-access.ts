/**
 * DynamoDB actions per function: only what its code calls (the store methods it uses; a
 * transaction needs the item actions of its parts). Anything else is refused by IAM.
 */

import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { keys, TABLE_DESIGN } from '../../functions/adapters/dynamo/table-design.ts';

export type FunctionId =
  | 'api'
  | 'scheduleSync'
  | 'notify'
  | 'inboundEmail'
  | 'outboundMail'
  | 'sweeper'
  | 'preToken'
  | 'webhookFanout'
  | 'webhookSender'
  | 'smsInbound'
  | 'contracts'
  | 'policyPublisher'
  | 'policySeed';
type IndexName = keyof typeof TABLE_DESIGN.indexes;

export const TABLE_ACTIONS: Record<FunctionId, readonly string[]> = {
  // The only deleter: putOrg drops the items of e-mail domains an org no longer has. BatchGetItem
  // lists every ticket for agents.
  api: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  // Re-reads the ticket item, claims and marks deliveries (conditional Put/Update), records them;
  // reads a deadline's sent deliveries and a number's live reply codes (a Query of the ticket's
  // and the number's partitions), the roles' schedules and the people on call (BatchGetItem),
  // takes reply codes and keeps each number's SMS throttle (conditional puts).
  notify: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
  // Opens tickets (case-id counter, conditional put), adds replies, holds mail.
  inboundEmail: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  // The ticket item of a stream record; a queued contract e-mail, and each recipient marked sent on it.
  // A notice's fan-out: the orgs (`byOrg`, see QUERY_ONLY), the notice's copies in the orgs' lists
  // and one mail per org (conditional puts).
  outboundMail: ['GetItem', 'UpdateItem', 'Query', 'PutItem'],
  // Works from the stream's images; the stream grant comes with its event source.
  scheduleSync: [],
  // Overdue tickets from the `due` index, which projects whole tickets; the people from `byOrg`
  // (see QUERY_ONLY), and an opted-out number recorded on its holder (the number item, then the
  // person and their number items put in one transaction).
  sweeper: ['Query', 'GetItem', 'PutItem'],
  // One membership item (see LEADING_KEYS).
  preToken: ['GetItem'],
  // Reads the ticket of a notified entry and the active endpoints of an organisation (a Query of
  // `byOrg`, see QUERY_ONLY), and adds the deliveries that are not there yet (conditional puts).
  webhookFanout: ['GetItem', 'Query', 'PutItem'],
  // Reads an endpoint and one delivery queue (a Query), leases and saves deliveries, records an
  // endpoint's health and pauses it (conditional Put/Update), takes and releases (deletes) an
  // endpoint's attempt slots; only in endpoints' partitions (see LEADING_KEYS).
  webhookSender: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  // Finds the sender by number and their reply codes (a Query of the number's partition), claims
  // the inbound message (conditional put, update, delete to give it back), acknowledges or
  // resolves the ticket, records STOP/START on the person (a transaction that puts and releases
  // number items).
  smsInbound: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  // Re-reads a notice and leaves its reminder for outbound-mail's fan-out (a conditional put); the
  // tier reviews' items and mails; every organisation (`byOrg`), its month of clock outcomes (a
  // Query of the table) and the monthly report's once-only mark (BatchGet, then a transaction of puts).
  contracts: ['GetItem', 'BatchGetItem', 'Query', 'PutItem'],
  // Reads policies, organisations and open tickets (a Query of the `queue` index), publishes a
  // version (a transaction of conditional puts) and re-plans tickets (conditional ticket writes).
  policyPublisher: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  // Reads policy heads and publishes the presets' versions (a transaction of conditional puts).
  policySeed: ['GetItem', 'PutItem'],
};

/** Functions whose Query goes to these indexes only, not to the table or the other indexes. */
export const QUERY_ONLY: Partial<Record<FunctionId, readonly IndexName[]>> = {
  sweeper: ['due', 'byOrg'],
  webhookFanout: ['byOrg'],
  outboundMail: ['byOrg'],
};

/**
 * Functions limited to items whose partition key starts so, by the `dynamodb:LeadingKeys`
 * condition key (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
 */
export const LEADING_KEYS: Partial<Record<FunctionId, string>> = {
  preToken: keys.member('').PK,
  // The function that talks to the internet keeps to endpoints, their deliveries and their slots
  // (`WEBHOOK#<id>`): no ticket, organisation or membership item.
  webhookSender: keys.webhookEndpoint('').PK,
  // The seeder writes policies only (`POLICY#<id>`).
  policySeed: keys.policyHead('').PK,
};

/** The statements for one function, or none: Query reaches the indexes (all, or those of QUERY_ONLY), nothing else does. */
export function tableAccess(table: TableV2, fn: FunctionId): PolicyStatement[] {
  const actions = TABLE_ACTIONS[fn];
  const only = QUERY_ONLY[fn];
  const prefix = LEADING_KEYS[fn];
  const conditions = prefix === undefined ? undefined : { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } };
  const index = (name: string) => `${table.tableArn}/index/${name}`;
  const statement = (granted: readonly string[], resources: string[]) =>
    new PolicyStatement({ actions: granted.map((action) => `dynamodb:${action}`), resources, ...(conditions && { conditions }) });
  if (only === undefined) {
    if (actions.length === 0) return [];
    const indexes = actions.includes('Query') ? Object.keys(TABLE_DESIGN.indexes).map(index) : [];
    return [statement(actions, [table.tableArn, ...indexes])];
  }
  const items = actions.filter((action) => action !== 'Query');
  return [...(items.length > 0 ? [statement(items, [table.tableArn])] : []), statement(['Query'], only.map(index))];
}

/** Grants `fn` the table access of its function id. */
export function grantTable(fn: IFunction, table: TableV2, id: FunctionId): void {
  for (const statement of tableAccess(table, id)) fn.addToRolePolicy(statement);
}
