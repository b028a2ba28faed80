/**
 * `api.createTicket`: autocannon against the local API (the production handler behind the local
 * API Gateway, on DynamoDB Local), beside the floor: bare DocumentClient PutItems of an item of
 * the same size, at the same concurrency, against the same DynamoDB Local.
 */

import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { DynamoRateLimiter, parseRateLimits } from '../functions/adapters/dynamo/rate-limiter.ts';
import { keys } from '../functions/adapters/dynamo/table-design.ts';
import { DynamoTicketStore } from '../functions/adapters/dynamo/ticket-store.ts';
import { createApiHandler } from '../functions/api/handler.ts';
import { createApiGatewayServer } from '../infra/local/lib/api-gateway-server.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig, startDynamoDbLocal } from '../infra/local/lib/dynamodb-local.ts';
import { signLocalToken, verifyLocalToken } from '../infra/local/lib/local-auth.ts';

export interface ApiBenchmark {
  name: 'api.createTicket';
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** PutItem of a copy of a stored ticket item: same size, same attributes, so the same index maintenance. */
  floor_rps: number;
  /** PutItem of an item of the same size without index attributes. */
  floor_plain_rps: number;
  /** What a create does, without the API: a case id from the store (its counter `ADD`s), then a conditional PutItem of a ticket item. */
  same_calls_rps: number;
  connections: number;
  duration_s: number;
  non_2xx: number;
}

export async function benchCreateTicket(options: { connections: number; durationSeconds: number }): Promise<ApiBenchmark> {
  const dynamo = await startDynamoDbLocal();
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-bench-'));
  try {
    const client = new DynamoDBClient(localDynamoConfig(dynamo.endpoint));
    const documents = documentsOf(client);
    const table = 'sla-bench';
    await ensureTable(client, table);
    const store = new DynamoTicketStore(documents, table);
    const policy = loadPreset('kore');
    await store.putOrg(defineOrg('bench-org', { name: 'Bench', policy: 'kore', tier: 'premium', region: 'us' }, policy, Date.now()), {
      mustBeNew: true,
    });

    // Each create pays its bucket write, as in production, under a limit no run reaches (the bench
    // measures cost, not refusals). Its token (1000 days / 10^9, 86 ms) keeps the bucket partly used
    // throughout, as a real limit does, so each write is one commuting `tat + token`, not a race
    // for an idle bucket. RATE_LIMITS overrides it (`off`: no bucket write).
    const limiter = new DynamoRateLimiter(documents, table, parseRateLimits(process.env.RATE_LIMITS ?? 'tickets=999999999/1000d'));
    const server = createApiGatewayServer(
      createApiHandler(() => ({ policies: PRESET_CATALOG, store, now: Date.now, limiter })),
      (token) => verifyLocalToken(dataDir, token),
    );
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tickets`;
    const token = await signLocalToken(dataDir, { role: 'customer', org: 'bench-org' });
    const body = JSON.stringify({
      subject: 'Provisioning fails',
      description: 'SIM activations time out since 09:00 UTC.',
      severity: 'high',
    });

    const load = (seconds: number) =>
      autocannon({
        url,
        method: 'POST',
        connections: options.connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });

    // The floor: the same number of writers putting an item as large as a stored ticket.
    await load(2);
    // autocannon returns at the deadline, not when the server is done: on a cold, busy machine the
    // first create may still be on its way (its rate-limit write comes first), so wait up to 10 s.
    let sample: Record<string, unknown> | undefined;
    for (let wait = 0; sample === undefined && wait < 50; wait++) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      sample = (await documents.send(new GetCommand({ TableName: table, Key: keys.ticket(10_001) }))).Item;
    }
    if (sample === undefined) throw new Error('the warm-up created no ticket');
    const padding = 'x'.repeat(Math.max(0, JSON.stringify(sample).length - 60));
    let run = 0;
    const putFloor = async (seconds: number, item: (id: string) => Record<string, unknown>, before?: () => Promise<unknown>) => {
      let puts = 0;
      const until = Date.now() + seconds * 1000;
      run++;
      const writer = async (w: number) => {
        for (let i = 0; Date.now() < until; i++) {
          await before?.();
          await documents.send(
            new PutCommand({ TableName: table, Item: item(`${run}#${w}#${i}`), ConditionExpression: before && 'attribute_not_exists(PK)' }),
          );
          puts++;
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: options.connections }, (_, w) => writer(w)));
      return puts / ((Date.now() - started) / 1000);
    };
    const ticketCopy = (id: string) => ({ ...sample, PK: `FLOOR#${id}`, GSI1SK: `${sample.GSI1SK}#${id}`, QSK: `${sample.QSK}#${id}` });
    const plain = (id: string) => ({ PK: `FLOOR#${id}`, SK: 'FLOOR', padding });
    await putFloor(2, ticketCopy);
    await putFloor(2, plain);

    // Everything is warm now (the JVM behind DynamoDB Local compiles as it goes): measure each once.
    const result = await load(options.durationSeconds);
    server.close();
    const floor = await putFloor(options.durationSeconds, ticketCopy);
    const floorPlain = await putFloor(options.durationSeconds, plain);
    const sameCalls = await putFloor(options.durationSeconds, ticketCopy, () => store.nextCaseId());

    return {
      name: 'api.createTicket',
      rps: Math.round(result.requests.average),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      floor_rps: Math.round(floor),
      floor_plain_rps: Math.round(floorPlain),
      same_calls_rps: Math.round(sameCalls),
      connections: options.connections,
      duration_s: options.durationSeconds,
      non_2xx: result.non2xx,
    };
  } finally {
    await dynamo.stop();
  }
}
