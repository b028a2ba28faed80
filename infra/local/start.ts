/**
 * `npm start`: the whole service on one machine. DynamoDB Local (data under $SLA_DATA_DIR,
 * default .data/), the table, the production API handler behind a local API Gateway, the console
 * (built into the data directory) on the same origin, one demo organisation per preset, and tokens
 * to try it with. Ctrl-C stops everything, Java included.
 */

import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadPreset } from '#shared/policies/presets.ts';
import { seedPresetPolicies } from '#shared/policies/seed-presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { INSTANT_HINT, parseInstant } from '#shared/time/instant.ts';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { parseRateLimits } from '../../functions/adapters/dynamo/rate-limiter.ts';
import { backfillOutcomes } from '../../functions/sweeper/outcome-backfill.ts';
import { buildWeb } from '../../web/build.ts';
import { demoOrgs } from './demo-orgs.ts';
import { seedDemoStaff } from './demo-staff.ts';
import { createApiGatewayServer } from './lib/api-gateway-server.ts';
import { ensureTable } from './lib/create-table.ts';
import { localDynamoConfig, startDynamoDbLocal } from './lib/dynamodb-local.ts';
import { FaultInjector, quickRetries } from './lib/faults.ts';
import { signLocalToken, verifyLocalToken } from './lib/local-auth.ts';
import { LocalClock } from './lib/local-clock.ts';
import { LocalRuntime } from './lib/local-runtime.ts';
import { localIdentities, localSignIn } from './lib/local-sign-in.ts';
import { localEndpoints } from './local-endpoints.ts';
import { startSmtpListener } from './smtp-listener.ts';

const TABLE_NAME = 'sla-escalator';

async function main(): Promise<void> {
  const dataDir = resolve(process.env.SLA_DATA_DIR ?? '.data');
  const port = Number(process.env.PORT ?? 3000);
  // A bad setting fails before anything starts (no Java left behind).
  const clock = clockFromEnvironment();
  const faults = faultsFromEnvironment();
  // Built into the data directory, so stacks with different data directories (parallel tests) never share a build.
  const webDir = join(dataDir, 'web');
  await buildWeb({ outDir: webDir });
  const dynamo = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
  let server: Server | undefined;
  let stopRuntime: () => Promise<void> = async () => {};
  let smtp: { close: (done: () => void) => void } | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    server?.close();
    await new Promise<void>((done) => (smtp === undefined ? done() : smtp.close(() => done())));
    await stopRuntime();
    await dynamo.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const client = new DynamoDBClient(localDynamoConfig(dynamo.endpoint));
  const table = await ensureTable(client, TABLE_NAME);
  // Tickets kept in .data/ from before clock outcomes get theirs (idempotent; on AWS: `sla backfill-outcomes`).
  if (table === 'existed') {
    const backfilled = await backfillOutcomes(documentsOf(client), TABLE_NAME);
    if (backfilled.added > 0) console.log(`clock outcomes backfilled: ${backfilled.added} for ${backfilled.tickets} tickets`);
  }
  const runtime = new LocalRuntime({
    dynamoEndpoint: dynamo.endpoint,
    table: TABLE_NAME,
    clock,
    dataDir,
    print: (line) => console.log(line),
    wrap: faults?.wrap,
    ...(faults && { retryStrategy: quickRetries() }),
    rateLimits: parseRateLimits(process.env.RATE_LIMITS),
  });
  runtime.start();
  stopRuntime = () => runtime.stop();

  // The presets as stored policies (idempotent: a version already stored is left alone).
  const seeded = await seedPresetPolicies(runtime.policyStore, clock.now());
  if (seeded > 0) console.log(`seeded ${seeded} preset policy versions`);

  const store = runtime.store;
  const demos: string[] = [];
  const orgs = demoOrgs();
  for (const { id: orgId, ...demo } of orgs) {
    // Put again on every start, unchanged when it exists: older data directories get the e-mail domain index too.
    const existing = await store.getOrg(orgId);
    const org = existing ?? defineOrg(orgId, { ...demo, emailDomains: [...demo.emailDomains] }, loadPreset(demo.policy), clock.now());
    await store.putOrg(org, { replaces: existing });
    demos.push(orgId);
  }

  const staffed = await seedDemoStaff(runtime.directory, clock.now());

  const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
  smtp = await startSmtpListener(smtpPort, (raw) => runtime.receiveMail(raw));
  // The API listens last: once /health answers, the demo organisations exist and SMTP is up.
  const api = createApiGatewayServer(runtime.api, (token) => verifyLocalToken(dataDir, token), localEndpoints(runtime, clock), {
    webDir,
    signIn: localSignIn(dataDir, localIdentities(orgs)),
  });
  server = api;
  await new Promise<void>((listening, failed) => {
    api.once('error', failed);
    api.listen(port, '127.0.0.1', () => listening());
  });
  const url = `http://127.0.0.1:${port}`;
  const admin = await signLocalToken(dataDir, { role: 'admin' });
  const agent = await signLocalToken(dataDir, { role: 'agent' });
  console.log(`sla-escalator is running at ${url}  (API docs: ${url}/openapi.json; also under ${url}/api/)`);
  console.log(`console: ${url}/  (sign in as any demo identity; built into ${webDir})`);
  console.log(`data: ${dataDir} (table ${table === 'created' ? 'created' : 'reused'}; DynamoDB Local at ${dynamo.endpoint})`);
  console.log(
    clock.mode === 'manual'
      ? `clock: manual, at ${new Date(clock.now()).toISOString()} — move it with POST /_local/clock {"advance":"PT2H"} or {"to":"…"} (admin)`
      : 'clock: real (SLA_CLOCK=manual to drive time by hand)',
  );
  console.log(`pages and e-mails: GET /_local/outbox (admin), ${join(dataDir, 'outbox.jsonl')}, and printed below`);
  console.log(`mail: SMTP on 127.0.0.1:${smtpPort} for support@sla-escalator.local; raw messages under ${join(dataDir, 'mail')}`);
  console.log(`demo organisations: ${demos.join(', ')}`);
  console.log(`demo staff: on call by weekly rotation (GET /roles)${staffed.length > 0 ? `; seeded ${staffed.join(', ')}` : ''}\n`);
  console.log(`ADMIN_TOKEN=${admin}`);
  console.log(`AGENT_TOKEN=${agent}`);
  for (const org of demos) {
    const name = org.replace('-demo', '').toUpperCase();
    console.log(`${name}_CUSTOMER_TOKEN=${await signLocalToken(dataDir, { role: 'customer', org })}`);
  }
  console.log(`\nTry:\n  curl -s ${url}/tickets -H "authorization: Bearer $KORE_CUSTOMER_TOKEN" -H 'content-type: application/json' \\`);
  console.log(`    -d '{"subject":"API down","description":"All calls fail with 503","severity":"urgent"}'`);
  console.log('More tokens: npm run --silent sla -- token --role customer --org kore-demo.  Ctrl-C stops.');
}

/** SLA_FAULTS=0.1 (seeded by SLA_FAULTS_SEED): AWS calls fail that often, half before and half after succeeding. */
function faultsFromEnvironment(): FaultInjector | undefined {
  if (process.env.SLA_FAULTS === undefined) return undefined;
  const rate = Number(process.env.SLA_FAULTS);
  if (!(rate >= 0 && rate < 1)) throw new Error(`SLA_FAULTS must be a rate in [0, 1), not "${process.env.SLA_FAULTS}"`);
  return new FaultInjector(rate, Number(process.env.SLA_FAULTS_SEED ?? 1));
}

function clockFromEnvironment(): LocalClock {
  if (process.env.SLA_CLOCK === undefined || process.env.SLA_CLOCK === 'real') return new LocalClock('real');
  if (process.env.SLA_CLOCK !== 'manual') throw new Error(`SLA_CLOCK must be "real" or "manual", not "${process.env.SLA_CLOCK}"`);
  const start = process.env.SLA_CLOCK_START === undefined ? Date.now() : parseInstant(process.env.SLA_CLOCK_START);
  if (start === undefined) throw new Error(`SLA_CLOCK_START: ${INSTANT_HINT}`);
  return new LocalClock('manual', start);
}

main().catch((error: unknown) => {
  console.error(`sla-escalator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
