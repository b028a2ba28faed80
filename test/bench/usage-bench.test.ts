import { describe, expect, inject, it } from 'vitest';
import { benchLedger, benchUsageRoutes } from '../../bench/usage.ts';

const monthAfter = (at: number) => Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth() + 1, 1);

describe('the usage benchmark', () => {
  it('builds the ledger the brief describes: exact size, ~800 tickets, 15–240 minutes, corrections, deletions, late recordings', () => {
    const ledger = benchLedger(10_000);
    expect(ledger).toHaveLength(10_000);
    expect(new Set(ledger.map((r) => r.caseId)).size).toBe(800);
    expect(Math.min(...ledger.map((r) => r.minutes))).toBe(15);
    expect(Math.max(...ledger.map((r) => r.minutes))).toBe(240);
    const firsts = ledger.filter((r) => r.rev === 1);
    /** The share of entries, within a fifth of what was asked for. */
    const share = (n: number, asked: number) => expect(Math.abs(n / firsts.length - asked)).toBeLessThan(asked / 5);
    share(ledger.filter((r) => r.rev === 2 && r.deleted !== true).length, 0.1);
    share(ledger.filter((r) => r.deleted === true).length, 0.02);
    share(firsts.filter((r) => r.recordedAt >= monthAfter(r.at)).length, 0.03);
    expect(Math.max(...ledger.map((r) => r.recordedAt))).toBeLessThan(Date.parse('2026-12-28T12:00:00Z'));
    expect(benchLedger(10_000)).toEqual(ledger);
  });

  it('writes the ledger as the adapter does and measures both routes through the handler', async () => {
    const [usage, logged] = await benchUsageRoutes(inject('dynamoEndpoint'), benchLedger(300));
    // The first statement issues the eleven closed months (each read with its adjustments), so
    // every revision is read, some twice; the write after it reads December and what it adjusts.
    expect(usage).toMatchObject({ route: 'GET /orgs/{id}/usage', revisions: 300 });
    expect(usage?.items_read).toBeGreaterThan(301);
    expect(usage?.calls['DynamoDB.PutItem']).toBe(11);
    expect(usage?.capacity_units).toBeGreaterThan(0);
    expect(usage?.item_bytes).toBeGreaterThan(300 * 100);
    expect(usage?.response_bytes).toBeGreaterThan(usage?.item_bytes ?? 0);
    expect(logged?.route).toBe('POST /tickets/{caseId}/time');
    // The entry, then (the ledger was written without the API, so this is the first write past them)
    // the 80 % and 100 % alerts, each queued with its mark; later writes find the marks in one BatchGetItem.
    expect(logged?.calls['DynamoDB.TransactWriteItems']).toBe(3);
    expect(logged?.calls['DynamoDB.BatchGetItem']).toBe(1);
    expect(logged?.items_read).toBeLessThan(150);
  });
});
