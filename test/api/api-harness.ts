/** The API handler wired to a fresh test table and a manual clock, plus demo organisations. */

import type { AddressInfo } from 'node:net';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import { seedPresetPolicies } from '#shared/policies/seed-presets.ts';
import type { RateLimits } from '#shared/rate/token-bucket.ts';
import type { DeliveryWakeups, WakeUp } from '#shared/webhooks/ports.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { DynamoHeldMailStore } from '../../functions/adapters/dynamo/held-mail.ts';
import { DynamoMailOutbox } from '../../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoOutcomes } from '../../functions/adapters/dynamo/outcomes.ts';
import { DynamoPolicyStore } from '../../functions/adapters/dynamo/policies.ts';
import { DynamoRateLimiter } from '../../functions/adapters/dynamo/rate-limiter.ts';
import { DynamoTierReviews } from '../../functions/adapters/dynamo/tier-reviews.ts';
import { DynamoTimeLedger } from '../../functions/adapters/dynamo/time-entries.ts';
import { DynamoWebhookStore } from '../../functions/adapters/dynamo/webhooks.ts';
import { type ApiHandler, createApiHandler } from '../../functions/api/handler.ts';
import { createPublishRoutesHandler } from '../../functions/policy-publisher/handler.ts';
import { BudgetedReplans } from '../../functions/policy-publisher/replan.ts';
import { createApiGatewayServer } from '../../infra/local/lib/api-gateway-server.ts';
import { dispatchByRoute } from '../../infra/local/lib/route-dispatch.ts';
import { as, type Claims, caller } from '../support/api-events.ts';
import { testTable } from '../support/test-table.ts';
import { assertContract } from './contract.ts';

export const ORGS = {
  kore: { id: 'acme-kore', name: 'ACME (KORE)', policy: 'kore', tier: 'diamond', region: 'us' },
  netcor: { id: 'acme-netcor', name: 'ACME (NETCOR)', policy: 'netcor', tier: 'standard' },
  kidzonet: { id: 'acme-kidzonet', name: 'ACME (Kidzonet)', policy: 'kidzonet', tier: 'premium' },
  kolmisoft: { id: 'acme-kolmisoft', name: 'ACME (Kolmisoft)', policy: 'kolmisoft', tier: 'gold' },
  other: { id: 'other-kore', name: 'Other Corp', policy: 'kore', tier: 'basic', region: 'nl' },
} as const;

/** Keeps the wake-ups the API asks for (the queue the sender reads), so tests can see what was woken. */
export class RecordedWakeups implements DeliveryWakeups {
  readonly woken: Array<{ wakeUps: readonly WakeUp[]; delayMs: number }> = [];
  async wake(wakeUps: readonly WakeUp[], delayMs = 0): Promise<void> {
    this.woken.push({ wakeUps, delayMs });
  }
}

/** Bytes that differ on every call and repeat from run to run: byte i of call n is (n + i) mod 256. */
export function countingBytes(): (n: number) => Uint8Array {
  let calls = 0;
  return (n) => {
    calls++;
    return Uint8Array.from({ length: n }, (_, i) => (calls + i) % 256);
  };
}

/** Without `rateLimits` the API is unlimited: only the rate-limit tests are about limits. */
export async function apiHarness(startAt?: string, options: { rateLimits?: RateLimits } = {}) {
  const table = await testTable(startAt);
  const heldMail = new DynamoHeldMailStore(table.documents, table.name, table.clock.now);
  const limiter = options.rateLimits && new DynamoRateLimiter(table.documents, table.name, options.rateLimits);
  const webhooks = {
    store: new DynamoWebhookStore({ client: table.documents, table: table.name, clock: table.clock.now }),
    wakeups: new RecordedWakeups(),
    urlRules: { allowLoopbackHttp: true },
    randomBytes: countingBytes(),
  };
  const mailOutbox = new DynamoMailOutbox({ client: table.documents, table: table.name, clock: table.clock.now });
  const timeLedger = new DynamoTimeLedger({ client: table.documents, table: table.name, clock: table.clock.now });
  // Policies: the api function's catalog and the publisher's, each its own cache, over the same items.
  const policyStore = new DynamoPolicyStore({ client: table.documents, table: table.name, clock: table.clock.now });
  const publisherCatalog = new CachingPolicyCatalog(policyStore, table.clock.now);
  const replans = new BudgetedReplans(
    { store: table.store, policyStore, catalog: publisherCatalog, now: table.clock.now },
    Number.POSITIVE_INFINITY,
    async () => {},
  );
  const publish = createPublishRoutesHandler(() => ({
    store: table.store,
    now: table.clock.now,
    policies: publisherCatalog,
    policyStore,
    replans,
  }));
  const api = createApiHandler(() => ({
    policies: new CachingPolicyCatalog(policyStore, table.clock.now),
    policyStore,
    store: table.store,
    heldMail,
    now: table.clock.now,
    webhooks,
    directory: new DynamoDirectory({ client: table.documents, table: table.name, clock: table.clock.now }),
    mailOutbox,
    tierReviews: new DynamoTierReviews({ client: table.documents, table: table.name, clock: table.clock.now }),
    timeLedger,
    outcomes: new DynamoOutcomes({ client: table.documents, table: table.name, clock: table.clock.now }),
    ...(limiter && { limiter }),
  }));
  const handler = dispatchByRoute({ api, policyPublisher: publish });
  await seedPresetPolicies(policyStore, table.clock.now());
  const call = caller(handler);
  for (const org of Object.values(ORGS)) {
    const response = await call('POST', '/orgs', { claims: as.admin(), body: org });
    if (response.status !== 201) throw new Error(`could not create ${org.id}: ${JSON.stringify(response.body)}`);
  }
  return { ...table, handler, call, webhooks, mailOutbox, timeLedger, policyStore };
}

export const urgentOutage = { subject: 'API down', description: 'Every call answers 503.', severity: 'urgent' };

/**
 * The handler behind the local API Gateway on a free port, for clients that speak HTTP (the typed
 * client, the CLI); each bearer token stands for its claims in `tokens`. Its answers are checked
 * against the contract as `caller`'s are.
 */
export async function serveApi(handler: ApiHandler, tokens: Readonly<Record<string, Claims>>) {
  const server = createApiGatewayServer(
    async (event, context) => {
      const result = await handler(event, context);
      const headers = (result.headers ?? {}) as Record<string, string>;
      assertContract(event.requestContext.http.method, event.rawPath, result.statusCode ?? 200, headers, result.body);
      return result;
    },
    async (token) => tokens[token],
  );
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
