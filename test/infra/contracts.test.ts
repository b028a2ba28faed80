/**
 * The contracts function's wiring, read from the synthesized template, and the reminder schedules
 * the api makes for it (the command input EventBridge Scheduler receives).
 */

import { CreateScheduleCommand, type DeleteScheduleCommand } from '@aws-sdk/client-scheduler';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { Template as Templates } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tierReviewReminderName } from '#shared/tier-review/reminder-schedule.ts';
import { EventBridgeSchedules } from '../../functions/adapters/eventbridge-schedules.ts';
import { noticeReminderName, SchedulerNoticeReminders } from '../../functions/adapters/notice-reminders.ts';
import { buildApp } from '../../infra/aws/app.ts';
import { deploymentConfig } from '../../infra/aws/config.ts';
import { NOTICE_REMINDER_PREFIX, TIER_REVIEW_REMINDER_PREFIX } from '../../infra/aws/contracts.ts';
import { consoleSiteFixture, TEST_SETTINGS } from './app-fixture.ts';
import { actionsOf, type Resource, type Statement, templateReader, text } from './template-reader.ts';

describe('the contracts function on AWS', () => {
  let service: Template;
  let resources: Record<string, Resource>;
  let functionId: (name: string) => string;
  let statementsOf: (name: string) => Statement[];

  beforeAll(() => {
    const { stateless } = buildApp(new App(), deploymentConfig(TEST_SETTINGS), consoleSiteFixture());
    service = Templates.fromStack(stateless);
    resources = service.toJSON().Resources;
    ({ functionId, statementsOf } = templateReader(resources));
  }, 120_000);

  const contractsArn = () => ({ 'Fn::GetAtt': [functionId('contracts'), 'Arn'] });
  const schedulerRole = () => {
    const found = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::IAM::Role' && id.startsWith('SchedulerInvokesContracts'));
    if (found === undefined) throw new Error('no Scheduler role for contracts');
    return found;
  };

  it('reads notices, orgs and clock outcomes and queues mail: GetItem, BatchGetItem, Query, PutItem, nothing else', () => {
    const table = statementsOf('contracts').filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    // The monthly SLA reports Query the outcomes in the table itself, besides the org list in byOrg.
    expect(table.map(actionsOf)).toEqual([['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem']]);
    expect(text(table[0]?.Resource)).toContain('/index/byOrg');
    expect(
      statementsOf('contracts')
        .flatMap(actionsOf)
        .filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('sqs:') && !a.startsWith('xray:')),
    ).toEqual([]);
  });

  it('is invoked by a Scheduler role of our group only, allowed nothing but invoking it and its dead letters', () => {
    const [id, role] = schedulerRole();
    const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(text(trust.Condition.StringEquals['aws:SourceArn'])).toContain(':schedule-group/sla-escalator-test');
    const granted = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && text(r.Properties.Roles).includes(id))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
    const invoke = granted.filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(invoke.map((s) => s.Resource)).toEqual([contractsArn()]);
    expect(granted.flatMap(actionsOf).every((a) => a === 'lambda:InvokeFunction' || a.startsWith('sqs:'))).toBe(true);
  });

  it.each([
    ['api', NOTICE_REMINDER_PREFIX],
    ['policy-publisher', TIER_REVIEW_REMINDER_PREFIX],
  ])('lets the %s make and remove only %s… schedules, passing only that role, and tells it where they go', (fn, prefix) => {
    const scheduler = statementsOf(fn).filter((s) => actionsOf(s).includes('scheduler:CreateSchedule'));
    expect(scheduler.map(actionsOf)).toEqual([['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']]);
    expect(text(scheduler[0]?.Resource)).toMatch(new RegExp(`:schedule/sla-escalator-test/${prefix}\\*"`));
    const passRole = statementsOf(fn).filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole.map((s) => [s.Resource, s.Condition])).toEqual([
      [{ 'Fn::GetAtt': [schedulerRole()[0], 'Arn'] }, { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } }],
    ]);
    const variables = (resources[functionId(fn)] as Resource).Properties.Environment.Variables;
    expect(variables.CONTRACTS_FUNCTION_ARN).toEqual(contractsArn());
    expect(variables.CONTRACTS_SCHEDULER_ROLE_ARN).toEqual({ 'Fn::GetAtt': [schedulerRole()[0], 'Arn'] });
    expect(variables.SCHEDULE_GROUP).toBe('sla-escalator-test');
    expect(text(variables.SCHEDULER_DLQ_ARN)).toContain('SchedulerDeadLetters');
  });

  it('names every tier review reminder within the prefix the publisher may write, however long the policy id', () => {
    const longest = 'a'.repeat(64);
    for (const id of ['tiered', 'x', longest, `${longest.slice(0, 63)}b`]) {
      const name = tierReviewReminderName(id);
      expect(name.startsWith(TIER_REVIEW_REMINDER_PREFIX) && /^[0-9a-zA-Z._-]{1,64}$/.test(name)).toBe(true);
    }
    expect(tierReviewReminderName(longest)).not.toBe(tierReviewReminderName(`${longest.slice(0, 63)}b`));
  });

  it('sets its failures aside after Lambda’s retries of an asynchronous invoke', () => {
    const config = Object.values(service.findResources('AWS::Lambda::EventInvokeConfig')).find((r) =>
      text(r.Properties.FunctionName).includes(functionId('contracts')),
    );
    expect(config?.Properties.MaximumRetryAttempts).toBe(2);
    expect(text(config?.Properties.DestinationConfig.OnFailure.Destination)).toContain('ContractsFailures');
  });
});

describe('notice reminder schedules', () => {
  const target = {
    groupName: 'sla-escalator-test',
    targetArn: 'arn:aws:lambda:eu-central-1:123456789012:function:contracts',
    roleArn: 'arn:aws:iam::123456789012:role/scheduler-contracts',
    deadLetterArn: 'arn:aws:sqs:eu-central-1:123456789012:dlq',
  };

  it('one-shot at() in UTC on the contracts target, deleted after it fires, named by the notice and the start', async () => {
    const sent: unknown[] = [];
    const reminders = new SchedulerNoticeReminders(
      new EventBridgeSchedules({ send: async (command: unknown) => sent.push(command) } as never, target),
    );
    const start = Date.parse('2027-03-07T10:00:00Z');
    await reminders.schedule('n-0123456789abcdef0123', start, start - 86_400_000);
    await reminders.remove('n-0123456789abcdef0123', start);
    const [create, remove] = sent as [CreateScheduleCommand, DeleteScheduleCommand];
    expect(create).toBeInstanceOf(CreateScheduleCommand);
    expect(create.input).toMatchObject({
      Name: noticeReminderName('n-0123456789abcdef0123', start),
      GroupName: 'sla-escalator-test',
      ScheduleExpression: 'at(2027-03-06T10:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: target.targetArn, RoleArn: target.roleArn, DeadLetterConfig: { Arn: target.deadLetterArn } },
    });
    expect(JSON.parse(create.input.Target?.Input ?? '')).toEqual({ kind: 'notice-reminder', notice: 'n-0123456789abcdef0123', start });
    expect(remove.input).toEqual({ Name: create.input.Name, GroupName: 'sla-escalator-test' });
    expect(create.input.Name?.startsWith(NOTICE_REMINDER_PREFIX)).toBe(true);
    expect(create.input.Name).toMatch(/^[0-9a-zA-Z._-]{1,64}$/);
  });
});
