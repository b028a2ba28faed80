/**
 * How many webhook endpoints a scope (an organisation, or the staff) has: one item beside the
 * scope's list (`webhookScopeCount`), moved by `ADD` in the same transaction as each create and
 * delete, so a limit holds however many registrations race. `ADD` on an attribute that is not
 * there starts from 0
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValueUpdate.html).
 * Two such transactions that meet cancel one another (`TransactionConflict`), so each is tried a
 * few times; a cancellation is read through the writes' roles (transaction-cancellation.ts).
 */

import { DomainError } from '#shared/domain-error.ts';
import type { EndpointScope } from '#shared/webhooks/endpoint.ts';
import type { TableContext } from './table.ts';
import { keys } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

/** How often a create or delete that met another transaction on the same count is tried. */
const ATTEMPTS = 5;

/** The write that counts a new endpoint in, refused (`conflict`) when the scope has `max` already. */
export function countedIn(at: TableContext, scope: EndpointScope, max: number | undefined): TaggedWrite {
  return {
    role: 'limit',
    refusal: `at most ${max} webhook endpoints per ${scope.kind === 'staff' ? 'staff' : 'organisation'}; delete one first`,
    write: {
      Update: {
        TableName: at.table,
        Key: keys.webhookScopeCount(scope),
        UpdateExpression: 'SET itemType = :type ADD endpoints :one',
        ...(max !== undefined && { ConditionExpression: 'attribute_not_exists(endpoints) OR endpoints < :max' }),
        ExpressionAttributeValues: { ':type': 'webhookCount', ':one': 1, ...(max !== undefined && { ':max': max }) },
      },
    },
  };
}

/** Writes a transaction that moves a count, again when it met another one (nothing was written then). */
export async function writeCounted(at: TableContext, writes: readonly TaggedWrite[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactWrite(at.client, writes);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Deletes an endpoint and counts it out; `false` when it was gone already. */
export async function deleteCounted(at: TableContext, endpoint: { readonly id: string; readonly scope: EndpointScope }): Promise<boolean> {
  try {
    await writeCounted(at, [
      {
        role: 'deleted',
        missing: `webhook endpoint ${endpoint.id} is gone`,
        write: { Delete: { TableName: at.table, Key: keys.webhookEndpoint(endpoint.id), ConditionExpression: 'attribute_exists(PK)' } },
      },
      {
        role: 'limit',
        refusal: 'counting an endpoint out is never refused',
        write: {
          Update: {
            TableName: at.table,
            Key: keys.webhookScopeCount(endpoint.scope),
            UpdateExpression: 'ADD endpoints :minus',
            ExpressionAttributeValues: { ':minus': -1 },
          },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return false;
    throw error;
  }
}
