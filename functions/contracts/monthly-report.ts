/**
 * The monthly SLA report e-mails: the recurring schedule fires this on the 1st (12:00 UTC, when
 * every zone's month has ended). Each organisation that opted in and has contacts gets last
 * month's report (in its own zone) through the mail outbox, once per org and month for good (a
 * mark, as the usage alerts have): a retried or repeated run sends nothing twice.
 */

import { periodBounds, periodOf } from '#shared/billing/periods.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { OutcomeLog } from '#shared/reports/ports.ts';
import { monthlyReportId, monthlyReportMail } from '#shared/reports/report-mail.ts';
import { monthRange } from '#shared/reports/sla-report.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { slaReportOf } from '../api/report-operations.ts';
import { everyOrg } from '../lib/every-org.ts';

export interface MonthlyReportDeps {
  readonly store: Pick<TicketStore, 'listOrgs' | 'getOrg'>;
  readonly outcomes: OutcomeLog;
  /** Queues each mail once for good (`queueOnceForGood`). */
  readonly queueOnce: (mails: readonly QueuedMail[]) => Promise<void>;
  /** Which of these mail ids were queued for good already (their marks). */
  readonly queued: (ids: readonly string[]) => Promise<ReadonlySet<string>>;
  readonly now: () => number;
  /** The orgs' policies (stored ones too), for each org's zone. */
  readonly policies: PolicyCatalog;
}

export interface MonthlyReportRun {
  readonly mailed: number;
  /** Opted in, but without contacts to mail. */
  readonly nobodyToTell: number;
}

export async function mailMonthlyReports(deps: MonthlyReportDeps): Promise<MonthlyReportRun> {
  const now = deps.now();
  let mailed = 0;
  let nobodyToTell = 0;
  for (const org of await everyOrg(deps.store)) {
    if (!org.monthlyReport) continue;
    // An org whose policy is gone is skipped, not a failed run for every other org.
    const policy = await deps.policies.latest(org.policy);
    if (policy === undefined) continue;
    const zone = policy.zone(org.region);
    // Last month in the org's zone: the month holding the instant before this month began.
    const month = periodOf(periodBounds(periodOf(now, 'month', zone), zone).start - 1, 'month', zone);
    // Already mailed (a retried or repeated run): its report is not read again, so a run that timed
    // out goes on with the orgs it had not reached instead of re-reading every org before them.
    const id = monthlyReportId(org.id, month.id);
    if ((await deps.queued([id])).has(id)) continue;
    const range = monthRange({ year: month.year, month: month.firstMonth }, { year: month.year, month: month.firstMonth }, zone);
    const mail = monthlyReportMail(org, await slaReportOf(deps.outcomes, org.id, zone, range));
    if (mail === undefined) {
      nobodyToTell++;
      continue;
    }
    await deps.queueOnce([mail]);
    mailed++;
  }
  return { mailed, nobodyToTell };
}
