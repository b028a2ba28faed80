/**
 * The contracts Lambda: EventBridge Scheduler invokes it for the contracts' promises that are not
 * SLA clocks. The event's `kind` says which: `notice-reminder` (a maintenance window starts soon),
 * `tier-review-reminder` (a quarter began: run its tier review), `monthly-sla-reports` (a month
 * began: mail last month's SLA report to the organisations that asked for it).
 */

import '../lib/zod-english.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { entryPoint } from '../lib/config.ts';
import { type MonthlyReportDeps, mailMonthlyReports } from './monthly-report.ts';
import { type NoticeReminderDeps, remindOfNotice } from './notice-reminder.ts';
import { productionContractsDeps } from './production-deps.ts';
import { remindOfTierReview, type TierReviewReminderDeps } from './tier-review-reminder.ts';

const logger = new Logger({ serviceName: 'sla-escalator-contracts' });

export interface ContractsDeps {
  readonly notices: NoticeReminderDeps;
  readonly tierReviews: TierReviewReminderDeps;
  readonly monthlyReports: MonthlyReportDeps;
}

const noticeReminder = z.strictObject({
  kind: z.literal('notice-reminder'),
  notice: z.string().check(z.minLength(1), z.maxLength(64)),
  start: z.number().check(z.int()),
});

const tierReviewReminder = z.strictObject({ kind: z.literal('tier-review-reminder'), policy: z.string().check(z.maxLength(64)) });

const monthlyReports = z.strictObject({ kind: z.literal('monthly-sla-reports') });

const contractsEvent = z.discriminatedUnion('kind', [noticeReminder, tierReviewReminder, monthlyReports]);

export function createContractsHandler(deps: () => ContractsDeps) {
  return middy(async (event: unknown) => {
    const input = contractsEvent.parse(event);
    switch (input.kind) {
      case 'notice-reminder': {
        const outcome = await remindOfNotice(input, deps().notices);
        logger.info('notice reminder', { notice: input.notice, start: input.start, outcome });
        return { outcome };
      }
      case 'tier-review-reminder':
        return { outcome: await remindOfTierReview(input, deps().tierReviews) };
      case 'monthly-sla-reports': {
        const run = await mailMonthlyReports(deps().monthlyReports);
        logger.info('monthly SLA reports', { ...run });
        return run;
      }
    }
  });
}

export const handler = entryPoint(productionContractsDeps, createContractsHandler);
