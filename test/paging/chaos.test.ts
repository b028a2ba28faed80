import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos.ts';
import { type RunningDynamo, startDynamoDbLocal } from '../../infra/local/lib/dynamodb-local.ts';

describe('chaos (a small version of npm run chaos)', () => {
  // A DynamoDB Local of its own: late in the suite the shared one holds every other file's tables,
  // and there this file took 347 s (two runs past their timeout) against 45 s alone; the burst
  // bench found the same of one JVM holding many tables.
  let dynamo: RunningDynamo;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
  }, 60_000);
  afterAll(() => dynamo?.stop());

  it('delivers exactly the pages the pure engine expects when nothing fails', async () => {
    const result = await runChaos({ tickets: 25, faults: 0, seed: 11, days: 4, dynamoEndpoint: dynamo.endpoint });
    expect(result.expected).toBeGreaterThan(100);
    expect(result).toMatchObject({ tickets: 25, lost: 0, unexpected: 0, duplicated: 0, api_failures: 0 });
    expect(result.acknowledged).toBeGreaterThan(0); // some pages were acknowledged, cancelling their re-pages
    expect(result.delivered).toBe(result.expected);
  }, 120_000);

  it('loses nothing and pages nothing unexpected with 10% of AWS calls failing', async () => {
    const result = await runChaos({ tickets: 25, faults: 0.1, seed: 5, days: 4, dynamoEndpoint: dynamo.endpoint });
    expect(result.faults).toBeGreaterThan(50);
    expect(result).toMatchObject({ lost: 0, unexpected: 0 });
    expect(result.duplicated).toBeLessThanOrEqual(result.duplicates_explained);
  }, 120_000);

  it('loses nothing when stream records are lost and schedules deleted: the next change and the sweeper make good', async () => {
    const result = await runChaos({
      tickets: 25,
      faults: 0,
      lostRecords: 0.2,
      deletedSchedules: 0.5,
      seed: 3,
      days: 4,
      dynamoEndpoint: dynamo.endpoint,
    });
    expect(result.records_dropped).toBeGreaterThan(20);
    expect(result.schedules_deleted).toBeGreaterThan(10);
    expect(result).toMatchObject({ lost: 0, unexpected: 0, duplicated: 0, api_failures: 0 });
    // Late by at most a sweep interval, its grace and a minute (notify's deadlines due within one are handed over early).
    expect(result.max_delay_min).toBeLessThanOrEqual(8);
  }, 120_000);
});
