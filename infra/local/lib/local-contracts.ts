/**
 * The contracts function locally: its production handler registered with the Lambda stand-in
 * under its ARN (the notice reminders' Scheduler target), and the api's notice dependencies
 * (the table, reminders as schedules on that target).
 */

import { DynamoNoticeStore } from '../../../functions/adapters/dynamo/notices.ts';
import type { TableContext } from '../../../functions/adapters/dynamo/table.ts';
import type { EventBridgeSchedules } from '../../../functions/adapters/eventbridge-schedules.ts';
import { SchedulerNoticeReminders } from '../../../functions/adapters/notice-reminders.ts';
import type { ApiDeps } from '../../../functions/api/operation.ts';
import { createContractsHandler } from '../../../functions/contracts/handler.ts';
import { affectedOrgs } from '../../../functions/lib/notice-audience.ts';
import type { MailOutbox } from '#shared/email/ports.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import type { LocalLambda } from './local-lambda.ts';

export function localContracts(
  lambda: LocalLambda,
  schedules: EventBridgeSchedules,
  deps: { readonly table: TableContext; readonly orgs: Pick<TicketStore, 'listOrgs'>; readonly mailOutbox: MailOutbox },
): { readonly api: Pick<ApiDeps, 'notices' | 'noticeReminders'> } {
  const notices = new DynamoNoticeStore(deps.table);
  const contracts = createContractsHandler(() => ({
    notices: { notices, recipients: (scope) => affectedOrgs(deps.orgs, scope), mailOutbox: deps.mailOutbox },
  }));
  lambda.register(schedules.target.targetArn, (input) => contracts(input, { awsRequestId: 'local' } as never));
  return { api: { notices, noticeReminders: new SchedulerNoticeReminders(schedules) } };
}
