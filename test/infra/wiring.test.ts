/**
 * The AWS wiring, read from the synthesized templates. Each test names the AWS behaviour it
 * relies on; the documentation is cited where the code does it (infra/aws/*).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '../../functions/adapters/dynamo/table-design.ts';
import { ATTEMPT_TIMEOUT_MS } from '../../functions/adapters/webhook-caller.ts';
import { apiEnvironment } from '../../functions/api/environment.ts';
import { inboundEmailEnvironment } from '../../functions/inbound-email/environment.ts';
import { notifyEnvironment } from '../../functions/notify/environment.ts';
import { outboundMailEnvironment } from '../../functions/outbound-mail/environment.ts';
import { preTokenEnvironment } from '../../functions/pre-token/environment.ts';
import { scheduleSyncEnvironment } from '../../functions/schedule-sync/environment.ts';
import { smsInboundEnvironment } from '../../functions/sms-inbound/environment.ts';
import { sweeperEnvironment } from '../../functions/sweeper/environment.ts';
import { webhookFanoutEnvironment } from '../../functions/webhook-fanout/environment.ts';
import { webhookSenderEnvironment } from '../../functions/webhook-sender/environment.ts';
import { SENDING } from '../../functions/webhook-sender/send-deliveries.ts';
import { buildApp } from '../../infra/aws/app.ts';
import { deploymentConfig } from '../../infra/aws/config.ts';
import { SCHEDULE_NAME_PREFIX } from '../../infra/aws/scheduling.ts';
import { STREAM_CONSUMERS } from '../../infra/aws/stream-consumers.ts';
import { TABLE_ACTIONS } from '../../infra/aws/table-access.ts';
import { WAKEUP_QUEUE } from '../../infra/aws/wakeup-queue.ts';
import { WAKEUP_MAX_AGE } from '../../infra/aws/webhooks.ts';
import { scheduleName } from '../../shared/sla/schedules.ts';
import { consoleSiteFixture, TEST_SETTINGS } from './app-fixture.ts';
import { actionsOf, type Resource, type Statement, templateReader, text } from './template-reader.ts';

const config = deploymentConfig({
  ...TEST_SETTINGS,
  smsSpendAlarmUsd: 120,
  oncall: { originationNumber: '+15550100123' },
  subscriptions: { oncall: { sms: ['/sla-escalator/test/sms/oncall-1'], email: ['oncall@example.com'] } },
});

describe('the AWS wiring', () => {
  let data: Template;
  let service: Template;
  let resources: Record<string, Resource>;
  /** The logical id of the function whose POWERTOOLS_SERVICE_NAME is sla-escalator-<name>. */
  let functionId: (name: string) => string;
  /** Every statement of the identity policies attached to a function's role. */
  let statementsOf: (name: string) => Statement[];

  beforeAll(() => {
    const app = new App();
    const { stateful, stateless } = buildApp(app, config, consoleSiteFixture());
    data = Template.fromStack(stateful);
    service = Template.fromStack(stateless);
    resources = service.toJSON().Resources;
    ({ functionId, statementsOf } = templateReader(resources));
  }, 120_000);

  describe('the org claim is not user-writable', () => {
    it('lets the portal client write and read only standard attributes, never custom:org', () => {
      service.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        WriteAttributes: ['email', 'name'],
        ReadAttributes: ['email', 'email_verified', 'name'],
      });
    });

    it('runs the pre-token trigger on every token, and it may only read one item of the table', () => {
      service.hasResourceProperties('AWS::Cognito::UserPool', {
        LambdaConfig: { PreTokenGeneration: { 'Fn::GetAtt': [functionId('pre-token'), 'Arn'] } },
      });
      service.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'cognito-idp.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionId('pre-token'), 'Arn'] },
      });
      const table = statementsOf('pre-token').filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      expect(table.flatMap(actionsOf)).toEqual(['dynamodb:GetItem']);
      expect(text(table.map((s) => s.Resource))).not.toContain('/index/');
      // Cognito waits at most 5 s for a trigger.
      expect((resources[functionId('pre-token')] as Resource).Properties.Timeout).toBe(5);
    });
  });

  describe('alarms deliver', () => {
    it('encrypts the ops topic with its own key, which CloudWatch alarms of this account may use', () => {
      const [opsTopic] = Object.values(service.findResources('AWS::SNS::Topic'));
      const keyId = opsTopic?.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
      const key = resources[keyId] as Resource;
      expect(key.Type).toBe('AWS::KMS::Key');
      const grant = (key.Properties.KeyPolicy.Statement as Statement[]).find((s) => text(s.Principal).includes('cloudwatch.amazonaws.com'));
      expect(grant).toMatchObject({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] });
      expect(grant?.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(text(grant?.Condition.ArnLike['aws:SourceArn'])).toMatch(/:cloudwatch:.*:alarm:\*/);
      for (const alarm of Object.values(service.findResources('AWS::CloudWatch::Alarm')))
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: Object.keys(service.findResources('AWS::SNS::Topic'))[0] }]);
    });
  });

  describe('alarms deliver (the topic policy)', () => {
    it('lets CloudWatch alarms of this account publish to the ops topic, whose TLS-only policy replaces the default one', () => {
      const [opsTopicId] = Object.keys(service.findResources('AWS::SNS::Topic'));
      const policies = Object.values(service.findResources('AWS::SNS::TopicPolicy')).filter((p) =>
        text(p.Properties.Topics).includes(String(opsTopicId)),
      );
      expect(policies).toHaveLength(1);
      const statements = policies[0]?.Properties.PolicyDocument.Statement as Statement[];
      const publish = statements.find((s) => text(s.Principal).includes('cloudwatch.amazonaws.com'));
      expect(publish).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: opsTopicId } });
      expect(publish?.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(text(publish?.Condition.ArnLike['aws:SourceArn'])).toMatch(/:cloudwatch:.*:alarm:\*/);
      // The TLS-only deny stays.
      expect(statements.some((s) => s.Effect === 'Deny' && text(s.Condition).includes('aws:SecureTransport'))).toBe(true);
    });
  });

  describe('inbound mail is readable', () => {
    it('stores mail without client-side encryption (no KmsKeyArn on the S3 action), through a role of its own', () => {
      const rule = Object.values(service.findResources('AWS::SES::ReceiptRule')).find((r) => r.Properties.Rule.Name === 'support-inbound');
      const store = rule?.Properties.Rule.Actions[0].S3Action;
      expect(store).toEqual({
        BucketName: 'sla-escalator-test-mail',
        ObjectKeyPrefix: 'inbound/',
        IamRoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^SesStoresMail/), 'Arn'] },
      });
      service.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'sla-escalator-test' });
    });

    it('lets SES assume that role only for our receipt rule, to put under inbound/ with the mail key', () => {
      const rule = Object.entries(service.findResources('AWS::SES::ReceiptRule')).find(
        ([, r]) => r.Properties.Rule.Name === 'support-inbound',
      ) as [string, Resource & { DependsOn?: string[] }];
      const roleId = rule[1].Properties.Rule.Actions[0].S3Action.IamRoleArn['Fn::GetAtt'][0];
      const trust = (resources[roleId] as Resource).Properties.AssumeRolePolicyDocument.Statement as Statement[];
      expect(trust).toHaveLength(1);
      expect(trust[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ses.amazonaws.com' } });
      expect(trust[0]?.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(text(trust[0]?.Condition.StringEquals['aws:SourceArn'])).toContain(
        ':receipt-rule-set/sla-escalator-test:receipt-rule/support-inbound',
      );
      const granted = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && text(r.Properties.Roles).includes(roleId))
        .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
      expect(granted.map((s) => actionsOf(s))).toEqual([['s3:PutObject'], ['kms:Encrypt', 'kms:GenerateDataKey']]);
      expect(text(granted[0]?.Resource)).toContain(':s3:::sla-escalator-test-mail/inbound/*');
      expect(text(granted[1]?.Resource)).toMatch(/DataKey/);
      // SES checks it can write when the rule is created: the role and its policy come first.
      expect(rule[1].DependsOn).toEqual(expect.arrayContaining([roleId, expect.stringMatching(/^SesStoresMailDefaultPolicy/)]));
    });

    it('needs no SES statement in the bucket policy or the key policy (the role alone is used)', () => {
      const bucketPolicies = Object.values(data.findResources('AWS::S3::BucketPolicy'));
      expect(bucketPolicies.length).toBeGreaterThan(0);
      for (const policy of bucketPolicies) expect(text(policy.Properties.PolicyDocument)).not.toContain('ses.amazonaws.com');
      for (const key of Object.values(data.findResources('AWS::KMS::Key')))
        expect(text(key.Properties.KeyPolicy)).not.toContain('ses.amazonaws.com');
    });
  });

  describe('least privilege', () => {
    it.each(Object.entries(TABLE_ACTIONS))('gives %s only the DynamoDB actions its code uses', (fn, expected) => {
      const name = fn.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const granted = statementsOf(name)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a));
      expect(granted.sort()).toEqual(expected.map((a) => `dynamodb:${a}`).sort());
    });

    it("lets no function but the api, sms-inbound and webhook-sender delete items, webhook-sender only its endpoints' attempt slots", () => {
      const deleters = Object.values(resources).filter(
        (r) => r.Type === 'AWS::IAM::Policy' && text(r.Properties.PolicyDocument).includes('dynamodb:DeleteItem'),
      );
      expect(deleters.map((r) => text(r.Properties.Roles)).sort()).toEqual([
        expect.stringContaining('ApiServiceRole'),
        expect.stringContaining('SmsInboundServiceRole'),
        expect.stringContaining('WebhookSenderServiceRole'),
      ]);
      const senderDeletes = statementsOf('webhook-sender').filter((s) => actionsOf(s).includes('dynamodb:DeleteItem'));
      expect(senderDeletes.map((s) => s.Condition)).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WEBHOOK#*'] } }]);
    });

    it('uses separate keys for the mail bucket, the role topics and the two-way SMS topic', () => {
      const keys = Object.keys(data.findResources('AWS::KMS::Key'));
      expect(keys).toHaveLength(3);
      const topicKeys = new Set(
        Object.values(data.findResources('AWS::SNS::Topic')).map((t) => t.Properties.KmsMasterKeyId['Fn::GetAtt'][0]),
      );
      const bucket = Object.values(data.findResources('AWS::S3::Bucket', { Properties: { BucketName: 'sla-escalator-test-mail' } }))[0];
      const bucketKey =
        bucket?.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID[
          'Fn::GetAtt'
        ][0];
      expect(topicKeys.size).toBe(2);
      expect(topicKeys.has(bucketKey)).toBe(false);
    });

    it('lets Scheduler assume its roles only for schedules of our group in this account', () => {
      const roles = Object.values(
        service.findResources('AWS::IAM::Role', {
          Properties: {
            AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] },
          },
        }),
      );
      // notify's (deadlines, the sweep) and contracts' (notice reminders).
      expect(roles).toHaveLength(3);
      for (const role of roles) {
        const condition = role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals;
        expect(condition['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
        expect(text(condition['aws:SourceArn'])).toContain(':schedule-group/sla-escalator-test');
      }
    });

    it('warns operators that those parameters are readable through DescribeStacks, where the template exposes them', () => {
      // SSM-typed stack parameters come back from DescribeStacks with their ResolvedValue.
      const ssmTyped = Object.values(data.toJSON().Parameters as Record<string, { Type: string }>).filter((p) =>
        p.Type.startsWith('AWS::SSM::Parameter::Value'),
      );
      expect(ssmTyped.length).toBeGreaterThan(0);
      const readme = readFileSync(join(import.meta.dirname, '../../docs/aws-runbook.md'), 'utf8');
      const phones = /- \*\*Phone numbers\*\*[\s\S]*?(?=\n- \*\*)/.exec(readme)?.[0] ?? '';
      expect(phones).toContain('cloudformation:DescribeStacks');
      expect(phones).toContain('ResolvedValue');
      expect(phones).toContain('sns:ListSubscriptionsByTopic');
    });

    it("alarms on the API's 5xx", () => {
      service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: Match.anyValue() }],
        Threshold: 1,
      });
    });

    it('keeps phone numbers out of the configuration: SMS endpoints are SSM parameters resolved at deploy time', () => {
      const subscription = Object.values(data.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'sms' } }))[0];
      const parameter = subscription?.Properties.Endpoint.Ref;
      expect(data.toJSON().Parameters[parameter]).toEqual({
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/sla-escalator/test/sms/oncall-1',
      });
      expect(() => deploymentConfig({ ...config, subscriptions: { oncall: { sms: ['+15555550100'] } } })).toThrow(
        /subscriptions\.oncall\.sms\.0: phone numbers do not belong in cdk\.json/,
      );
    });
  });

  describe('least privilege, after review', () => {
    const isStream = (action: string) => /Stream|GetRecords|GetShardIterator/.test(action);
    const tableStatements = (name: string) =>
      statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:') && !isStream(a)));

    it('gives notify, outbound-mail and the sweeper no table action their code does not call', () => {
      expect(tableStatements('notify').flatMap(actionsOf).sort()).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
      // It reads tickets and queued mail, and marks each recipient of a queued mail as sent; a
      // notice's fan-out reads the orgs on byOrg only and puts the notice's copies and its mails.
      const outbound = tableStatements('outbound-mail');
      expect(outbound.map(actionsOf)).toEqual([['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'], ['dynamodb:Query']]);
      expect(text(outbound[0]?.Resource)).not.toContain('/index/');
      expect(text(outbound[1]?.Resource).match(/\/index\/\w+/g)).toEqual(['/index/byOrg']);
      // The sweeper queries the due index (which projects whole tickets) and the people on byOrg, no
      // other index and not the table; it reads and puts items to record an opted-out number.
      const sweeper = tableStatements('sweeper');
      expect(sweeper.map(actionsOf)).toEqual([['dynamodb:GetItem', 'dynamodb:PutItem'], ['dynamodb:Query']]);
      expect(text(sweeper[0]?.Resource)).not.toContain('/index/');
      expect(text(sweeper[1]?.Resource).match(/\/index\/\w+/g)).toEqual(['/index/due', '/index/byOrg']);
      // SNS's opted-out list, mirrored into the directory (a call with no resource).
      expect(statementsOf('sweeper').filter((s) => actionsOf(s).some((a) => a.startsWith('sns:')))).toEqual([
        { Effect: 'Allow', Action: 'sns:ListPhoneNumbersOptedOut', Resource: '*' },
      ]);
    });

    it('lets pre-token read membership items only (dynamodb:LeadingKeys MEMBER#*)', () => {
      const [statement] = tableStatements('pre-token');
      expect(statement?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MEMBER#*'] } });
    });

    it('lets schedule-sync create and delete only the deadline schedules (never the sweep), and pass its role only to Scheduler', () => {
      const scheduler = statementsOf('schedule-sync').find((s) => actionsOf(s).includes('scheduler:DeleteSchedule'));
      expect(text(scheduler?.Resource)).toMatch(new RegExp(`:schedule/sla-escalator-test/${SCHEDULE_NAME_PREFIX}\\*"`));
      expect(scheduleName(10042, 'response', Date.UTC(2026, 0, 1)).startsWith(SCHEDULE_NAME_PREFIX)).toBe(true);
      expect(scheduleName(10042, 'x'.repeat(80), Date.UTC(2026, 0, 1)).startsWith(SCHEDULE_NAME_PREFIX)).toBe(true);
      const [sweep] = Object.values(service.findResources('AWS::Scheduler::Schedule'));
      expect(String(sweep?.Properties.Name).startsWith(SCHEDULE_NAME_PREFIX)).toBe(false);
      const passRole = statementsOf('schedule-sync').find((s) => actionsOf(s).includes('iam:PassRole'));
      expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    });

    it('lets SES invoke inbound-email only for our receipt rule (SourceAccount and SourceArn)', () => {
      const permissions = Object.values(
        service.findResources('AWS::Lambda::Permission', {
          Properties: { Principal: 'ses.amazonaws.com', FunctionName: { 'Fn::GetAtt': [functionId('inbound-email'), 'Arn'] } },
        }),
      );
      expect(permissions).toHaveLength(1);
      expect(permissions[0]?.Properties.SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
      expect(text(permissions[0]?.Properties.SourceArn)).toContain(':receipt-rule-set/sla-escalator-test:receipt-rule/support-inbound');
    });

    it('gives the portal client no OAuth flows or callback URLs, and keeps an unverified e-mail change from taking effect', () => {
      const [client] = Object.values(service.findResources('AWS::Cognito::UserPoolClient'));
      expect(client?.Properties).not.toHaveProperty('AllowedOAuthFlows');
      expect(client?.Properties).not.toHaveProperty('CallbackURLs');
      expect(client?.Properties.AllowedOAuthFlowsUserPoolClient ?? false).toBe(false);
      service.hasResourceProperties('AWS::Cognito::UserPool', {
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      });
    });
  });

  describe('the receipt rule set is active after every deploy', () => {
    it('activates our rule set on create and update (a renamed set too), in place, after its rules exist', () => {
      const custom = Object.entries(service.findResources('Custom::AWS'));
      expect(custom).toHaveLength(1);
      const [id, activate] = custom[0] as [string, Resource & { DependsOn?: string[] }];
      expect(id).toMatch(/^ActivateReceiptRuleSet/);
      const call = (phase: string) => JSON.parse(activate.Properties[phase]);
      for (const phase of ['Create', 'Update']) {
        expect(call(phase)).toMatchObject({
          service: 'SES',
          action: 'SetActiveReceiptRuleSet',
          parameters: { RuleSetName: 'sla-escalator-test' },
          // One physical id whatever the name: a rename updates in place, so no Delete (which deactivates) follows it.
          physicalResourceId: { id: 'active-receipt-rule-set' },
        });
      }
      // Deleting the stage stops its mail (an active set cannot be deleted).
      expect(call('Delete')).toMatchObject({ service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} });
      const ruleSet = Object.keys(service.findResources('AWS::SES::ReceiptRuleSet'))[0];
      const rules = Object.keys(service.findResources('AWS::SES::ReceiptRule'));
      expect(activate.DependsOn).toEqual(expect.arrayContaining([ruleSet, ...rules]));
      const policy = Object.values(resources).find(
        (r) => r.Type === 'AWS::IAM::Policy' && text(r.Properties.PolicyDocument).includes('ses:SetActiveReceiptRuleSet'),
      );
      expect(((policy?.Properties.PolicyDocument.Statement ?? []) as Statement[]).map(actionsOf)).toEqual([
        ['ses:SetActiveReceiptRuleSet'],
      ]);
    });
  });

  describe('alarms on SMS', () => {
    it('alarms on the month-to-date SMS spend at the configured threshold, and on failed deliveries of every role topic', () => {
      service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SNS',
        MetricName: 'SMSMonthToDateSpentUSD',
        Threshold: 120,
        Dimensions: Match.absent(),
      });
      const topics = Object.values(data.findResources('AWS::SNS::Topic')).map((t) => t.Properties.TopicName);
      const failures = Object.values(
        service.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'NumberOfNotificationsFailed' } }),
      );
      expect(failures.map((a) => a.Properties.Dimensions[0].Value).sort()).toEqual(topics.sort());
    });
  });

  describe('failures land where the runbook says', () => {
    it("sends notify's failed async invocations to NotifyFailures after two retries, alarmed, with its URL as an output", () => {
      const [queueId] = Object.keys(service.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith('NotifyFailures'));
      service.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId('notify') },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
      service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      });
      service.hasOutput('NotifyFailuresQueueUrl', { Value: { Ref: queueId } });
    });
  });

  describe("each function's environment is its schema's", () => {
    const SCHEMAS = {
      api: apiEnvironment,
      notify: notifyEnvironment,
      'schedule-sync': scheduleSyncEnvironment,
      sweeper: sweeperEnvironment,
      'inbound-email': inboundEmailEnvironment,
      'outbound-mail': outboundMailEnvironment,
      'pre-token': preTokenEnvironment,
      'webhook-fanout': webhookFanoutEnvironment,
      'webhook-sender': webhookSenderEnvironment,
      'sms-inbound': smsInboundEnvironment,
    };
    /**
     * Set for every function by SlaFunction (Node's options and the Powertools service name), and
     * by CDK for the Parameters and Secrets extension beside notify and the api (its own settings).
     */
    const RUNTIME = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'];
    const EXTENSION = /^(PARAMETERS_SECRETS_EXTENSION|SECRETS_MANAGER|SSM_PARAMETER_STORE)_/;

    it.each(Object.entries(SCHEMAS))('passes %s every required setting of its schema and nothing the schema lacks', (name, schema) => {
      const passed = Object.keys((resources[functionId(name)] as Resource).Properties.Environment.Variables).filter(
        (key) => !RUNTIME.includes(key) && !EXTENSION.test(key),
      );
      // The Lambda runtime sets AWS_REGION.
      const declared = Object.keys(schema.shape).filter((key) => key !== 'AWS_REGION');
      const required = declared.filter((key) => schema.shape[key as keyof typeof schema.shape]._zod.optin !== 'optional');
      expect(declared).toEqual(expect.arrayContaining(passed));
      expect(passed).toEqual(expect.arrayContaining(required));
    });
  });

  describe('points 5 and 11: fair paging and the sweeper', () => {
    it('lets schedule-sync hand due deadlines to notify by async invoke, never publish itself, at parallelization 10', () => {
      const sync = resources[functionId('schedule-sync')] as Resource;
      expect(Object.keys(sync.Properties.Environment.Variables).sort()).toEqual(
        [
          'NODE_OPTIONS',
          'NOTIFY_FUNCTION_ARN',
          'POWERTOOLS_SERVICE_NAME',
          'SCHEDULER_DLQ_ARN',
          'SCHEDULER_ROLE_ARN',
          'SCHEDULE_GROUP',
        ].sort(),
      );
      const actions = statementsOf('schedule-sync').flatMap(actionsOf);
      expect(actions).toContain('lambda:InvokeFunction');
      expect(actions.filter((a) => a.startsWith('sns:') || a.startsWith('kms:'))).toEqual([]);
      service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId('schedule-sync') },
        ParallelizationFactor: 10,
      });
    });

    it('runs the sweeper every 5 minutes from our schedule group, with a role that may only invoke it', () => {
      const sweeper = functionId('sweeper');
      const schedule = Object.values(service.findResources('AWS::Scheduler::Schedule'))[0];
      expect(schedule?.Properties).toMatchObject({
        GroupName: 'sla-escalator-test',
        ScheduleExpression: 'rate(5 minutes)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] } },
      });
      const role = schedule?.Properties.Target.RoleArn['Fn::GetAtt'][0];
      const invokes = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && text(r.Properties.Roles).includes(role))
        .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
      expect(invokes.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [sweeper, 'Arn'] }]);
      expect(Object.keys((resources[sweeper] as Resource).Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'NOTIFY_FUNCTION_ARN']),
      );
      const query = statementsOf('sweeper').find((s) => actionsOf(s).includes('dynamodb:Query'));
      expect(text(query?.Resource)).toContain(`/index/${Object.keys(TABLE_DESIGN.indexes).find((i) => i === 'due')}`);
      expect(statementsOf('sweeper').find((s) => actionsOf(s).includes('lambda:InvokeFunction'))?.Resource).toEqual({
        'Fn::GetAtt': [functionId('notify'), 'Arn'],
      });
    });
  });

  describe('webhook delivery', () => {
    /** The logical id of the one queue whose id is `<id>` and CDK's hash. */
    const queueId = (id: string) => {
      const found = Object.keys(service.findResources('AWS::SQS::Queue')).filter((q) => new RegExp(`^${id}[0-9A-F]{8}$`).test(q));
      expect(found, id).toHaveLength(1);
      return found[0] as string;
    };
    const wakeups = () => queueId('WebhookWakeups');
    const queueProperties = (id: string) => (resources[id] as Resource).Properties;
    const timeoutOf = (name: string) => (resources[functionId(name)] as Resource).Properties.Timeout as number;

    it("keeps a wake-up invisible for at least six times the sender's timeout once received (Lambda's guidance for SQS sources)", () => {
      expect(timeoutOf('webhook-sender')).toBe(WAKEUP_QUEUE.senderTimeoutSeconds);
      expect(queueProperties(wakeups()).VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeoutOf('webhook-sender'));
    });

    it("gives webhook-sender time for a wake-up's attempts and their writes, and no longer than it holds an endpoint's slot", () => {
      const attempts = (SENDING.attemptsPerWakeUp * ATTEMPT_TIMEOUT_MS) / 1000;
      // Ten seconds for the table and SQS calls around the attempts.
      expect(timeoutOf('webhook-sender')).toBeGreaterThanOrEqual(attempts + 10);
      expect(timeoutOf('webhook-sender')).toBeLessThanOrEqual(SENDING.slotLeaseMs / 1000);
    });

    it("lets webhook-fanout query only the index of organisations' endpoints, and read and add items on the table", () => {
      const table = statementsOf('webhook-fanout').filter((s) =>
        actionsOf(s).some((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a)),
      );
      const query = table.filter((s) => actionsOf(s).includes('dynamodb:Query'));
      expect(query.map(actionsOf)).toEqual([['dynamodb:Query']]);
      expect(query[0]?.Resource).toEqual({ 'Fn::Join': ['', [expect.anything(), '/index/byOrg']] });
    });

    it('moves a wake-up received five times to its dead-letter queue, which keeps messages longer than the queue does', () => {
      const deadLetters = queueId('WebhookWakeupsDeadLetters');
      expect(queueProperties(wakeups()).RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLetters, 'Arn'] },
        maxReceiveCount: WAKEUP_QUEUE.maxReceiveCount,
      });
      // A standard queue's message keeps its first enqueue time in the dead-letter queue.
      expect(queueProperties(deadLetters).MessageRetentionPeriod).toBeGreaterThan(queueProperties(wakeups()).MessageRetentionPeriod);
      service.hasOutput('WebhookDeadLettersQueueUrl', { Value: { Ref: deadLetters } });
    });

    it('encrypts the wake-up queue with KMS and refuses it anything but TLS', () => {
      expect(queueProperties(wakeups()).KmsMasterKeyId).toBe('alias/aws/sqs');
      const policies = Object.values(service.findResources('AWS::SQS::QueuePolicy')).filter((p) =>
        text(p.Properties.Queues).includes(`"${wakeups()}"`),
      );
      expect(policies).toHaveLength(1);
      const statements = policies[0]?.Properties.PolicyDocument.Statement as Statement[];
      expect(statements).toEqual([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    });

    it('feeds the wake-ups to webhook-sender in small batches, reporting single failures, at a bounded concurrency', () => {
      const mappings = Object.values(
        service.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: functionId('webhook-sender') } } }),
      );
      expect(mappings).toHaveLength(1);
      expect(mappings[0]?.Properties).toEqual({
        FunctionName: { Ref: functionId('webhook-sender') },
        EventSourceArn: { 'Fn::GetAtt': [wakeups(), 'Arn'] },
        BatchSize: WAKEUP_QUEUE.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: WAKEUP_QUEUE.maxConcurrency },
      });
      // A small share of the account's default 1,000.
      expect(WAKEUP_QUEUE.maxConcurrency).toBeLessThanOrEqual(50);
      // In no VPC: Lambda's default, with a way to the internet.
      expect((resources[functionId('webhook-sender')] as Resource).Properties.VpcConfig).toBeUndefined();
    });

    it('feeds the table stream to webhook-fanout at its parallelization factor, with an on-failure queue', () => {
      service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId('webhook-fanout') },
        ParallelizationFactor: STREAM_CONSUMERS.webhookFanout.parallelizationFactor,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId('WebhookFanoutStreamFailures'), 'Arn'] } } },
      });
    });

    it.each([
      ['schedule-sync', ['TICKET']],
      ['outbound-mail', ['TICKET', { prefix: 'EVENT#' }, 'MAIL', 'NOTICE', { prefix: 'REMINDER#' }]],
      ['webhook-fanout', ['TICKET', { prefix: 'EVENT#' }]],
    ])('sends %s only the stream records of ticket items (and timeline entries and queued mail where it reads them)', (name, sortKeys) => {
      const mappings = Object.values(resources).filter(
        (r) =>
          r.Type === 'AWS::Lambda::EventSourceMapping' && text(r.Properties.FunctionName) === text({ Ref: functionId(name as string) }),
      );
      expect(mappings).toHaveLength(1);
      const patterns = mappings[0]?.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
      expect(patterns).toEqual([{ dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: sortKeys } } } }]);
    });

    it.each(['api', 'webhook-fanout', 'webhook-sender', 'sweeper'])("gives %s the wake-up queue's URL", (name) => {
      expect((resources[functionId(name)] as Resource).Properties.Environment.Variables.WEBHOOK_QUEUE_URL).toEqual({ Ref: wakeups() });
    });

    it('lets only the api, webhook-fanout, webhook-sender and the sweeper send wake-ups, and only webhook-sender receive them', () => {
      const roleOf = (name: string) => (resources[functionId(name)] as Resource).Properties.Role['Fn::GetAtt'][0];
      const granted = (action: string) =>
        Object.values(resources)
          .filter(
            (r) =>
              r.Type === 'AWS::IAM::Policy' &&
              (r.Properties.PolicyDocument.Statement as Statement[]).some(
                (s) => actionsOf(s).includes(action) && text(s.Resource).includes(`"${wakeups()}"`),
              ),
          )
          .flatMap((r) => r.Properties.Roles.map((role: { Ref: string }) => role.Ref))
          .sort();
      expect(granted('sqs:SendMessage')).toEqual(['api', 'webhook-fanout', 'webhook-sender', 'sweeper'].map(roleOf).sort());
      expect(granted('sqs:ReceiveMessage')).toEqual([roleOf('webhook-sender')]);
      // Nor does a resource policy let anybody else in (the queue's only policy is the TLS deny).
      for (const policy of Object.values(service.findResources('AWS::SQS::QueuePolicy')))
        for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) expect(statement.Effect).toBe('Deny');
    });

    it("lets webhook-sender send mail only as the support address, through the support domain's SES identity", () => {
      const ses = statementsOf('webhook-sender').filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses).toHaveLength(1);
      expect(ses[0]).toMatchObject({ Effect: 'Allow', Action: 'ses:SendEmail' });
      expect(text(ses[0]?.Resource)).toMatch(/:ses:".*:identity\/support\.example\.com"/);
      expect(ses[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'support@support.example.com' } });
      expect(
        statementsOf('webhook-fanout')
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('ses:')),
      ).toEqual([]);
    });

    it("keeps webhook-sender, which calls the internet, to endpoints' partitions of the table", () => {
      const table = statementsOf('webhook-sender').filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      expect(table.length).toBeGreaterThan(0);
      for (const statement of table)
        expect(statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WEBHOOK#*'] } });
    });

    it("alarms on the wake-ups' dead letters and on a wake-up waiting too long, never on the wake-up queue's depth", () => {
      const alarmsOn = (id: string) =>
        Object.values(service.findResources('AWS::CloudWatch::Alarm')).filter(
          (a) => text(a.Properties.Dimensions) === text([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }]),
        );
      expect(alarmsOn(queueId('WebhookWakeupsDeadLetters')).map((a) => a.Properties.MetricName)).toEqual([
        'ApproximateNumberOfMessagesVisible',
      ]);
      const [oldest, ...others] = alarmsOn(wakeups());
      expect(others).toEqual([]);
      expect(oldest?.Properties).toMatchObject({
        MetricName: 'ApproximateAgeOfOldestMessage',
        Threshold: WAKEUP_MAX_AGE.toSeconds(),
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      // Longer than the longest delay a wake-up is sent with (SQS's 15 minutes), or it would fire on every retry.
      expect(WAKEUP_MAX_AGE.toSeconds()).toBeGreaterThan(900);
      for (const name of ['webhook-fanout', 'webhook-sender'])
        service.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(name) } }],
        });
    });
  });
});
