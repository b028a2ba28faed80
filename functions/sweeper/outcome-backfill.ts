/**
 * A one-off backfill of clock outcomes for tickets written before outcomes were kept: one Scan of
 * the ticket items, and for each ticket the outcomes its settled deadlines show
 * (`settledOutcomes`), each written only if missing. Idempotent (deterministic keys, conditional
 * puts: a stored outcome is never replaced) and resumable (each page returns the Scan's position).
 */

import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { settledOutcomes } from '#shared/reports/clock-outcome.ts';
import { planWithClocks } from '#shared/sla/plan-deadlines.ts';
import { encodeCursor } from '../adapters/dynamo/cursor-codec.ts';
import { DynamoOutcomes } from '../adapters/dynamo/outcomes.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
import { ticketItem } from '../adapters/dynamo/stored-items.ts';

export interface OutcomeBackfillPage {
  readonly tickets: number;
  readonly added: number;
  /** Where the next page starts; none: the table is done. */
  readonly cursor?: string | undefined;
}

export async function backfillOutcomesPage(client: DynamoDBDocumentClient, table: string, cursor?: string): Promise<OutcomeBackfillPage> {
  const page = await client.send(
    new ScanCommand({
      TableName: table,
      FilterExpression: 'itemType = :ticket',
      ExpressionAttributeValues: { ':ticket': 'ticket' },
      Limit: 500,
      // An operator's own cursor (the Scan may stop on any item, not only a ticket's).
      ExclusiveStartKey:
        cursor === undefined ? undefined : (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>),
    }),
  );
  const outcomes = new DynamoOutcomes({ client, table, clock: Date.now });
  // Tickets on stored (custom) policies too: their versions are read from the table.
  const policies = storedPolicyCatalog({ client, table, clock: Date.now });
  let added = 0;
  let tickets = 0;
  for (const item of page.Items ?? []) {
    const ticket = ticketItem().parse(item);
    tickets++;
    const { clocks } = planWithClocks(ticket, await policies.forTicket(ticket.sla));
    added += await outcomes.recordMissing(settledOutcomes(ticket, clocks));
  }
  return { tickets, added, cursor: encodeCursor(page.LastEvaluatedKey) };
}

/** Every page in turn; `onPage` sees each one (to print the cursor for a resume). */
export async function backfillOutcomes(
  client: DynamoDBDocumentClient,
  table: string,
  options: { cursor?: string | undefined; onPage?: (page: OutcomeBackfillPage) => void } = {},
): Promise<{ tickets: number; added: number }> {
  let cursor = options.cursor;
  const total = { tickets: 0, added: 0 };
  do {
    const page = await backfillOutcomesPage(client, table, cursor);
    total.tickets += page.tickets;
    total.added += page.added;
    options.onPage?.(page);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return total;
}
