/**
 * The policy publisher: the function behind `POST /policies` and `POST /policies/{id}/versions`
 * (the route table's `lambda: 'policyPublisher'` routes). It has its own function because
 * publishing compiles a policy with the policy schema (classic zod) and the holiday rules
 * (`date-holidays`), which the api bundle must not carry. The same function runs the re-plan of
 * open tickets a calendar change starts, in asynchronous invocations of itself
 * (`{ replan: { id, version } }`), each for at most `REPLAN_BUDGET_MS`, until it is done.
 */

import { LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import type { ReplanStarter } from '#shared/policies/policy-store.ts';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoPolicyStore } from '../adapters/dynamo/policies.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { contractsSchedules } from '../adapters/eventbridge-schedules.ts';
import { LambdaReplans, type ReplanEvent } from '../adapters/lambda-handoff.ts';
import type { ApiDeps } from '../api/operation.ts';
import { type ApiHandler, createRouteHandler } from '../api/route-handler.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { policyPublisherEnvironment } from './environment.ts';
import { PUBLISH_OPERATIONS } from './publish-operations.ts';
import { BudgetedReplans } from './replan.ts';

export type PublisherEvent = APIGatewayProxyEventV2 | ReplanEvent;

/** How long one asynchronous invocation re-plans before it hands the rest on (the function's timeout is longer: infra/aws/http-api.ts). */
export const REPLAN_BUDGET_MS = 60_000;

/** The publish routes alone (what API Gateway invokes; the local stack's API dispatches to it). */
export function createPublishRoutesHandler(deps: () => ApiDeps): ApiHandler {
  return createRouteHandler(deps, PUBLISH_OPERATIONS, 'sla-escalator-policy-publisher');
}

/**
 * `replans`: what an asynchronous `{ replan }` event runs (a budgeted run that hands the rest on).
 * The publish request itself only starts it (`deps().replans`), so it answers within API Gateway's 30 s.
 */
export function createPolicyPublisherHandler(deps: () => ApiDeps, replans: () => ReplanStarter) {
  const http = createPublishRoutesHandler(deps);
  return async (event: PublisherEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    if ('replan' in event) {
      await replans().start(event.replan.id, event.replan.version);
      return undefined;
    }
    return http(event, context);
  };
}

interface PublisherProduction {
  readonly deps: ApiDeps;
  readonly replans: ReplanStarter;
}

function production(): PublisherProduction {
  const env = parseEnvironment(policyPublisherEnvironment);
  const { TABLE_NAME, AWS_REGION, PUBLISHER_FUNCTION_NAME } = env;
  const documents = documentClient(AWS_REGION);
  const store = new DynamoTicketStore(documents, TABLE_NAME);
  const policyStore = new DynamoPolicyStore({ client: documents, table: TABLE_NAME, clock: Date.now });
  const policies = new CachingPolicyCatalog(policyStore, Date.now);
  const invokeSelf = new LambdaReplans(new LambdaClient({ region: AWS_REGION }), PUBLISHER_FUNCTION_NAME);
  const budgeted = new BudgetedReplans({ store, policyStore, catalog: policies, now: Date.now }, REPLAN_BUDGET_MS, (id, version) =>
    invokeSelf.start(id, version),
  );
  return {
    deps: { store, now: Date.now, policies, policyStore, replans: invokeSelf, tierReviewReminders: contractsSchedules(env) },
    replans: budgeted,
  };
}

/** The Lambda entry point. */
export const handler = entryPoint(production, (built) =>
  createPolicyPublisherHandler(
    () => built().deps,
    () => built().replans,
  ),
);
