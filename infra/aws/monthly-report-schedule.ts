/**
 * The monthly SLA report e-mails: one recurring EventBridge Scheduler schedule, 12:00 UTC on the
 * 1st (shared/reports/report-mail.ts: every zone's previous month has ended by then; cron
 * expressions and time zones as Scheduler evaluates them:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html), invoking the
 * contracts function with `{"kind":"monthly-sla-reports"}` through its Scheduler role.
 */

import type { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { MONTHLY_REPORT_SCHEDULE } from '#shared/reports/report-mail.ts';
import { type ContractScheduleProps, contractSchedule } from './tier-review-schedule.ts';

export function monthlyReportSchedule(scope: Construct, props: ContractScheduleProps): CfnSchedule {
  const description = "E-mails last month's SLA report to the organisations that asked for it, on the 1st";
  return contractSchedule(scope, 'MonthlySlaReports', MONTHLY_REPORT_SCHEDULE, description, props);
}
