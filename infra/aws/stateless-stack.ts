/**
 * The code and its wiring: the five functions, the HTTP API with a Cognito JWT authorizer, the
 * stream consumers, the Scheduler group and its invoke-only role, SES receipt rules, dead-letter
 * queues and alarms.
 */

import { ArnFormat, Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AccountRecovery, CfnUserPoolGroup, Mfa, StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType, S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '../../functions/api/routes.ts';
import { TABLE_DESIGN } from '../../functions/lib/table-design.ts';
import { RUN_NOW_WITHIN_MS } from '../../shared/sla/schedules.ts';
import type { DeploymentConfig } from './config.ts';
import { SlaFunction } from './sla-function.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly table: TableV2;
  readonly mailBucket: Bucket;
  readonly key: Key;
  readonly roleTopics: ReadonlyMap<string, Topic>;
  readonly topicPrefix: string;
}

const RETENTION: Record<DeploymentConfig['logRetentionDays'], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  14: RetentionDays.TWO_WEEKS,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

/** Objects under a prefix of the mail bucket (the ARN is built from the configured name, so it is the same in every environment). */
export function mailObjects(bucketName: string, prefix: string): string {
  return `arn:${Aws.PARTITION}:s3:::${bucketName}/${prefix}/*`;
}

/** Every schedule in our schedule group: their names are derived per deadline. */
export function schedulesIn(group: string): string {
  return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${group}/*`;
}

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** Where schedule-sync keeps the per-deadline schedules. */
  readonly scheduleGroupName: string;
  readonly functions: Record<'api' | 'scheduleSync' | 'notify' | 'inboundEmail' | 'outboundMail', SlaFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table, mailBucket, key, roleTopics } = props;
    const supportAddress = `${config.supportMailbox}@${config.supportDomain}`;
    const logRetention = RETENTION[config.logRetentionDays];
    const opsTopic = new Topic(this, 'OpsAlarms', { masterKey: key, enforceSSL: true });
    opsTopic.addSubscription(new EmailSubscription(config.opsEmail));
    const deadLetters = (name: string) =>
      new Queue(this, name, { encryption: QueueEncryption.KMS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });

    const common = { TABLE_NAME: table.tableName };
    const topicArnPrefix = Stack.of(this).formatArn({ service: 'sns', resource: props.topicPrefix, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    const scheduleGroupName = `sla-escalator-${config.stage}`;
    this.scheduleGroupName = scheduleGroupName;
    const asyncFailures = deadLetters('AsyncFailures');

    // Scheduler fires up to a minute early and notify then waits for the deadline; schedule-sync
    // carries out deadlines due within that minute itself. Both outlast the wait.
    const waitsForDeadlines = Duration.seconds(RUN_NOW_WITHIN_MS / 1000 + 30);

    const api = new SlaFunction(this, 'Api', { name: 'api', logRetention, environment: common });
    const notify = new SlaFunction(this, 'Notify', {
      name: 'notify',
      logRetention,
      timeout: waitsForDeadlines,
      environment: { ...common, ROLE_TOPIC_ARN_PREFIX: topicArnPrefix },
      deadLetterQueue: asyncFailures,
      retryAttempts: 2,
    });
    const schedulerDlq = deadLetters('SchedulerDeadLetters');
    const schedulerRole = new Role(this, 'SchedulerInvokesNotify', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler may only invoke the notify function and report to its dead-letter queue',
    });
    schedulerRole.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [notify.functionArn] }));
    schedulerDlq.grantSendMessages(schedulerRole);
    const group = new CfnScheduleGroup(this, 'ScheduleGroup', { name: scheduleGroupName });
    const scheduleSync = new SlaFunction(this, 'ScheduleSync', {
      name: 'schedule-sync',
      logRetention,
      timeout: waitsForDeadlines,
      environment: {
        ...common,
        ROLE_TOPIC_ARN_PREFIX: topicArnPrefix,
        SCHEDULE_GROUP: scheduleGroupName,
        NOTIFY_FUNCTION_ARN: notify.functionArn,
        SCHEDULER_ROLE_ARN: schedulerRole.roleArn,
        SCHEDULER_DLQ_ARN: schedulerDlq.queueArn,
      },
    });
    scheduleSync.node.addDependency(group);
    const inboundEmail = new SlaFunction(this, 'InboundEmail', {
      name: 'inbound-email',
      logRetention,
      environment: {
        ...common,
        MAIL_BUCKET: mailBucket.bucketName,
        MAIL_PREFIX: 'inbound/',
        SUPPORT_ADDRESS: supportAddress,
        MAX_MAIL_BYTES: String(config.maxMailBytes),
      },
      deadLetterQueue: asyncFailures,
      retryAttempts: 2,
    });
    const outboundMail = new SlaFunction(this, 'OutboundMail', {
      name: 'outbound-mail',
      logRetention,
      environment: { ...common, SUPPORT_ADDRESS: supportAddress },
    });
    this.functions = { api, scheduleSync, notify, inboundEmail, outboundMail };

    // Grants: explicit statements on exact ARNs (no wildcard-producing grant helpers).
    const tableResources = [table.tableArn, ...Object.keys(TABLE_DESIGN.indexes).map((index) => `${table.tableArn}/index/${index}`)];
    const tableAccess = (write: boolean) =>
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:ConditionCheckItem',
          ...(write ? ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] : []),
        ],
        resources: tableResources,
      });
    for (const fn of [api, notify, scheduleSync, inboundEmail]) fn.addToRolePolicy(tableAccess(true));
    outboundMail.addToRolePolicy(tableAccess(false));
    const publish = new PolicyStatement({ actions: ['sns:Publish'], resources: [...roleTopics.values()].map((topic) => topic.topicArn) });
    const useKey = new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] });
    for (const fn of [notify, scheduleSync]) {
      fn.addToRolePolicy(publish);
      fn.addToRolePolicy(useKey);
    }
    inboundEmail.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [mailObjects(config.mailBucketName, 'inbound')] }),
    );
    inboundEmail.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [mailObjects(config.mailBucketName, 'attachments')] }),
    );
    inboundEmail.addToRolePolicy(useKey);
    scheduleSync.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedulesIn(scheduleGroupName)],
      }),
    );
    scheduleSync.addToRolePolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [schedulerRole.roleArn] }));
    // Mail goes out as SES v2 SendEmail with simple content, which needs ses:SendEmail only (raw
    // content would also be checked against ses:SendRawEmail; we send none).
    const sendMail = new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${config.supportDomain}`],
    });
    inboundEmail.addToRolePolicy(sendMail);
    outboundMail.addToRolePolicy(sendMail);

    // The table's stream: schedule-sync and outbound-mail, in order, retried from a failed record, then set aside.
    for (const [name, fn] of [
      ['ScheduleSync', scheduleSync],
      ['OutboundMail', outboundMail],
    ] as const) {
      fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          retryAttempts: 10,
          maxRecordAge: Duration.hours(24),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(deadLetters(`${name}StreamFailures`)),
        }),
      );
    }

    // The HTTP API: one route per route-table entry; all but the public ones need a Cognito JWT.
    const users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { org: new StringAttribute({ mutable: true, maxLen: 63 }) },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const name of ['agent', 'admin']) new CfnUserPoolGroup(this, `Group-${name}`, { userPoolId: users.userPoolId, groupName: name });
    const client = users.addClient('Portal', { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', users, { userPoolClients: [client] });
    this.api = new HttpApi(this, 'HttpApi', { apiName: `sla-escalator-${config.stage}`, createDefaultStage: true });
    const integration = new HttpLambdaIntegration('Api', api);
    for (const route of ROUTES) {
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.access !== 'public' && { authorizer }),
      });
    }
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
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

    // Mail: drop spam, store the raw message, then invoke inbound-email.
    new ReceiptRuleSet(this, 'Receipt', {
      dropSpam: true,
      rules: [
        {
          recipients: [supportAddress],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.REQUIRE,
          actions: [
            new S3Action({ bucket: mailBucket, objectKeyPrefix: 'inbound/', kmsKey: key }),
            new LambdaAction({ function: inboundEmail, invocationType: LambdaInvocationType.EVENT }),
          ],
        },
      ],
    });

    // Who hears about what: SMS subscriptions take only pages; e-mail takes pages and notices.
    for (const [role, who] of Object.entries(config.subscriptions)) {
      const topic = roleTopics.get(role);
      if (topic === undefined)
        throw new Error(`subscriptions name an unknown role "${role}" (roles: ${[...roleTopics.keys()].join(', ')})`);
      for (const number of who.sms)
        topic.addSubscription(
          new SmsSubscription(number, { filterPolicy: { delivery: SubscriptionFilter.stringFilter({ allowlist: ['page'] }) } }),
        );
      for (const address of who.email) topic.addSubscription(new EmailSubscription(address));
    }

    // Alarms: anything in a dead-letter queue, any function error or throttle.
    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      new Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new SnsAction(opsTopic));
    };
    for (const queue of this.node.findAll().filter((c): c is Queue => c instanceof Queue)) {
      alarm(
        `${queue.node.id}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        `messages waiting in ${queue.node.id}: redrive after fixing the cause`,
      );
    }
    for (const [name, fn] of Object.entries(this.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(1) }), `${name} failed`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(1) }), `${name} was throttled`);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}
