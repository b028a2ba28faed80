/**
 * Issued usage statements: the first computation of a closed period's statement is stored (a
 * conditional put, never replaced) and served from then on, so a later change of the org's policy,
 * region or tier history, or of a preset, cannot alter what was issued.
 */

import '../../lib/zod-english.ts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { UsageStatement } from '#shared/billing/usage-statement.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

const int = () => z.number().check(z.int());

const statementLine = once(() =>
  z.object({
    kind: z.enum(['overage', 'paid', 'adjustment']),
    description: z.string(),
    quantity: z.number(),
    unit: z.literal('h'),
    unitPrice: int(),
    amount: int(),
    currency: z.string(),
    minutes: int(),
    caseId: z.optional(int()),
    adjusts: z.optional(z.string()),
  }),
);

/** A statement as stored (its keys aside). */
export const issuedStatementItem = once(() =>
  z.object({
    org: z.string(),
    period: z.string(),
    start: z.number(),
    end: z.number(),
    zone: z.string(),
    status: z.literal('closed'),
    tier: z.string(),
    currency: z.string(),
    includedMinutes: int(),
    carriedInMinutes: int(),
    usedMinutes: int(),
    paidMinutes: int(),
    coveredMinutes: int(),
    nonBillableMinutes: int(),
    overageMinutes: int(),
    billedOverageMinutes: int(),
    carriedOutMinutes: int(),
    lines: z.array(statementLine()),
    total: int(),
    alerts: z.object({ at80: z.boolean(), at100: z.boolean() }),
  }),
);

/** The statement issued for the org's period, if one was. */
export async function issuedStatement(at: TableContext, org: string, period: string): Promise<UsageStatement | undefined> {
  const { Item } = await at.client.send(
    new GetCommand({ TableName: at.table, Key: keys.issuedStatement(org, period), ConsistentRead: true }),
  );
  if (Item === undefined) return undefined;
  const { lines, ...rest } = issuedStatementItem().parse(Item);
  return {
    ...rest,
    lines: lines.map(({ caseId, adjusts, ...line }) => ({
      ...line,
      ...(caseId !== undefined && { caseId }),
      ...(adjusts !== undefined && { adjusts }),
    })),
  };
}

/** Issues a closed statement unless one was issued for its period; answers the one that stands. */
export async function issueStatement(at: TableContext, statement: UsageStatement): Promise<UsageStatement> {
  if (statement.status !== 'closed') throw new Error(`${statement.period} is open: only a closed statement is issued`);
  const put = new PutCommand({
    TableName: at.table,
    Item: { ...keys.issuedStatement(statement.org, statement.period), itemType: 'statement', issuedAt: at.clock(), ...statement },
    ConditionExpression: 'attribute_not_exists(PK)',
  });
  if (await conditionHeld(at.client.send(put))) return statement;
  return (await issuedStatement(at, statement.org, statement.period)) ?? statement;
}
