/**
 * Organisation memberships: one item per signed-in user (`MEMBER#<sub>`) naming their
 * organisation. Cognito's pre-token-generation trigger reads it to put the org claim in the
 * user's tokens, so the claim comes from what an administrator set here, never from an attribute
 * the user can write. A user belongs to one organisation at a time.
 */

import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Membership } from '#shared/tickets/ticket-store.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld } from './table.ts';
import { keys } from './table-design.ts';

const memberItem = once(() => z.object({ sub: z.string(), org: z.string(), updatedAt: z.number() }));

export async function getMember(client: DynamoDBDocumentClient, table: string, sub: string): Promise<Membership | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: keys.member(sub), ConsistentRead: true }));
  return Item === undefined ? undefined : memberItem().parse(Item);
}

/** Sets a user's organisation; returns the membership it replaced, if any. */
export async function putMember(client: DynamoDBDocumentClient, table: string, member: Membership): Promise<Membership | undefined> {
  const { Attributes } = await client.send(
    new PutCommand({ TableName: table, Item: { ...keys.member(member.sub), itemType: 'member', ...member }, ReturnValues: 'ALL_OLD' }),
  );
  return Attributes === undefined ? undefined : memberItem().parse(Attributes);
}

/** Ends a user's membership of `org`; `false` if they were not a member of it (another org's membership stays). */
export function removeMember(client: DynamoDBDocumentClient, table: string, sub: string, org: string): Promise<boolean> {
  return conditionHeld(
    client.send(
      new DeleteCommand({
        TableName: table,
        Key: keys.member(sub),
        ConditionExpression: 'org = :org',
        ExpressionAttributeValues: { ':org': org },
      }),
    ),
  );
}
