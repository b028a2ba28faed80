/**
 * On-call paging on AWS, read from the synthesized templates of a deployment with a two-way
 * number: the two-way topic End User Messaging SMS publishes to, sms-inbound on it, the on-call
 * secret, and what notify, the api and sms-inbound may do. The documentation each relies on is
 * cited where the code does it (infra/aws/oncall.ts, oncall-data.ts).
 */

import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnvironment } from '../../functions/lib/config.ts';
import { ONCALL_KEYS_TTL_MS, ONCALL_SECRET_KEY_LENGTH, oncallKeysFrom } from '../../functions/lib/oncall-secret.ts';
import { ONCALL_SETTINGS } from '../../functions/notify/environment.ts';
import { smsInboundEnvironment } from '../../functions/sms-inbound/environment.ts';
import { buildApp } from '../../infra/aws/app.ts';
import { deploymentConfig } from '../../infra/aws/config.ts';
import { smsInbound } from '../../infra/aws/oncall.ts';
import { consoleSiteFixture, TEST_SETTINGS } from './app-fixture.ts';
import { actionsOf, type Resource, type Statement, templateReader, text } from './template-reader.ts';

const NUMBER = '+15550100123';
const config = deploymentConfig({ ...TEST_SETTINGS, oncall: { originationNumber: NUMBER, selfManagedOptOuts: true } });

/** The confused-deputy guard End User Messaging SMS's documentation gives for the topic and its key. */
function expectThisAccountsSmsVoice(statement: Statement | undefined) {
  expect(statement?.Principal).toEqual({ Service: 'sms-voice.amazonaws.com' });
  expect(statement?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  expect(text(statement?.Condition?.ArnLike['aws:SourceArn'])).toBe(
    text({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sms-voice:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']],
    }),
  );
}

describe('on-call paging on AWS', () => {
  let synthError: unknown;
  let data: Record<string, Resource>;
  let service: Record<string, Resource>;
  let functionId: (name: string) => string;
  /** The statements of a function's role, without X-Ray, its own queues and DynamoDB (see wiring.test.ts for the table). */
  let grantsOf: (name: string) => Statement[];
  let exportOf: (id: string) => string;

  beforeAll(() => {
    const app = new App();
    const { stateful, stateless } = buildApp(app, config, consoleSiteFixture());
    try {
      app.synth();
    } catch (error) {
      synthError = error;
    }
    data = Template.fromStack(stateful).toJSON().Resources;
    service = Template.fromStack(stateless).toJSON().Resources;
    const reader = templateReader(service);
    functionId = reader.functionId;
    grantsOf = (name) => reader.statementsOf(name).filter((s) => !actionsOf(s).some((a) => /^(xray|dynamodb|sqs):/.test(a)));
    // A reference from the service stack to a resource of the data stack is an import of its export.
    exportOf = (logicalId) => `SlaEscalator-test-Data:ExportsOutputRef${logicalId}`;
  }, 180_000);

  it('passes cdk-nag (Validations.of(app)) with a two-way number configured', () => {
    expect(synthError).toBeUndefined();
  });

  describe('the two-way topic', () => {
    const topicId = () => Object.keys(data).find((id) => data[id]?.Properties.TopicName === 'sla-escalator-inbound-sms-test') as string;

    it('is a standard topic encrypted with a key of its own that End User Messaging SMS of this account may use', () => {
      const topic = data[topicId()] as Resource;
      expect(topic.Properties.FifoTopic).toBeUndefined();
      const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
      expect(keyId).toMatch(/^InboundSmsKey/);
      const key = data[keyId] as Resource;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
      const grant = (key.Properties.KeyPolicy.Statement as Statement[]).find((s) => s.Sid === 'AllowEndUserMessagingSms');
      expect(grant).toMatchObject({ Effect: 'Allow', Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' });
      expectThisAccountsSmsVoice(grant);
    });

    it("lets End User Messaging SMS of this account publish, over TLS only, and nobody else's service", () => {
      const policies = Object.values(data).filter(
        (r) => r.Type === 'AWS::SNS::TopicPolicy' && text(r.Properties.Topics).includes(topicId()),
      );
      expect(policies).toHaveLength(1);
      const statements = policies[0]?.Properties.PolicyDocument.Statement as Statement[];
      expect(statements).toHaveLength(2);
      const publish = statements.find((s) => s.Effect === 'Allow');
      expect(publish).toMatchObject({ Action: 'sns:Publish', Resource: { Ref: topicId() } });
      expectThisAccountsSmsVoice(publish);
      expect(statements.find((s) => s.Effect === 'Deny')?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    });

    it('delivers to sms-inbound, which SNS alone may invoke for this topic', () => {
      const subscriptions = Object.values(service).filter((r) => r.Type === 'AWS::SNS::Subscription' && r.Properties.Protocol === 'lambda');
      expect(subscriptions.map((s) => s.Properties)).toEqual([
        {
          Protocol: 'lambda',
          Endpoint: { 'Fn::GetAtt': [functionId('sms-inbound'), 'Arn'] },
          TopicArn: { 'Fn::ImportValue': expect.stringMatching(new RegExp(`^${exportOf(topicId())}`)) },
        },
      ]);
      const permission = Object.values(service).find(
        (r) => r.Type === 'AWS::Lambda::Permission' && r.Properties.Principal === 'sns.amazonaws.com',
      );
      expect(permission?.Properties).toMatchObject({
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [functionId('sms-inbound'), 'Arn'] },
        SourceArn: { 'Fn::ImportValue': expect.stringMatching(new RegExp(`^${exportOf(topicId())}`)) },
      });
    });
  });

  describe('sms-inbound', () => {
    it("sets aside what still fails after Lambda's retries in a failure queue, alarmed like every other", () => {
      const config = Object.values(service).find(
        (r) => r.Type === 'AWS::Lambda::EventInvokeConfig' && text(r.Properties.FunctionName).includes(functionId('sms-inbound')),
      );
      expect(config?.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^SmsInboundFailures/), 'Arn'] } } },
      });
      const alarms = Object.values(service).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
      const about = (metric: string, dimension: string) =>
        alarms.filter((a) => a.Properties.MetricName === metric && text(a.Properties.Dimensions).includes(dimension));
      expect(about('Errors', functionId('sms-inbound'))).toHaveLength(1);
      expect(about('Throttles', functionId('sms-inbound'))).toHaveLength(1);
      expect(about('ApproximateNumberOfMessagesVisible', 'SmsInboundFailures')).toHaveLength(1);
      expect(about('NumberOfNotificationsFailed', 'sla-escalator-inbound-sms-test')).toHaveLength(1);
    });

    it('gets the two-way number and the opt-out mode, settings its schema accepts', () => {
      const variables = (service[functionId('sms-inbound')] as Resource).Properties.Environment.Variables as Record<string, unknown>;
      // That it gets no more and no less than its schema is wiring.test.ts's, for every function.
      const { NODE_OPTIONS: _, POWERTOOLS_SERVICE_NAME: __, ...settings } = variables;
      expect(settings).toMatchObject({ SMS_ORIGINATION_NUMBER: NUMBER, SMS_SELF_MANAGED_OPT_OUTS: 'true' });
      const parsed = parseEnvironment(smsInboundEnvironment, { ...settings, TABLE_NAME: 'sla-test', AWS_REGION: 'eu-central-1' } as Record<
        string,
        string
      >);
      expect(parsed.SMS_ORIGINATION_NUMBER).toBe(NUMBER);
    });

    it('may text numbers and take one off the opt-out list, and nothing else beyond the table', () => {
      expect(grantsOf('sms-inbound')).toEqual([{ Effect: 'Allow', Action: ['sns:Publish', 'sns:OptInPhoneNumber'], Resource: '*' }]);
    });

    it('does not exist without a two-way number (nobody could reply)', () => {
      const stack = new Stack(new App(), 'Bare');
      const table = new TableV2(stack, 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
      const topic = new Topic(stack, 'Topic');
      const replies = smsInbound(stack, { config: deploymentConfig(TEST_SETTINGS), table, topic, logRetention: RetentionDays.ONE_DAY });
      expect(replies).toBeUndefined();
      expect(stack.node.findAll().map((c) => c.node.id)).toEqual(['Bare', 'Table', 'Resource', 'Topic', 'Resource']);
    });
  });

  describe('the on-call secret', () => {
    const secret = () => Object.entries(data).find(([, r]) => r.Type === 'AWS::SecretsManager::Secret') as [string, Resource];

    it('is generated at deployment in the shape the functions read, and kept when the stack goes', () => {
      const [, resource] = secret();
      const generate = resource.Properties.GenerateSecretString;
      expect(generate).toMatchObject({ GenerateStringKey: 'key', PasswordLength: ONCALL_SECRET_KEY_LENGTH, ExcludePunctuation: true });
      expect(resource.DeletionPolicy).toBe('Retain');
      // What Secrets Manager stores: the template with `key` set to the generated letters and digits.
      const generated = JSON.stringify({ ...JSON.parse(generate.SecretStringTemplate), key: 'x7'.repeat(ONCALL_SECRET_KEY_LENGTH / 2) });
      expect(oncallKeysFrom(generated).ackLinkKeys).toHaveLength(1);
    });

    it('is read by notify and the api through the Parameters and Secrets extension, whose cache time is the keys', () => {
      for (const name of ['notify', 'api']) {
        const fn = (service[functionId(name)] as Resource).Properties;
        expect(text(fn.Layers), name).toContain('Paramsandsecretslayer');
        expect(fn.Environment.Variables.SECRETS_MANAGER_TTL, name).toBe(String(ONCALL_KEYS_TTL_MS / 1000));
        const reads = grantsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
        expect(reads, name).toEqual([
          {
            Effect: 'Allow',
            Action: 'secretsmanager:GetSecretValue',
            Resource: { 'Fn::ImportValue': expect.stringMatching(new RegExp(`^${exportOf(secret()[0])}`)) },
          },
        ]);
      }
    });

    it('is named to notify and the api, and the api gets the two-way number its verification texts come from', () => {
      for (const name of ['notify', 'api']) {
        const variables = (service[functionId(name)] as Resource).Properties.Environment.Variables as Record<string, unknown>;
        expect(text(variables.ONCALL_SECRET_ARN), name).toContain(exportOf(secret()[0]));
        expect(variables.SMS_ORIGINATION_NUMBER, name).toBe(NUMBER);
      }
    });
  });

  describe('what notify and the api may do', () => {
    it('notify: text numbers, mail from the support domain, read the secret, schedule its SMS flushes through the role Scheduler assumes', () => {
      const grants = grantsOf('notify');
      expect(grants.map((s) => [actionsOf(s), s.Condition])).toEqual([
        [['sns:Publish'], undefined], // the role topics, for a role with nobody on call
        [['kms:GenerateDataKey', 'kms:Decrypt'], undefined], // their key
        [['sns:Publish'], undefined], // phone numbers
        [['ses:SendEmail'], undefined],
        [['secretsmanager:GetSecretValue'], undefined],
        [['scheduler:CreateSchedule'], undefined],
        [['iam:PassRole'], { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } }],
      ]);
      expect(text(grants[0]?.Resource)).not.toContain('*');
      expect(grants[2]?.Resource).toBe('*');
      expect(text(grants[3]?.Resource)).toContain(':identity/support.example.com');
      expect(text(grants[5]?.Resource)).toContain(':schedule/sla-escalator-test/sms-flush-*');
      expect(grants[6]?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SchedulerInvokesNotify/), 'Arn'] });
    });

    it('gives notify every on-call setting, its own ARN by the name it is given, and the Scheduler role and dead letters schedule-sync uses', () => {
      const fn = (service[functionId('notify')] as Resource).Properties;
      const variables = fn.Environment.Variables as Record<string, unknown>;
      for (const name of ONCALL_SETTINGS) expect(variables[name], name).toBeDefined();
      expect(variables).toMatchObject({
        SMS_ORIGINATION_NUMBER: NUMBER,
        SMS_ACK_LINKS: 'false',
        SUPPORT_ADDRESS: 'support@support.example.com',
      });
      expect(text(variables.CONSOLE_URL)).toMatch(/https:\/\/.*Console.*DomainName/);
      expect(text(variables.NOTIFY_FUNCTION_ARN)).toContain(`:function:${fn.FunctionName}`);
      const sync = (service[functionId('schedule-sync')] as Resource).Properties.Environment.Variables;
      expect(variables.SCHEDULER_ROLE_ARN).toEqual(sync.SCHEDULER_ROLE_ARN);
      expect(variables.SCHEDULER_DLQ_ARN).toEqual(sync.SCHEDULER_DLQ_ARN);
      expect(variables.SCHEDULE_GROUP).toEqual(sync.SCHEDULE_GROUP);
      expect(variables.ONCALL_SECRET_ARN).toEqual({ 'Fn::ImportValue': expect.stringContaining('OncallSecret') });
    });

    it('the api: text verification codes and read the secret (and, for notices, their reminder schedules)', () => {
      expect(grantsOf('api').map((s) => [actionsOf(s), s.Resource === '*'])).toEqual([
        [['sns:Publish'], true],
        [['secretsmanager:GetSecretValue'], false],
        // The notice-… schedules and the role they run as: their resources are checked in contracts.test.ts.
        [['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'], false],
        [['iam:PassRole'], false],
      ]);
    });
  });

  describe('ack links need no sign-in', () => {
    it('routes GET and POST /acks/{token} without the Cognito authorizer; acking as a signed-in person keeps it', () => {
      const routes = Object.values(service).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
      const route = (key: string) => routes.find((r) => r.Properties.RouteKey === key)?.Properties;
      for (const key of ['GET /acks/{token}', 'POST /acks/{token}']) {
        expect(route(key), key).toMatchObject({ AuthorizationType: 'NONE' });
        expect(route(key)?.AuthorizerId, key).toBeUndefined();
      }
      expect(route('POST /tickets/{caseId}/acknowledgements')).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
    });
  });
});
