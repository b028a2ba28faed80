/**
 * The monthly SLA report e-mails: one recurring EventBridge Scheduler schedule, 12:00 UTC on the
 * 1st (shared/reports/report-mail.ts: every zone's previous month has ended by then; cron
 * expressions and time zones as Scheduler evaluates them:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html), invoking the
 * contracts function with `{"kind":"monthly-sla-reports"}` through its Scheduler role.
 */

import { Duration } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { MONTHLY_REPORT_SCHEDULE } from '#shared/reports/report-mail.ts';

/** A report Scheduler could not deliver within a day is retried by nobody: the runbook says how to send it by hand. */
const REPORT_MAX_AGE = Duration.days(1);

export function monthlyReportSchedule(
  scope: Construct,
  props: { group: string; target: IFunction; role: Role; deadLetters: Queue },
): CfnSchedule {
  return new CfnSchedule(scope, 'MonthlySlaReports', {
    name: MONTHLY_REPORT_SCHEDULE.name,
    groupName: props.group,
    description: "E-mails last month's SLA report to the organisations that asked for it, on the 1st",
    scheduleExpression: MONTHLY_REPORT_SCHEDULE.expression,
    scheduleExpressionTimezone: MONTHLY_REPORT_SCHEDULE.timezone,
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: props.target.functionArn,
      roleArn: props.role.roleArn,
      input: JSON.stringify(MONTHLY_REPORT_SCHEDULE.input),
      retryPolicy: { maximumEventAgeInSeconds: REPORT_MAX_AGE.toSeconds(), maximumRetryAttempts: 10 },
      deadLetterConfig: { arn: props.deadLetters.queueArn },
    },
  });
}
