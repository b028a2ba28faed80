/**
 * `paging.burst`: one organisation opens a burst of urgent tickets (each pages at once), then
 * another organisation opens one urgent ticket. Measured: the second organisation's first-page
 * latency, in wall time from its create's answer to its first page in the outbox, over several
 * runs (a fresh DynamoDB Local each), on the local stack with a real clock. Tickets are created through
 * the API handler directly (no gateway, no rate limit in the way), the burst 25 at a time.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { apiGatewayEvent, type Claims } from '../infra/local/lib/api-gateway-event.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig, startDynamoDbLocal } from '../infra/local/lib/dynamodb-local.ts';
import { intercept } from '../infra/local/lib/intercept.ts';
import { LocalClock } from '../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../infra/local/lib/local-runtime.ts';
import { quantile } from './cold-import.ts';

export interface BurstBenchmark {
  name: 'paging.burst';
  burst: number;
  runs: number;
  /** The other organisation's first page after its create, per run (ms). */
  latencies_ms: number[];
  p50_ms: number;
  p99_ms: number;
  /** The burst's own last first-page, for scale (median over runs, ms after the burst began). */
  burst_drained_ms: number;
  lambda_concurrency: number;
  /** The round trip added to each Scheduler, SNS and Lambda call (ms). */
  aws_latency_ms: number;
}

const ADMIN: Claims = { sub: 'admin', 'cognito:groups': '[admin]' };
const WAVE = 25;
/** The services whose calls get the modelled round trip: those on the paging path (DynamoDB Local is a real server already). */
const ROUND_TRIP_SERVICES = ['scheduler', 'sns', 'lambda'];

/**
 * The local stand-ins for Scheduler, SNS and Lambda answer in microseconds and burn CPU instead,
 * so on a small machine both designs are CPU-bound and finish together. On AWS each of those calls
 * is a network round trip that waits rather than computes; `awsLatencyMs` models that wait
 * (our assumption of a typical in-Region round trip, not a published AWS figure), which is what
 * makes a consumer that performs deadlines in stream order fall behind.
 */
export async function benchBurst(options: {
  burst: number;
  runs: number;
  lambdaConcurrency: number;
  awsLatencyMs: number;
}): Promise<BurstBenchmark> {
  const latencies: number[] = [];
  const drained: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    // A DynamoDB Local of its own per run: one JVM holding the earlier runs' tables slowed each run down (10 s → 124 s over 7 runs).
    const dynamo = await startDynamoDbLocal();
    try {
      const client = new DynamoDBClient(localDynamoConfig(dynamo.endpoint));
      const table = `burst-${randomUUID()}`;
      await ensureTable(client, table);
      const clock = new LocalClock('real');
      // The constructor option is new with the asynchronous hand-off; older runtimes ignore it.
      const runtime = new LocalRuntime({
        dynamoEndpoint: dynamo.endpoint,
        table,
        clock,
        lambdaConcurrency: options.lambdaConcurrency,
        // On AWS each stream consumer is a mapping of its own: schedule-sync does not wait for the others.
        concurrentConsumers: true,
        wrap: (service, c) =>
          !ROUND_TRIP_SERVICES.includes(service) || options.awsLatencyMs === 0
            ? c
            : intercept(c, 'initialize', 'roundTrip', async (_, call) => {
                await new Promise((resolve) => setTimeout(resolve, options.awsLatencyMs));
                return call();
              }),
      });
      /** Retries a 5xx with the same Idempotency-Key, as a careful client would (DynamoDB Local can time out under the burst). */
      const call = async (path: string, claims: Claims, body: unknown) => {
        const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
        for (let attempt = 1; ; attempt++) {
          const event = apiGatewayEvent({ method: 'POST', path, claims, headers, body: JSON.stringify(body) }, clock.now());
          const result = await runtime.api(event, { awsRequestId: 'bench' } as Context);
          if ((result.statusCode ?? 500) < 300) return JSON.parse(result.body as string) as { caseId: number };
          if ((result.statusCode ?? 500) < 500 || attempt === 5) throw new Error(`${path}: ${result.statusCode} ${result.body}`);
        }
      };
      for (const id of ['burst-org', 'other-org'])
        await call('/orgs', ADMIN, { id, name: id, policy: 'kore', tier: 'premium', region: 'us' });
      const urgent = (org: string) =>
        call('/tickets', { sub: `c@${org}`, 'custom:org': org }, { subject: 'Down', description: 'd', severity: 'urgent' });
      runtime.start(10);
      const began = performance.now();
      const burstIds: number[] = [];
      for (let i = 0; i < options.burst; i += WAVE) {
        const wave = await Promise.all(Array.from({ length: Math.min(WAVE, options.burst - i) }, () => urgent('burst-org')));
        burstIds.push(...wave.map((t) => t.caseId));
      }
      const other = await urgent('other-org');
      const created = performance.now();
      const firstPage = await waitFor(() => runtime.outbox.items.some((item) => item.caseId === other.caseId));
      latencies.push(Math.round(firstPage - created));
      const paged = new Set(burstIds);
      await waitFor(() => {
        for (const item of runtime.outbox.items) paged.delete(item.caseId);
        return paged.size === 0;
      });
      drained.push(Math.round(performance.now() - began));
      await runtime.stop();
    } finally {
      await dynamo.stop();
    }
  }
  return {
    name: 'paging.burst',
    burst: options.burst,
    runs: options.runs,
    latencies_ms: latencies,
    p50_ms: quantile(latencies, 0.5),
    p99_ms: quantile(latencies, 0.99),
    burst_drained_ms: [...drained].sort((a, b) => a - b)[Math.floor(drained.length / 2)] as number,
    lambda_concurrency: options.lambdaConcurrency,
    aws_latency_ms: options.awsLatencyMs,
  };
}

/** Resolves with the instant `done()` first holds, checked every 2 ms (no timeout: the runtime pages or the bench hangs visibly). */
async function waitFor(done: () => boolean): Promise<number> {
  for (;;) {
    if (done()) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
