/** Reads a user's membership item (PK `MEMBER#<sub>`, SK `MEMBER`, attribute `org`). */

import '../lib/zod-english.ts';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { keys } from '../adapters/dynamo/table-design.ts';
import type { MembershipLookup } from './pre-token.ts';

const membershipItem = z.object({ org: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/)) });

/** A strongly consistent read: a membership just granted or revoked counts at the next sign-in or refresh. */
export function dynamoMembership(documents: DynamoDBDocumentClient, table: string): MembershipLookup {
  return async (sub) => {
    const { Item } = await documents.send(new GetCommand({ TableName: table, Key: keys.member(sub), ConsistentRead: true }));
    if (Item === undefined) return undefined;
    // An item that is not a valid membership grants nothing.
    const parsed = membershipItem.safeParse(Item);
    return parsed.success ? parsed.data.org : undefined;
  };
}
