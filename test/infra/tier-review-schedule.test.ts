/**
 * The tier review reminders on AWS, in a stack of their own: one recurring schedule per preset with
 * a review, its cron expression and time zone as Scheduler evaluates them
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html), on the contracts target.
 */

import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { deploymentConfig } from '../../infra/aws/config.ts';
import { tierReviewSchedules } from '../../infra/aws/tier-review-schedule.ts';
import { TEST_SETTINGS } from './app-fixture.ts';

describe('the tier review reminder schedules', () => {
  const stack = new Stack(new App(), 'Reminders');
  const target = new LambdaFunction(stack, 'Contracts', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {};'),
  });
  const role = new Role(stack, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
  const deadLetters = new Queue(stack, 'Dlq');
  tierReviewSchedules(stack, { group: 'sla-escalator-test', target, role, deadLetters });
  const schedules = Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule'));

  it('makes one per preset with a tier review: the tiered preset only', () => {
    expect(schedules.map((s) => s.Properties.Name)).toEqual(['tier-review-tiered']);
  });

  it("fires at 09:00 on the first day of January, April, July and October, in the policy's zone (Berlin)", () => {
    expect(schedules[0]?.Properties).toMatchObject({
      GroupName: 'sla-escalator-test',
      ScheduleExpression: 'cron(0 9 1 1,4,7,10 ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it('invokes the contracts function through its Scheduler role with the policy, dead letters to the queue', () => {
    const { Target } = schedules[0]?.Properties ?? {};
    expect(Target.Arn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(target.node.defaultChild as never), 'Arn'] });
    expect(Target.RoleArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as never), 'Arn'] });
    expect(JSON.parse(Target.Input)).toEqual({ kind: 'tier-review-reminder', policy: 'tiered' });
    expect(Target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(deadLetters.node.defaultChild as never), 'Arn'] });
  });

  it('reminds the addresses cdk.json names, or the ops address', () => {
    expect(deploymentConfig(TEST_SETTINGS).adminEmails).toBeUndefined();
    expect(deploymentConfig({ ...TEST_SETTINGS, adminEmails: ['contracts@example.com'] }).adminEmails).toEqual(['contracts@example.com']);
    expect(() => deploymentConfig({ ...TEST_SETTINGS, adminEmails: ['not an address'] })).toThrow(/adminEmails/);
  });
});
