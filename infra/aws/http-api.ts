/**
 * The HTTP API: the api function behind one route per route-table entry, all but the public ones
 * behind a Cognito JWT authorizer (the user pool and its pre token trigger), with access logs and
 * the stage's throttle; and the console, served with the API under /api on one CloudFront
 * distribution, signing users in through the pool's hosted UI.
 */

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { ROUTES } from '../../functions/api/routes.ts';
import { type DeploymentConfig, signInDomainPrefix } from './config.ts';
import { deployConsole } from './console-deployment.ts';
import { type ConsoleHosting, consoleHosting } from './console-hosting.ts';
import { grantOncallSecret, grantSms, SECRETS_EXTENSION } from './oncall.ts';
import { invokeFunctionNamed, SlaFunction } from './sla-function.ts';
import { grantTable } from './table-access.ts';
import { consoleClient, signInOrigins, users } from './users.ts';

export interface HttpApiProps {
  readonly config: DeploymentConfig;
  readonly table: TableV2;
  readonly logRetention: RetentionDays;
  /** Webhook wake-ups: the API sends one when a delivery is replayed (webhooks.ts). */
  readonly webhookQueue: IQueue;
  /** The directory the console was built into (see console-build.ts). */
  readonly consoleSite: string;
  /** The keys of ack links and verification codes (oncall-data.ts). */
  readonly oncallSecret: ISecret;
  /** The policy publisher's function name (it invokes itself to go on with a re-plan). */
  readonly policyPublisherName: string;
}

export interface ServiceApi {
  readonly httpApi: HttpApi;
  /** The function behind every route. */
  readonly api: SlaFunction;
  /** The function behind the publish routes (the route table's `lambda: 'policyPublisher'`). */
  readonly policyPublisher: SlaFunction;
  /** Seeds the presets as stored policies after a deploy (a trigger). */
  readonly policySeed: SlaFunction;
  /** Cognito's pre token generation trigger. */
  readonly preToken: SlaFunction;
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  /** The console's app client (code grant with PKCE through the hosted UI). */
  readonly consoleClient: UserPoolClient;
  readonly console: ConsoleHosting;
}

/** The API's functions, users and routes, in `scope` (the stack: their logical ids are the stack's own). */
export function serviceApi(scope: Construct, props: HttpApiProps): ServiceApi {
  const { config, table, logRetention } = props;
  const api = new SlaFunction(scope, 'Api', {
    name: 'api',
    logRetention,
    environment: {
      TABLE_NAME: table.tableName,
      WEBHOOK_QUEUE_URL: props.webhookQueue.queueUrl,
      ONCALL_SECRET_ARN: props.oncallSecret.secretArn,
      ...(config.oncall.originationNumber !== undefined && { SMS_ORIGINATION_NUMBER: config.oncall.originationNumber }),
    },
    paramsAndSecrets: SECRETS_EXTENSION,
  });
  grantTable(api, table, 'api');
  props.webhookQueue.grantSendMessages(api);
  // Texts verification codes; checks them and ack links with the on-call keys.
  grantSms(api);
  grantOncallSecret(api, props.oncallSecret);
  // Cognito waits at most 5 s for a trigger.
  const preToken = new SlaFunction(scope, 'PreToken', {
    name: 'pre-token',
    logRetention,
    timeout: Duration.seconds(5),
    environment: { TABLE_NAME: table.tableName },
  });
  grantTable(preToken, table, 'preToken');

  const signIn = users(scope, preToken, signInDomainPrefix(config));
  const { pool, client } = signIn;
  const httpApi = new HttpApi(scope, 'HttpApi', { apiName: `sla-escalator-${config.stage}`, createDefaultStage: true });
  const site = consoleHosting(scope, { config, httpApi, signIn: signInOrigins(signIn) });
  const forConsole = consoleClient(pool, site.url);
  // The authorizer's audience: a token passes only if its `aud` (ID tokens) or `client_id`
  // (access tokens) is one of these clients
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
  const authorizer = new HttpUserPoolAuthorizer('Cognito', pool, { userPoolClients: [client, forConsole] });
  const { policyPublisher, policySeed } = policyFunctions(scope, props);
  const integration = new HttpLambdaIntegration('Api', api);
  const publishing = new HttpLambdaIntegration('PolicyPublisher', policyPublisher);
  for (const route of ROUTES) {
    httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: route.lambda === 'policyPublisher' ? publishing : integration,
      ...(route.access !== 'public' && { authorizer }),
    });
  }
  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
  const stage = httpApi.defaultStage?.node.defaultChild as CfnStage;
  stage.accessLogSettings = {
    destinationArn: accessLogs.logGroupArn,
    format: JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      route: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
      error: '$context.authorizer.error',
    }),
  };
  stage.defaultRouteSettings = { throttlingRateLimit: config.throttle.rateLimit, throttlingBurstLimit: config.throttle.burstLimit };
  deployConsole(scope, {
    site: props.consoleSite,
    bucket: site.bucket,
    distribution: site.distribution,
    signIn: {
      authority: pool.userPoolProviderUrl,
      clientId: forConsole.userPoolClientId,
      hostedUiOrigin: signIn.signInDomain.baseUrl(),
      consoleUrl: site.url,
    },
  });
  return { httpApi, api, policyPublisher, policySeed, preToken, pool, client, consoleClient: forConsole, console: site };
}

/**
 * The policy publisher (publishing needs the policy schema and holiday rules, which the api bundle
 * must not carry) and the preset seeder, run by a trigger after every deploy that changes it.
 */
function policyFunctions(scope: Construct, props: HttpApiProps) {
  const { table, logRetention } = props;
  const policyPublisher = new SlaFunction(scope, 'PolicyPublisher', {
    name: 'policy-publisher',
    // A name of its own, so it can invoke itself without a reference to itself (a cycle).
    functionName: props.policyPublisherName,
    logRetention,
    // A publish answers within API Gateway's 30 s; a re-plan runs 60 s an invocation (REPLAN_BUDGET_MS), then hands on.
    timeout: Duration.seconds(120),
    environment: { TABLE_NAME: table.tableName, PUBLISHER_FUNCTION_NAME: props.policyPublisherName },
  });
  grantTable(policyPublisher, table, 'policyPublisher');
  policyPublisher.addToRolePolicy(invokeFunctionNamed(scope, props.policyPublisherName));
  const policySeed = new SlaFunction(scope, 'PolicySeed', {
    name: 'policy-seed',
    logRetention,
    timeout: Duration.seconds(60),
    environment: { TABLE_NAME: table.tableName },
  });
  grantTable(policySeed, table, 'policySeed');
  // Runs after each deploy that changes the seeder (new presets change its bundle); seeding is idempotent.
  new Trigger(scope, 'SeedPresetPolicies', { handler: policySeed, executeOnHandlerChange: true, timeout: Duration.seconds(60) });
  return { policyPublisher, policySeed };
}
