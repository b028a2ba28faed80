/**
 * The contracts function locally: its production handler registered with the Lambda stand-in
 * under its ARN (the notice reminders' and tier review reminders' Scheduler target), and the api's
 * notice dependencies (the table, reminders as schedules on that target).
 */

import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import type { MailOutbox } from '#shared/email/ports.ts';
import { loadPreset, PRESET_IDS } from '#shared/policies/presets.ts';
import { MONTHLY_REPORT_SCHEDULE } from '#shared/reports/report-mail.ts';
import { tierReviewReminderSchedule } from '#shared/tier-review/reminder-schedule.ts';
import { markedIds, queueOnceForGood } from '../../../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoNoticeStore } from '../../../functions/adapters/dynamo/notices.ts';
import { DynamoOutcomes } from '../../../functions/adapters/dynamo/outcomes.ts';
import { storedPolicyCatalog } from '../../../functions/adapters/dynamo/policies.ts';
import type { TableContext } from '../../../functions/adapters/dynamo/table.ts';
import { DynamoTicketStore } from '../../../functions/adapters/dynamo/ticket-store.ts';
import { DynamoTierReviews } from '../../../functions/adapters/dynamo/tier-reviews.ts';
import type { EventBridgeSchedules } from '../../../functions/adapters/eventbridge-schedules.ts';
import { SchedulerNoticeReminders } from '../../../functions/adapters/notice-reminders.ts';
import type { ApiDeps } from '../../../functions/api/operation.ts';
import { createContractsHandler } from '../../../functions/contracts/handler.ts';
import type { LocalLambda } from './local-lambda.ts';
import type { LocalScheduler } from './local-scheduler.ts';

/** Who the local stack reminds to run the tier reviews (on AWS: cdk.json's `adminEmails`). */
export const LOCAL_ADMIN_ADDRESS = 'admin@sla-escalator.example';

export function localContracts(
  lambda: LocalLambda,
  schedules: EventBridgeSchedules,
  deps: { readonly table: TableContext; readonly mailOutbox: MailOutbox },
): { readonly api: Pick<ApiDeps, 'notices' | 'noticeReminders'> } {
  const notices = new DynamoNoticeStore(deps.table);
  const policies = storedPolicyCatalog(deps.table);
  const contracts = createContractsHandler(() => ({
    notices: { notices },
    tierReviews: {
      reviews: new DynamoTierReviews(deps.table),
      mailOutbox: deps.mailOutbox,
      admins: [LOCAL_ADMIN_ADDRESS],
      now: deps.table.clock,
      policies,
    },
    monthlyReports: {
      store: new DynamoTicketStore(deps.table.client, deps.table.table, deps.table.clock),
      outcomes: new DynamoOutcomes(deps.table),
      queueOnce: (mails) => queueOnceForGood(deps.table, mails),
      queued: (ids) => markedIds(deps.table, ids),
      now: deps.table.clock,
      policies,
    },
  }));
  lambda.register(schedules.target.targetArn, (input) => contracts(input, { awsRequestId: 'local' } as never));
  return { api: { notices, noticeReminders: new SchedulerNoticeReminders(schedules) } };
}

/**
 * The tier review reminders and the monthly SLA reports on the local Scheduler, created as the
 * CDK app creates them (infra/aws/tier-review-schedule.ts): one recurring schedule per preset with
 * a review, and one for the reports, kept across restarts in the data directory.
 */
export function ensureTierReviewReminders(
  scheduler: LocalScheduler,
  target: { readonly groupName: string; readonly targetArn: string; readonly roleArn: string },
): Promise<unknown> {
  const schedules = [...PRESET_IDS.map((id) => tierReviewReminderSchedule(loadPreset(id))), MONTHLY_REPORT_SCHEDULE];
  return Promise.all(
    schedules.flatMap((schedule) => {
      if (schedule === undefined || scheduler.has(target.groupName, schedule.name)) return [];
      const command = new CreateScheduleCommand({
        Name: schedule.name,
        GroupName: target.groupName,
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: schedule.timezone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: target.targetArn, RoleArn: target.roleArn, Input: JSON.stringify(schedule.input) },
      });
      return [scheduler.send(command)];
    }),
  );
}
