import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.ts';
import { ONCALL_SETTINGS } from '../../functions/notify/environment.ts';
import { allRoles, buildApp } from '../../infra/aws/app.ts';
import { deploymentConfig } from '../../infra/aws/config.ts';
import { RUN_NOW_WITHIN_MS } from '../../shared/sla/schedules.ts';
import { consoleSiteFixture, TEST_SETTINGS } from './app-fixture.ts';

const config = deploymentConfig({
  ...TEST_SETTINGS,
  subscriptions: { oncall: { sms: ['/sla-escalator/test/sms/oncall-1'], email: ['oncall@example.com'] } },
});

describe('the CDK app', () => {
  let app: App;
  let data: Template;
  let service: Template;
  beforeAll(() => {
    app = new App();
    const { stateful, stateless } = buildApp(app, config, consoleSiteFixture());
    data = Template.fromStack(stateful);
    service = Template.fromStack(stateless);
  }, 120_000);

  describe('cdk-nag (AWS Solutions rules, registered with Validations.of(app).addPlugins)', () => {
    it('passes with every remaining finding acknowledged and explained', () => {
      const fresh = new App();
      buildApp(fresh, config, consoleSiteFixture());
      expect(() => fresh.synth()).not.toThrow();
    }, 120_000);

    it('fails the synth on a finding nobody acknowledged', () => {
      const fresh = new App();
      const { stateless } = buildApp(fresh, config, consoleSiteFixture());
      new Queue(stateless, 'Unacknowledged'); // no DLQ, no TLS-only policy, no alarm reason
      expect(() => fresh.synth()).toThrow(/AwsSolutions-SQS/);
    }, 120_000);
  });

  describe('data that outlives deployments', () => {
    it('keeps tickets in an on-demand table with recovery, protection, a stream, TTL and the repository indexes', () => {
      data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [
          Match.objectLike({ IndexName: 'byOrg' }),
          Match.objectLike({ IndexName: 'queue' }),
          Match.objectLike({ IndexName: 'due' }),
        ],
        Replicas: [
          Match.objectLike({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      });
    });

    it('keeps raw mail in an encrypted, private, TLS-only bucket with lifecycle rules', () => {
      data.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: 'sla-escalator-test-mail',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } }),
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'inbound/' })]) },
      });
      data.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    });

    it('has one KMS-encrypted topic per role, and the two-way SMS topic', () => {
      const topics = data.findResources('AWS::SNS::Topic');
      expect(
        Object.values(topics)
          .map((t) => t.Properties.TopicName)
          .sort(),
      ).toEqual([...allRoles().map((r) => `sla-escalator-test-${r}`), 'sla-escalator-inbound-sms-test'].sort());
      for (const topic of Object.values(topics)) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    });
  });

  describe('functions', () => {
    it('runs every function on Node.js 24, arm64, with JSON logs and tracing', () => {
      const fns = Object.values(service.findResources('AWS::Lambda::Function')).filter(
        (f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME?.startsWith('sla-escalator-') === true,
      );
      expect(fns).toHaveLength(12);
      for (const fn of fns)
        expect(fn.Properties).toMatchObject({
          Architectures: ['arm64'],
          LoggingConfig: { LogFormat: 'JSON' },
          TracingConfig: { Mode: 'Active' },
        });
    });

    it('gives notify time to wait out a schedule that fired up to a minute early (schedule-sync hands such deadlines to notify)', () => {
      const fns = Object.values(service.findResources('AWS::Lambda::Function'));
      const timeoutOf = (service: string) =>
        fns.find((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service)?.Properties.Timeout;
      expect(timeoutOf('sla-escalator-notify')).toBeGreaterThan(RUN_NOW_WITHIN_MS / 1000);
      expect(timeoutOf('sla-escalator-schedule-sync')).toBe(30);
      expect(timeoutOf('sla-escalator-api')).toBe(30);
    });

    it('feeds the stream to schedule-sync, outbound-mail and webhook-fanout in batches, bisecting, with bounded retries, partial failures and an on-failure queue', () => {
      const mappings = service.findResources('AWS::Lambda::EventSourceMapping', { Properties: { StartingPosition: Match.anyValue() } });
      expect(Object.keys(mappings)).toHaveLength(3);
      for (const mapping of Object.values(mappings)) {
        expect(mapping.Properties).toMatchObject({
          BatchSize: 100,
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: 10,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          StartingPosition: 'TRIM_HORIZON',
          DestinationConfig: { OnFailure: { Destination: expect.anything() } },
        });
      }
    });
  });

  const statements = () =>
    Object.values(service.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );

  describe('permissions', () => {
    it('grants no wildcard actions', () => {
      for (const statement of statements()) {
        for (const action of [statement.Action].flat()) expect(action, JSON.stringify(statement)).not.toMatch(/(^\*$|:\*$)/);
      }
    });

    it('lets the Scheduler role of the deadline schedules invoke only the notify function (and report to its dead-letter queue)', () => {
      const roles = service.findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] } },
      });
      const roleId = Object.keys(roles).find((id) => id.startsWith('SchedulerInvokesNotify'));
      const policies = Object.values(service.findResources('AWS::IAM::Policy')).filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(roleId as string),
      );
      const actions = policies
        .flatMap((p) => p.Properties.PolicyDocument.Statement.map((s: { Action: string | string[] }) => [s.Action].flat().sort().join(',')))
        .sort();
      expect(actions).toEqual(['lambda:InvokeFunction', 'sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage'].sort());
      const invoke = policies
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .find((s: { Action: string }) => s.Action === 'lambda:InvokeFunction');
      expect(JSON.stringify(invoke.Resource)).toMatch(/Notify/);
    });

    it('lets the mail functions and webhook-sender send mail (SES v2 SendEmail, not raw SendRawEmail) only from the support domain', () => {
      const ses = statements().filter((s) => [s.Action].flat().some((action) => action.startsWith('ses:Send')));
      // notify mails people only with a two-way number (oncall.test.ts); this deployment has none.
      expect(ses).toHaveLength(3);
      for (const statement of ses) {
        expect(statement.Action).toBe('ses:SendEmail');
        expect(JSON.stringify(statement.Resource)).toContain(':identity/support.example.com');
      }
      expect(JSON.stringify(statements())).not.toContain('SendRawEmail');
    });

    it('without a two-way number, lets notify page role topics only: no texts, mail, secret or flush schedules', () => {
      const [id, notify] = Object.entries(service.findResources('AWS::Lambda::Function')).find(
        ([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'sla-escalator-notify',
      ) as [string, { Properties: { Environment: { Variables: Record<string, unknown> } } }];
      for (const name of ONCALL_SETTINGS) expect(notify.Properties.Environment.Variables[name], name).toBeUndefined();
      const role = id.replace(/[0-9A-F]{8}$/, 'ServiceRole');
      const granted = Object.values(service.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
      const publish = granted.filter((s) => [s.Action].flat().includes('sns:Publish'));
      expect(publish).toHaveLength(1);
      expect(JSON.stringify(publish[0]?.Resource)).toMatch(/^\[\{"Fn::ImportValue":.*Role/);
      expect(JSON.stringify(granted)).not.toMatch(/ses:|secretsmanager:|scheduler:|iam:PassRole/);
    });

    it('lets schedule-sync manage only the deadline schedules of its own group', () => {
      expect(JSON.stringify(statements().filter((s) => [s.Action].flat().includes('scheduler:CreateSchedule')))).toContain(
        ':schedule/sla-escalator-test/sla-*',
      );
    });
  });

  describe('the HTTP API', () => {
    it('has one route per route-table entry, all but the public ones behind the Cognito JWT authorizer', () => {
      const routes = Object.values(service.findResources('AWS::ApiGatewayV2::Route'));
      expect(routes).toHaveLength(ROUTES.length);
      for (const route of ROUTES) {
        const found = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`);
        expect(found?.Properties.AuthorizationType, `${route.method} ${route.path}`).toBe(route.access === 'public' ? 'NONE' : 'JWT');
      }
      service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        AccessLogSettings: { DestinationArn: Match.anyValue() },
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
      service.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'agent' });
      service.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    });

    it('sends the publish routes to the policy publisher and every other route to the api function', () => {
      const integrations = service.findResources('AWS::ApiGatewayV2::Integration');
      const functionOf = (target: unknown) => {
        const id = JSON.stringify(target).match(/integrations\/",\{"Ref":"([^"]+)"/)?.[1] ?? '';
        return JSON.stringify(integrations[id]?.Properties.IntegrationUri).match(/"(PolicyPublisher|Api)[0-9A-F]{8}"/)?.[1];
      };
      const routes = Object.values(service.findResources('AWS::ApiGatewayV2::Route'));
      for (const route of ROUTES) {
        const found = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`);
        expect(functionOf(found?.Properties.Target), `${route.method} ${route.path}`).toBe(
          route.lambda === 'policyPublisher' ? 'PolicyPublisher' : 'Api',
        );
      }
      expect(ROUTES.filter((r) => r.lambda === 'policyPublisher').map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /policies',
        'POST /policies/{id}/versions',
      ]);
    });

    it('lets the publisher invoke only itself (a re-plan goes on in its own invocations), with a timeout past its 60 s budget', () => {
      service.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'sla-escalator-test-policy-publisher',
        Timeout: 120,
        Environment: { Variables: Match.objectLike({ PUBLISHER_FUNCTION_NAME: 'sla-escalator-test-policy-publisher' }) },
      });
      const invokes = statements().filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
      expect(JSON.stringify(invokes)).toContain(':function:sla-escalator-test-policy-publisher');
    });

    it('lets the sweeper resume a stalled re-plan in the publisher: its name in the environment, invoking it allowed', () => {
      const sweepers = Object.entries(service.findResources('AWS::Lambda::Function'))
        .filter(([id]) => /^Sweeper[0-9A-F]{8}$/.test(id))
        .map(([, f]) => f);
      expect(sweepers.map((f) => f.Properties.Environment.Variables.PUBLISHER_FUNCTION_NAME)).toEqual([
        'sla-escalator-test-policy-publisher',
      ]);
      const sweeperPolicies = Object.entries(service.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('Sweeper'));
      const invokes = sweeperPolicies
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
        .filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
      expect(JSON.stringify(invokes)).toContain(':function:sla-escalator-test-policy-publisher');
    });

    it('seeds the presets after each deploy that changes the seeder: a trigger on its current version, writing policies only', () => {
      const triggers = Object.values(service.findResources('Custom::Trigger'));
      expect(triggers).toHaveLength(1);
      expect(JSON.stringify(triggers[0]?.Properties.HandlerArn)).toMatch(/PolicySeedCurrentVersion/);
      const seedPolicies = Object.entries(service.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('PolicySeed'));
      const text = JSON.stringify(seedPolicies);
      expect(text).toContain('dynamodb:LeadingKeys');
      expect(text).toContain('POLICY#*');
      expect(text).not.toContain('dynamodb:Query');
    });
  });

  describe('mail and alarms', () => {
    it('drops spam, stores the raw message, then invokes inbound-email', () => {
      service.hasResourceProperties('AWS::SES::ReceiptRule', {
        Rule: Match.objectLike({
          Recipients: ['support@support.example.com'],
          ScanEnabled: true,
          Actions: [
            Match.objectLike({ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) }),
            Match.objectLike({ LambdaAction: Match.objectLike({ InvocationType: 'Event' }) }),
          ],
        }),
      });
    });

    it('takes SMS subscriptions for pages only', () => {
      data.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sms',
        Endpoint: { Ref: Match.anyValue() },
        FilterPolicy: { delivery: ['page'] },
      });
      data.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'oncall@example.com',
        FilterPolicy: Match.absent(),
      });
    });

    it('alarms on every dead-letter queue and on errors and throttles of every function, to the ops topic', () => {
      const alarms = Object.values(service.findResources('AWS::CloudWatch::Alarm'));
      // Every queue but the webhook wake-ups, a queue of work (alarmed on its oldest message instead).
      const queues = Object.keys(service.findResources('AWS::SQS::Queue')).filter((id) => !/^WebhookWakeups[0-9A-F]{8}$/.test(id));
      expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(queues.length);
      expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(12);
      expect(alarms.filter((a) => a.Properties.MetricName === 'Throttles')).toHaveLength(12);
      for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    });
  });

  it('refuses an invalid deployment configuration, naming the field', () => {
    expect(() => deploymentConfig({ supportDomain: 'x', mailBucketName: 'b', opsEmail: 'ops@example.com' })).toThrow(/supportDomain/);
  });
});
