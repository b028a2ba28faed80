/**
 * The API Lambda: one function behind every route. One function keeps one warm pool of
 * connections and one cold start for a small API, and lets the local server and the CDK app
 * share a single route table; the routes differ in logic, not in dependencies or permissions.
 *
 * Before an operation runs, middlewares find its route (404, 405), the caller (401, 403), the
 * body (415, 413, 400) and an earlier response to replay (`Idempotency-Key`); every error becomes
 * a problem response (functions/lib/http/problem.ts).
 */

import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoDirectory } from '../adapters/dynamo/directory.ts';
import { DynamoHeldMailStore } from '../adapters/dynamo/held-mail.ts';
import { DynamoMailOutbox } from '../adapters/dynamo/mail-outbox.ts';
import { DynamoOutcomes } from '../adapters/dynamo/outcomes.ts';
import { DynamoRateLimiter, parseRateLimits } from '../adapters/dynamo/rate-limiter.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { DynamoTierReviews } from '../adapters/dynamo/tier-reviews.ts';
import { DynamoTimeLedger } from '../adapters/dynamo/time-entries.ts';
import { DynamoWebhookStore } from '../adapters/dynamo/webhooks.ts';
import { SnsSmsSender } from '../adapters/sns-sms.ts';
import { SqsWakeups } from '../adapters/sqs-wakeups.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { authenticate } from '../lib/http/authenticate.ts';
import { idempotency } from '../lib/http/idempotency.ts';
import { problemResponses } from '../lib/http/problem.ts';
import { parseJsonBody } from '../lib/http/request.ts';
import { type RoutedContext, routing } from '../lib/http/routing.ts';
import { productionOncallKeys } from '../lib/oncall-secret.ts';
import { once } from '../lib/once.ts';
import { apiEnvironment } from './environment.ts';
import { productionNoticeDeps } from './notice-deps.ts';
import type { ApiDeps, ApiRequest } from './operation.ts';
import { OPERATIONS } from './operations.ts';
import { matchRoute, type Route, routeKey } from './routes.ts';

/** Structured JSON logs; 5xx details go here and never into a response. Built on the first 5xx, which most processes never see. */
const logger = once(() => new Logger({ serviceName: 'sla-escalator-api' }));

/** What Lambda, the local server and the tests call. */
export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function createApiHandler(deps: () => ApiDeps): ApiHandler {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(
      problemResponses(({ error, event, context }) =>
        logger().error('unhandled error', { error, routeKey: event.routeKey, requestId: context.awsRequestId }),
      ),
    )
    .use(routing(matchRoute))
    .use(authenticate())
    .use(parseJsonBody<RoutedContext<Route>>((context) => Object.keys(context.route.bodyMediaTypes ?? {})))
    .use(idempotency(() => deps().store))
    .handler(async (event, context) => {
      const request: ApiRequest = {
        principal: context.principal,
        params: context.pathParameters,
        query: Object.fromEntries(
          Object.entries(event.queryStringParameters ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
        ),
        body: context.body,
        // API Gateway's v2 events carry header names in lower case.
        accept: event.headers?.accept,
        remember: (status, body) => context.idempotency && { ...context.idempotency, status, body },
      };
      const result = await OPERATIONS[routeKey(context.route)](request, deps());
      if (result.text !== undefined) {
        return { statusCode: result.status, headers: { 'content-type': result.text.contentType }, body: result.text.body };
      }
      if (result.body === undefined) return { statusCode: result.status };
      return { statusCode: result.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result.body) };
    });
  // Lambda passes its own context; the middlewares add the route, the caller, the body and the idempotency to it.
  return (event, context) => handler(event, context as Parameters<typeof handler>[1]);
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
  return {
    store: new DynamoTicketStore(documents, TABLE_NAME),
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
