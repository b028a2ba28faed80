/**
 * A one-off backfill of the `due` index for tickets written before it existed: one Scan over the
 * table, and for each open ticket with a pending deadline but no `DPK`, an UpdateItem that adds
 * the due keys if the ticket is still the version read (a ticket written since has them already).
 * Resumable: each page returns the Scan's position as a cursor to start from.
 * (Tickets that are written again gain the keys anyway; the backfill only speeds that up.)
 * The same Scan gives organisations written before the list of all of them (`GET /orgs`) their
 * entry in it, which they otherwise get at their next write.
 */

import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nextDue } from '#shared/tickets/ticket.ts';
import { encodeCursor } from '../adapters/dynamo/cursor-codec.ts';
import { ticketItem } from '../adapters/dynamo/stored-items.ts';
import { conditionHeld } from '../adapters/dynamo/table.ts';
import { keys } from '../adapters/dynamo/table-design.ts';

export interface BackfillPage {
  readonly scanned: number;
  readonly updated: number;
  /** Where the next page starts; none: the table is done. */
  readonly cursor?: string | undefined;
}

export async function backfillDuePage(client: DynamoDBDocumentClient, table: string, cursor?: string): Promise<BackfillPage> {
  const page = await client.send(
    new ScanCommand({
      TableName: table,
      FilterExpression:
        '(itemType = :ticket AND #status IN (:open, :pending) AND attribute_not_exists(DPK)) OR (itemType = :org AND attribute_not_exists(GSI1PK))',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':ticket': 'ticket', ':open': 'open', ':pending': 'pending_customer', ':org': 'org' },
      Limit: 500,
      ExclusiveStartKey:
        cursor === undefined ? undefined : (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>),
    }),
  );
  let updated = 0;
  for (const item of page.Items ?? []) {
    if (item.itemType === 'org') {
      if (await listOrg(client, table, String(item.id))) updated++;
      continue;
    }
    const ticket = ticketItem().parse(item);
    const due = nextDue(ticket);
    if (due === null) continue;
    const { DPK, DSK } = keys.due(due, ticket.caseId);
    const written = await conditionHeld(
      client.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.ticket(ticket.caseId),
          UpdateExpression: 'SET DPK = :dpk, DSK = :dsk',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':dpk': DPK, ':dsk': DSK, ':version': ticket.version },
        }),
      ),
    );
    if (written) updated++;
  }
  const next = page.LastEvaluatedKey;
  return {
    scanned: page.ScannedCount ?? 0,
    updated,
    cursor: encodeCursor(next),
  };
}

/** Gives an organisation item its entry in the list of organisations, unless a write gave it one first. */
function listOrg(client: DynamoDBDocumentClient, table: string, id: string): Promise<boolean> {
  const { GSI1PK, GSI1SK } = keys.orgListed(id);
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.org(id),
        UpdateExpression: 'SET GSI1PK = :pk, GSI1SK = :sk',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI1PK)',
        ExpressionAttributeValues: { ':pk': GSI1PK, ':sk': GSI1SK },
      }),
    ),
  );
}

/** Every page in turn; `onPage` sees each one (to print the cursor for a resume). */
export async function backfillDueIndex(
  client: DynamoDBDocumentClient,
  table: string,
  options: { cursor?: string | undefined; onPage?: (page: BackfillPage) => void } = {},
): Promise<{ scanned: number; updated: number }> {
  let cursor = options.cursor;
  const total = { scanned: 0, updated: 0 };
  do {
    const page = await backfillDuePage(client, table, cursor);
    total.scanned += page.scanned;
    total.updated += page.updated;
    options.onPage?.(page);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return total;
}
