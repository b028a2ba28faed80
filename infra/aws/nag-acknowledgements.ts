/**
 * cdk-nag findings we accept, each on the construct it concerns and with the reason. Anything not
 * listed fails `cdk synth` (and the CDK test).
 */

import { DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { IConstruct } from 'constructs';
import { ROUTES } from '../../functions/api/routes.ts';
import type { DeploymentConfig } from './config.ts';
import { NOTICE_REMINDER_PREFIX, TIER_REVIEW_REMINDER_PREFIX } from './contracts.ts';
import { mailObjects } from './names.ts';
import { scheduleNamesIn, schedulesIn, smsFlushSchedulesIn } from './scheduling.ts';
import type { StatefulStack } from './stateful-stack.ts';
import type { StatelessStack } from './stateless-stack.ts';

const child = (scope: IConstruct, path: string): IConstruct => {
  const found = path.split('/').reduce<IConstruct | undefined>((at, id) => at?.node.tryFindChild(id), scope);
  if (found === undefined) throw new Error(`nag acknowledgement: no construct ${scope.node.path}/${path}`);
  return found;
};

/** How cdk-nag renders a wildcard resource finding. */
const wildcard = (resource: string) => `AwsSolutions-IAM5[Resource::${resource.replace(/\$\{Token\[AWS\.(\w+)\.\d+\]\}/g, '<AWS::$1>')}]`;

/** A function's role has AWS's managed basic execution policy (it writes its own logs). */
const basicExecutionRole = (fn: IConstruct, reason: string) =>
  Validations.of(child(fn, 'ServiceRole')).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason,
  });

/** Why each public route of the route table goes without the Cognito authorizer. */
const PUBLIC_ROUTES: Readonly<Record<string, string>> = {
  'GET /health': 'Public on purpose: the liveness check reveals no data.',
  'GET /openapi.json': 'Public on purpose: the API description reveals no data.',
  'GET /acks/{token}':
    'Public on purpose: the signed, expiring token of an ack link is the capability (HMAC-SHA256 over case, deadline, person and expiry); the paged person opens it from an SMS or e-mail without signing in.',
  'POST /acks/{token}': 'Public on purpose: acknowledges the one page its signed, expiring token names, once (idempotent); nothing else.',
  'GET /notice-calendars/{org}':
    "Public on purpose: calendar apps subscribe without signing in; the URL's HMAC-SHA256 over the org id is the capability, and it shows only that org's maintenance notices.",
};

/** What the functions' `"Resource": "*"` statements hold: actions that take no resource. */
const NO_RESOURCE =
  'Only actions that take no resource: X-Ray trace segments (active tracing) and dynamodb:ListStreams for the stream consumers';

export function acknowledgeFindings(stateless: StatelessStack, config: DeploymentConfig): void {
  const { functions } = stateless;
  const texting = new Set<IConstruct | undefined>([functions.notify, functions.api, functions.smsInbound, functions.sweeper]);
  for (const fn of Object.values(functions)) {
    basicExecutionRole(fn, 'The basic execution policy only lets the function write its own CloudWatch logs.');
    Validations.of(child(fn, 'ServiceRole/DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: texting.has(fn)
        ? `${NO_RESOURCE}; sns:Publish to phone numbers (pages, verification codes, answers to replies), which names no topic and has no condition key for the number, and SNS's opt-out actions (the sweeper's ListPhoneNumbersOptedOut, sms-inbound's OptInPhoneNumber), which have no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html).`
        : `${NO_RESOURCE}.`,
    });
  }
  for (const prefix of ['inbound', 'attachments']) {
    Validations.of(child(functions.inboundEmail, 'ServiceRole/DefaultPolicy')).acknowledge({
      id: wildcard(mailObjects(config.mailBucketName, prefix)),
      reason: `Objects under ${prefix}/ of the mail bucket: SES writes one per message under a generated key; attachments get generated keys too.`,
    });
  }
  Validations.of(child(stateless, 'SesStoresMail/DefaultPolicy')).acknowledge({
    id: wildcard(mailObjects(config.mailBucketName, 'inbound')),
    reason: 'SES stores each received message under inbound/ with a key of its own making (the message id).',
  });
  if (config.oncall.originationNumber !== undefined) {
    Validations.of(child(functions.notify, 'ServiceRole/DefaultPolicy')).acknowledge({
      id: wildcard(smsFlushSchedulesIn(stateless.scheduleGroupName)),
      reason:
        "CreateSchedule inside our own schedule group only, for the flushes of a number's held SMS pages; each is named by the number and the instant.",
    });
  }
  Validations.of(child(functions.scheduleSync, 'ServiceRole/DefaultPolicy')).acknowledge({
    id: wildcard(schedulesIn(stateless.scheduleGroupName)),
    reason: 'CreateSchedule/DeleteSchedule inside our own schedule group only; schedule names are derived per deadline.',
  });
  Validations.of(child(functions.api, 'ServiceRole/DefaultPolicy')).acknowledge({
    id: wildcard(scheduleNamesIn(stateless.scheduleGroupName, NOTICE_REMINDER_PREFIX)),
    reason:
      'CreateSchedule/DeleteSchedule inside our own schedule group only, for notice reminders; each is named by its notice and start.',
  });
  Validations.of(child(functions.policyPublisher, 'ServiceRole/DefaultPolicy')).acknowledge({
    id: wildcard(scheduleNamesIn(stateless.scheduleGroupName, TIER_REVIEW_REMINDER_PREFIX)),
    reason:
      'CreateSchedule/DeleteSchedule inside our own schedule group only, for the tier review reminders of published policies; each is named by its policy.',
  });
  for (const route of ROUTES.filter((r) => r.access === 'public')) {
    const reason = PUBLIC_ROUTES[`${route.method} ${route.path}`];
    if (reason === undefined)
      throw new Error(`nag acknowledgement: the public route ${route.method} ${route.path} needs a reason in PUBLIC_ROUTES`);
    // CDK names a route `<METHOD><path>` and turns each "/" of an id into "--".
    const id = `${route.method}${route.path}`.replace(/\//g, '--');
    Validations.of(child(stateless, `HttpApi/${id}`)).acknowledge({ id: 'AwsSolutions-APIG4', reason });
  }
  Validations.of(child(stateless, 'Users')).acknowledge({
    id: 'AwsSolutions-COG8',
    reason: 'The Plus feature plan (threat protection) is billed per active user; enable it per stage when the customer base warrants it.',
  });
  const deadLetterQueues = [
    'SchedulerDeadLetters',
    'NotifyFailures',
    'ContractsFailures',
    'ScheduleSyncStreamFailures',
    'OutboundMailStreamFailures',
    'WebhookFanoutStreamFailures',
    'WebhookWakeupsDeadLetters',
  ];
  for (const queue of deadLetterQueues) {
    Validations.of(child(stateless, queue)).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (Scheduler target DLQ, the async on-failure destination of notify or contracts, a stream on-failure destination, or the redrive target of the webhook wake-ups); it is alarmed on depth.',
    });
  }
  // The drop-spam receipt rule brings a singleton function of CDK's own.
  for (const singleton of stateless.node.children.filter((c) => c.node.id.startsWith('SingletonLambda'))) {
    basicExecutionRole(singleton, "CDK's drop-spam receipt rule function: it only writes its own logs.");
  }
  Validations.of(child(stateless, 'ActivateReceiptRuleSet/CustomResourcePolicy')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'ses:SetActiveReceiptRuleSet only: the Service Authorization Reference lists no resource type for it ' +
      '(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonses.html); the rule set is per account and region.',
  });
  basicExecutionRole(
    child(stateless, `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`),
    "CDK's AwsCustomResource function (activates the receipt rule set): it only writes its own logs.",
  );
  acknowledgeConsoleFindings(stateless, config);
  if (functions.smsInbound !== undefined) {
    Validations.of(child(stateless, 'SmsInboundFailures')).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself a dead-letter queue: sms-inbound's asynchronous on-failure destination; it is alarmed on depth.",
    });
  }
  Validations.of(Stack.of(stateless)).acknowledge({
    id: '@aws-cdk/core:crossStackReferencesDefaultStrong',
    reason:
      'The service stack references the data stack on purpose (table, bucket, key, topics); the data stack is deployed first and never removed.',
  });
}

/** The on-call secret rotates by hand: links signed with a key must verify as long as they live (docs/aws-runbook.md). */
export function acknowledgeDataFindings(stateful: StatefulStack): void {
  Validations.of(stateful.oncallSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Rotated by hand (docs/aws-runbook.md, "Two-way SMS"): a new key goes first and the old one stays in previousKeys while ack links signed with it live; a rotation Lambda replacing the value would break every link in flight.',
  });
}

/** The console's distribution, and CDK's own function that copies the built files into its bucket. */
function acknowledgeConsoleFindings(stateless: StatelessStack, config: DeploymentConfig): void {
  const distribution = stateless.console.distribution;
  Validations.of(distribution).acknowledge({
    id: 'AwsSolutions-CFR1',
    reason: 'No geo restriction: customers and on-call staff sign in from anywhere, and every API call is authenticated.',
  });
  Validations.of(distribution).acknowledge({
    id: 'AwsSolutions-CFR2',
    reason:
      'No WAF web ACL by default (billed per ACL and per request): the API throttles per stage and rate-limits per organisation; attach a web ACL per stage when traffic warrants it.',
  });
  if (config.console.domainName === undefined) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'Without console.domainName the distribution serves *.cloudfront.net with the default certificate, for which CloudFront always uses the TLSv1 policy ' +
        '(https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html); with a domain and its certificate the policy is TLSv1.2_2021.',
    });
  }
  const consoleObjects = `<${stateless.getLogicalId(stateless.console.bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
  for (const deployer of stateless.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    basicExecutionRole(deployer, "CDK's BucketDeployment function (copies the console's build into its bucket): it writes its own logs.");
    Validations.of(deployer).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "CDK's BucketDeployment function runs on the Python runtime CDK pins for it; upgrading aws-cdk-lib moves it.",
    });
    const policy = child(deployer, 'ServiceRole/DefaultPolicy');
    const stack = Stack.of(stateless);
    // CDK's bootstrap bucket, named by the default synthesizer's qualifier, account and region.
    const assetBucketObjects = `arn:${stack.partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}/*`;
    const grants: Array<[string, string]> = [
      ['AwsSolutions-IAM5[Action::s3:GetObject*]', 'reads the build from the CDK asset bucket and the console bucket'],
      ['AwsSolutions-IAM5[Action::s3:GetBucket*]', 'reads the location of the asset and console buckets'],
      ['AwsSolutions-IAM5[Action::s3:List*]', 'lists the asset and console buckets to sync them'],
      ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'prunes files of earlier builds from the console bucket'],
      ['AwsSolutions-IAM5[Action::s3:Abort*]', 'aborts its own multipart uploads into the console bucket'],
      [`AwsSolutions-IAM5[Resource::${consoleObjects}]`, "objects of the console bucket only, under the build's own file names"],
      [wildcard(assetBucketObjects), "CDK's bootstrap asset bucket, where the zipped build is uploaded under a content hash"],
      [
        'AwsSolutions-IAM5[Resource::*]',
        'cloudfront:CreateInvalidation and GetInvalidation, to invalidate index.html and config.json after a deployment',
      ],
    ];
    for (const [id, what] of grants) {
      Validations.of(policy).acknowledge({ id, reason: `Grants CDK writes for BucketDeployment: it ${what}.` });
    }
  }
}
