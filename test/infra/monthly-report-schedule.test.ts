/**
 * The monthly SLA report schedule on AWS: 12:00 UTC on the 1st, when every zone's previous month
 * has ended (UTC−12's ends at 12:00 UTC), on the contracts target with its role and dead letters.
 */

import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { monthlyReportSchedule } from '../../infra/aws/monthly-report-schedule.ts';

describe('the monthly SLA report schedule', () => {
  const stack = new Stack(new App(), 'Reports');
  const target = new LambdaFunction(stack, 'Contracts', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {};'),
  });
  const role = new Role(stack, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
  const deadLetters = new Queue(stack, 'Dlq');
  monthlyReportSchedule(stack, { group: 'sla-escalator-test', target, role, deadLetters });

  it('fires at 12:00 UTC on the first of every month and invokes the contracts function with its kind', () => {
    const [schedule] = Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule'));
    expect(schedule?.Properties).toMatchObject({
      Name: 'monthly-sla-reports',
      GroupName: 'sla-escalator-test',
      ScheduleExpression: 'cron(0 12 1 * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    const { Target } = schedule?.Properties ?? {};
    expect(JSON.parse(Target.Input)).toEqual({ kind: 'monthly-sla-reports' });
    expect(Target.RoleArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as never), 'Arn'] });
    expect(Target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(deadLetters.node.defaultChild as never), 'Arn'] });
  });
});
