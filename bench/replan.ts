/**
 * `policies.replan`: re-planning a policy's open tickets after a calendar change (a closure day
 * added to a netcor copy), on DynamoDB Local through the production re-plan (batches from the
 * work-queue index, one conditional ticket write each): tickets per second and the total time. The
 * dry run's count over the same tickets is timed too.
 */

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import { newReplan, type PolicyVersionRecord } from '#shared/policies/policy-store.ts';
import { presetFile } from '#shared/policies/presets.ts';
import { compilePolicyText } from '#shared/policy/compile-policy.ts';
import { Policy } from '#shared/policy/policy.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { DynamoPolicyStore } from '../functions/adapters/dynamo/policies.ts';
import { DynamoTicketStore } from '../functions/adapters/dynamo/ticket-store.ts';
import { openTicketMoves, runReplan } from '../functions/policy-publisher/replan.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig } from '../infra/local/lib/dynamodb-local.ts';
import { LocalClock } from '../infra/local/lib/local-clock.ts';

export interface ReplanBenchmark {
  readonly name: 'policies.replan';
  readonly tickets: number;
  readonly dry_run_ms: number;
  /** Open tickets the dry run looked at (at most `DRY_RUN_MAX_TICKETS`, in work order) and how many of them move. */
  readonly dry_run_examined: number;
  readonly moved: number;
  readonly replan_ms: number;
  readonly tickets_per_s: number;
}

/** Monday 21 Dec 2026, 10:00 in Berlin. */
const NOW = Date.parse('2026-12-21T09:00:00Z');

function version(text: string, id: string, v: number, edit: (yaml: string) => string = (y) => y): PolicyVersionRecord {
  const { spec } = compilePolicyText(edit(text.replace(/^id: netcor$/m, `id: ${id}`).replace(/^version: 1$/m, `version: ${v}`)), id);
  return {
    id,
    version: v,
    name: spec.name,
    document: {},
    spec: JSON.stringify(spec),
    publishedBy: 'bench',
    publishedAt: NOW,
    calendarsChanged: v > 1,
  };
}

export async function benchReplan(dynamoEndpoint: string, tickets: number): Promise<ReplanBenchmark> {
  const dynamo = new DynamoDBClient(localDynamoConfig(dynamoEndpoint));
  const documents = documentsOf(dynamo);
  const table = `replan-${randomUUID()}`;
  await ensureTable(dynamo, table);
  const clock = new LocalClock('manual', NOW);
  const store = new DynamoTicketStore(documents, table, clock.now);
  const policies = new DynamoPolicyStore({ client: documents, table, clock: clock.now });
  const netcor = readFileSync(presetFile('netcor'), 'utf8');
  const id = 'netcor-bench';
  const v1 = version(netcor, id, 1);
  await policies.publish(v1, { id, name: v1.name, latest: 1, preset: false, updatedAt: NOW });
  const policy = Policy.fromSpec(JSON.parse(v1.spec));
  const org = defineOrg('bench-org', { name: 'Bench', policy: id, tier: 'standard' }, policy, NOW);
  const severities = policy.severities;
  for (let start = 0; start < tickets; start += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, tickets - start) }, async (_, i) => {
        const n = start + i;
        const fields = { softwareVersion: '1', systemDetails: 'x' };
        const request = { subject: `t${n}`, description: 'd', severity: severities[n % severities.length] as string, fields };
        // Opened over the week before, so some clocks cross the 24th and some do not.
        const at = NOW - (n % 5) * 86_400_000;
        await store.createTicket(openTicket(20_001 + n, org, policy, request, { kind: 'customer', id: 'c' }, at, { channel: 'api' }));
      }),
    );
  }
  const v2 = version(netcor, id, 2, (t) =>
    t.replace('holidays: { country: DE, region: NI }', 'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }'),
  );
  const catalog = new CachingPolicyCatalog(policies, clock.now);
  const dryStart = performance.now();
  const moves = await openTicketMoves({ store }, Policy.fromSpec(JSON.parse(v2.spec)), catalog);
  const dryRunMs = performance.now() - dryStart;
  await policies.publish(v2, { id, name: v2.name, latest: 2, preset: false, updatedAt: NOW }, newReplan(id, 2, NOW));
  const started = performance.now();
  const done = await runReplan({ store, policyStore: policies, catalog, now: clock.now }, id, 2);
  const replanMs = performance.now() - started;
  if (done?.state !== 'done' || done.replanned !== tickets) throw new Error(`re-plan ended ${JSON.stringify(done)}`);
  return {
    name: 'policies.replan',
    tickets,
    dry_run_ms: Math.round(dryRunMs),
    dry_run_examined: moves.examined,
    moved: moves.moved,
    replan_ms: Math.round(replanMs),
    tickets_per_s: Math.round((tickets / replanMs) * 1000),
  };
}
