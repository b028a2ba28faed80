/**
 * The API Lambda: one function behind every route. One function keeps one warm pool of
 * connections and one cold start for a small API, and lets the local server and the CDK app
 * share a single route table; the routes differ in logic, not in dependencies or permissions.
 *
 * Publishing a policy is the one exception (its routes go to functions/policy-publisher). The
 * middlewares an operation runs behind are route-handler.ts's.
 */

import { randomBytes } from 'node:crypto';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoDirectory } from '../adapters/dynamo/directory.ts';
import { DynamoHeldMailStore } from '../adapters/dynamo/held-mail.ts';
import { DynamoMailOutbox } from '../adapters/dynamo/mail-outbox.ts';
import { DynamoOutcomes } from '../adapters/dynamo/outcomes.ts';
import { DynamoPolicyStore } from '../adapters/dynamo/policies.ts';
import { DynamoRateLimiter, parseRateLimits } from '../adapters/dynamo/rate-limiter.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { DynamoTierReviews } from '../adapters/dynamo/tier-reviews.ts';
import { DynamoTimeLedger } from '../adapters/dynamo/time-entries.ts';
import { DynamoWebhookStore } from '../adapters/dynamo/webhooks.ts';
import { SnsSmsSender } from '../adapters/sns-sms.ts';
import { SqsWakeups } from '../adapters/sqs-wakeups.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { productionOncallKeys } from '../lib/oncall-secret.ts';
import { apiEnvironment } from './environment.ts';
import { productionNoticeDeps } from './notice-deps.ts';
import type { ApiDeps } from './operation.ts';
import { OPERATIONS } from './operations.ts';
import { type ApiHandler, createRouteHandler } from './route-handler.ts';

/** What Lambda, the local server and the tests call. */
export type { ApiHandler } from './route-handler.ts';

export function createApiHandler(deps: () => ApiDeps): ApiHandler {
  return createRouteHandler(deps, OPERATIONS, 'sla-escalator-api');
}

/**
 * What the Lambda runs on: DynamoDB, the real clock, the deployment's rate limits (`RATE_LIMITS`),
 * and for webhooks the SQS queue that wakes the sender, https URLs to public hosts only, and
 * cryptographic randomness for secrets and ids.
 */
export function productionDeps(): ApiDeps {
  const env = parseEnvironment(apiEnvironment);
  const { TABLE_NAME, AWS_REGION, RATE_LIMITS, WEBHOOK_QUEUE_URL, ONCALL_SECRET_ARN, SMS_ORIGINATION_NUMBER } = env;
  const documents = documentClient(AWS_REGION);
  const policyStore = new DynamoPolicyStore({ client: documents, table: TABLE_NAME, clock: Date.now });
  return {
    store: new DynamoTicketStore(documents, TABLE_NAME),
    policyStore,
    policies: new CachingPolicyCatalog(policyStore, Date.now),
    heldMail: new DynamoHeldMailStore(documents, TABLE_NAME),
    now: Date.now,
    limiter: new DynamoRateLimiter(documents, TABLE_NAME, parseRateLimits(RATE_LIMITS)),
    webhooks: {
      store: new DynamoWebhookStore({ client: documents, table: TABLE_NAME, clock: Date.now }),
      wakeups: new SqsWakeups(new SQSClient({ region: AWS_REGION }), WEBHOOK_QUEUE_URL),
      urlRules: { allowLoopbackHttp: false },
      randomBytes,
    },
    directory: new DynamoDirectory({ client: documents, table: TABLE_NAME, clock: Date.now }),
    mailOutbox: new DynamoMailOutbox({ client: documents, table: TABLE_NAME, clock: Date.now }),
    tierReviews: new DynamoTierReviews({ client: documents, table: TABLE_NAME, clock: Date.now }),
    timeLedger: new DynamoTimeLedger({ client: documents, table: TABLE_NAME, clock: Date.now }),
    outcomes: new DynamoOutcomes({ client: documents, table: TABLE_NAME, clock: Date.now }),
    ...(ONCALL_SECRET_ARN !== undefined && { oncallKeys: productionOncallKeys(ONCALL_SECRET_ARN) }),
    ...(SMS_ORIGINATION_NUMBER !== undefined && {
      sms: new SnsSmsSender(new SNSClient({ region: AWS_REGION }), SMS_ORIGINATION_NUMBER),
    }),
    ...productionNoticeDeps(env, documents),
  };
}

/** The Lambda entry point. */
export const handler = entryPoint(productionDeps, createApiHandler);
