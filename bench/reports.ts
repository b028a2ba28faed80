/**
 * SLA reports: what `GET /reports/sla` costs for one org's busy month. A seeded generator writes
 * the clock outcomes of `tickets` tickets of one KORE organisation stopped in March 2026 (a
 * response each, a first update for two in three, a ladder step for one in five; KORE has no
 * resolution targets) into a table of its own on DynamoDB Local, then the month's report is
 * folded from them through the route's own reader, `slaReportOf`. Measured: wall time (median of
 * `ROUNDS` after a warm-up), items read, Query pages and read units (eventually consistent).
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { loadPreset } from '#shared/policies/presets.ts';
import type { ClockOutcome } from '#shared/reports/clock-outcome.ts';
import type { OutcomeLog, ReadStats } from '#shared/reports/ports.ts';
import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { DynamoOutcomes, outcomeWrites } from '../functions/adapters/dynamo/outcomes.ts';
import { reportRange, slaReportOf } from '../functions/api/report-operations.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig } from '../infra/local/lib/dynamodb-local.ts';
import { median } from './cold-import.ts';
import { mulberry32 } from './seeded-random.ts';

const ORG = 'bench-kore';
const MARCH = Date.parse('2026-03-01T05:00:00Z'); // midnight in New York
/** Midnight in New York on 1 April (daylight time since 8 March). */
const APRIL = Date.parse('2026-04-01T04:00:00Z');
const MONTH_MS = APRIL - MARCH;
const ROUNDS = 5;

export interface ReportBenchmark {
  readonly name: 'reports.slaMonth';
  readonly tickets: number;
  readonly outcomes: number;
  readonly write_s: number;
  readonly items_read: number;
  readonly pages: number;
  readonly read_units: number;
  /** Median wall time of `ROUNDS` reports after a warm-up. */
  readonly ms: number;
  readonly response_pct_met: number | null;
}

/** The outcomes of `tickets` tickets whose clocks stopped in March 2026, from a seeded generator. */
export function monthOfOutcomes(tickets: number, seed = 17): ClockOutcome[] {
  const random = mulberry32(seed);
  const outcomes: ClockOutcome[] = [];
  const outcome = (caseId: number, id: string, metric: ClockOutcome['metric'], startedAt: number, targetMs: number, level?: number) => {
    const calendarMs = Math.floor(random() * 3 * targetMs);
    const stoppedAt = Math.min(MARCH + MONTH_MS - 1, startedAt + calendarMs);
    const due = startedAt + targetMs;
    const pausedMs = metric === 'response' ? 0 : Math.floor(random() * 0.2 * calendarMs);
    const met = metric !== 'escalation' && stoppedAt <= due;
    outcomes.push({
      id,
      caseId,
      org: ORG,
      policyId: 'kore',
      policyVersion: 1,
      severity: 'high',
      tier: 'premium',
      metric,
      ...(level !== undefined && { level }),
      targetMs,
      startedAt,
      due,
      stoppedAt,
      businessMs: Math.floor((stoppedAt - startedAt - pausedMs) * 0.4),
      calendarMs: stoppedAt - startedAt,
      pausedMs,
      met,
      overrunMs: met ? 0 : Math.max(0, stoppedAt - due),
    });
  };
  for (let i = 0; i < tickets; i++) {
    const caseId = 100_001 + i;
    const opened = MARCH + Math.floor(random() * (MONTH_MS - 12 * HOUR_MS));
    outcome(caseId, 'response', 'response', opened, 2 * HOUR_MS);
    if (random() < 2 / 3) outcome(caseId, 'update.1.1', 'update', opened + 30 * MINUTE_MS, 24 * HOUR_MS);
    if (random() < 1 / 5) outcome(caseId, 'escalation.high.3', 'escalation', opened, 4 * HOUR_MS, 3);
  }
  return outcomes;
}

/** Writes the outcomes 25 to a BatchWriteItem, 8 batches at a time (unprocessed items sent again). */
async function writeAll(documents: ReturnType<typeof documentsOf>, table: string, outcomes: readonly ClockOutcome[]): Promise<void> {
  const items = outcomeWrites(table, outcomes).map((w) => (w.write.Put as { Item: Record<string, unknown> }).Item);
  const batches: Array<Record<string, unknown>[]> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map(async (batch) => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }),
    );
  }
}

/** Counts what the report's reads cost. */
class MeteredLog implements OutcomeLog {
  last: ReadStats = { items: 0, pages: 0, readUnits: 0 };
  constructor(private readonly inner: DynamoOutcomes) {}
  async readBetween(...args: Parameters<OutcomeLog['readBetween']>): Promise<ReadStats> {
    this.last = await this.inner.readBetween(...args);
    return this.last;
  }
  recordMissing(outcomes: readonly ClockOutcome[]): Promise<number> {
    return this.inner.recordMissing(outcomes);
  }
}

export async function benchReports(dynamoEndpoint: string, tickets: number): Promise<ReportBenchmark> {
  const dynamo = new DynamoDBClient(localDynamoConfig(dynamoEndpoint));
  const documents = documentsOf(dynamo);
  const table = `reports-${randomUUID()}`;
  await ensureTable(dynamo, table);
  const outcomes = monthOfOutcomes(tickets);
  const writing = performance.now();
  await writeAll(documents, table, outcomes);
  const write_s = Math.round((performance.now() - writing) / 100) / 10;
  const log = new MeteredLog(new DynamoOutcomes({ client: documents, table, clock: Date.now }));
  const zone = loadPreset('kore').zone('us');
  const range = reportRange('2026-03', '2026-03', zone, Date.parse('2026-04-15T00:00:00Z'));
  let report = await slaReportOf(log, ORG, zone, range);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    report = await slaReportOf(log, ORG, zone, range);
    times.push(performance.now() - start);
  }
  return {
    name: 'reports.slaMonth',
    tickets,
    outcomes: outcomes.length,
    write_s,
    items_read: log.last.items,
    pages: log.last.pages,
    read_units: log.last.readUnits,
    ms: Math.round(median(times)),
    response_pct_met: report.metrics.find((m) => m.metric === 'response')?.pctMet ?? null,
  };
}
