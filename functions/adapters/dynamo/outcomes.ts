/**
 * Clock outcomes (`shared/reports/clock-outcome.ts`): one immutable item per stopped clock, in the
 * partition of its org and the UTC month its clock stopped in (keys in `table-design.ts`). They are
 * written in the transaction of the ticket change that stopped the clock (`tickets.ts`), with a
 * deterministic key and no condition, so a retried identical write is harmless and can never make
 * the ticket's write fail. The backfill writes with `attribute_not_exists`: it never replaces one.
 */

import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../lib/zod-english.ts';
import { type ClockOutcome, OUTCOME_METRICS } from '#shared/reports/clock-outcome.ts';
import type { OutcomeLog, ReadStats } from '#shared/reports/ports.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';
import type { TaggedWrite } from './transaction-cancellation.ts';

/** Puts written beside each other at most, outside a transaction. */
const PARALLEL_PUTS = 25;
/** A report's range is read as this many slices of time (about a day each for a month)… */
export const READ_SLICES = 32;
/** …of which this many are read at once. */
const PARALLEL_SLICES = 8;

const int = () => z.number().check(z.int());

/** An outcome as stored (its keys aside). */
export const outcomeItem = once(() =>
  z.object({
    id: z.string(),
    caseId: int(),
    org: z.string(),
    policyId: z.string(),
    policyVersion: int(),
    severity: z.string(),
    tier: z.string(),
    metric: z.enum(OUTCOME_METRICS),
    level: z.optional(int()),
    targetMs: z.number(),
    startedAt: z.number(),
    due: z.number(),
    stoppedAt: z.number(),
    businessMs: z.number(),
    calendarMs: z.number(),
    pausedMs: z.number(),
    met: z.boolean(),
    overrunMs: z.number(),
  }),
);

function item(outcome: ClockOutcome): Record<string, unknown> {
  const { level, ...rest } = outcome;
  return { ...keys.outcome(outcome), itemType: 'outcome', ...rest, ...(level !== undefined && { level }) };
}

/** The transaction writes of a change's outcomes: unconditional puts of deterministic items (see above). */
export function outcomeWrites(table: string, outcomes: readonly ClockOutcome[]): TaggedWrite[] {
  return outcomes.map((outcome) => ({ role: 'outcome', write: { Put: { TableName: table, Item: item(outcome) } } }));
}

export class DynamoOutcomes implements OutcomeLog {
  constructor(private readonly at: TableContext) {}

  /**
   * Reads `[start, end)` as `READ_SLICES` slices of time side by side (each a key range over its
   * partitions, a page at a time), so a busy org's month — 186,000 outcomes are some 50 pages of
   * 1 MB, the most a Query page holds (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html)
   * — costs the time of its slowest slice rather than of every page in turn. Outcomes reach
   * `visit` in no particular order (the report's fold does not depend on it).
   */
  async readBetween(org: string, start: number, end: number, visit: (outcome: ClockOutcome) => void): Promise<ReadStats> {
    const stats = { items: 0, pages: 0, readUnits: 0 };
    if (end <= start) return stats;
    const slices = timeSlices(start, end, READ_SLICES);
    let next = 0;
    const reader = async () => {
      for (let slice = slices[next++]; slice !== undefined; slice = slices[next++]) await this.readSlice(org, slice, visit, stats);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SLICES, slices.length) }, reader));
    return stats;
  }

  private async readSlice(
    org: string,
    [start, end]: readonly [number, number],
    visit: (outcome: ClockOutcome) => void,
    stats: { items: number; pages: number; readUnits: number },
  ): Promise<void> {
    const range = keys.outcomeRange(start, end);
    for (const partition of partitionsBetween(org, start, end)) {
      let from: Record<string, unknown> | undefined;
      do {
        const page = await this.at.client.send(
          new QueryCommand({
            TableName: this.at.table,
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': partition, ':from': range.from, ':to': range.to },
            ExclusiveStartKey: from,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        stats.pages++;
        stats.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
        for (const raw of page.Items ?? []) {
          stats.items++;
          visit(outcomeItem().parse(raw) as ClockOutcome);
        }
        from = page.LastEvaluatedKey;
      } while (from !== undefined);
    }
  }

  async recordMissing(outcomes: readonly ClockOutcome[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < outcomes.length; i += PARALLEL_PUTS) {
      const held = await Promise.all(
        outcomes
          .slice(i, i + PARALLEL_PUTS)
          .map((outcome) =>
            conditionHeld(
              this.at.client.send(
                new PutCommand({ TableName: this.at.table, Item: item(outcome), ConditionExpression: 'attribute_not_exists(PK)' }),
              ),
            ),
          ),
      );
      added += held.filter(Boolean).length;
    }
    return added;
  }
}

/** `[start, end)` cut into at most `count` adjacent slices of whole milliseconds, in order. */
export function timeSlices(start: number, end: number, count: number): Array<readonly [number, number]> {
  const n = Math.max(1, Math.min(count, end - start));
  return Array.from(
    { length: n },
    (_, i) => [start + Math.floor(((end - start) * i) / n), start + Math.floor(((end - start) * (i + 1)) / n)] as const,
  );
}

/** The UTC-month partitions of an org that `[start, end)` touches, in order. */
export function partitionsBetween(org: string, start: number, end: number): string[] {
  const partitions: string[] = [];
  const first = new Date(start);
  for (let i = first.getUTCFullYear() * 12 + first.getUTCMonth(); Date.UTC(Math.floor(i / 12), i % 12, 1) < end; i++)
    partitions.push(keys.outcomesPartition(org, Date.UTC(Math.floor(i / 12), i % 12, 1)));
  return partitions;
}
