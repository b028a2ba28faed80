/**
 * The monthly SLA report e-mail: last month's report summary for an organisation's contacts, sent
 * on the 1st to organisations that opted in (`Org.monthlyReport`). Plain text; the figures are the
 * report's (`sla-report.ts`), and its id (`sla-report:<org>:<month>`) makes it once per org and month.
 */

import type { QueuedMail } from '#shared/email/ports.ts';
import type { Org } from '#shared/tickets/org.ts';
import { formatDuration } from '#shared/time/duration.ts';
import { metricKey, type SlaReport } from './sla-report.ts';

export const MONTHLY_REPORT_KIND = 'sla-report';

export const monthlyReportId = (org: string, month: string) => `sla-report:${org}:${month}`;

/** Overruns listed in the mail (the report has up to 10 per metric). */
const MAIL_OVERRUNS = 5;

const LABELS: Record<string, string> = { response: 'First responses', update: 'Updates', resolution: 'Resolutions' };
const label = (key: string) => LABELS[key] ?? `Escalation level ${key.split('.')[1] ?? ''}`;

/** The mail for one org's month; none when it has no contacts. */
export function monthlyReportMail(org: Pick<Org, 'id' | 'name' | 'contacts'>, report: SlaReport): QueuedMail | undefined {
  if (org.contacts.length === 0) return undefined;
  const name = org.name.replace(/\s+/g, ' ').trim();
  const lines = report.metrics.map((m) => {
    const key = metricKey(m);
    if (m.metric === 'escalation') return `- ${label(key)}: reached ${m.count} times`;
    const pct = m.pctMet === null ? '' : ` (${m.pctMet} %)`;
    return `- ${label(key)}: ${m.met} of ${m.count} on time${pct}, ${m.breached} late`;
  });
  const late = report.metrics
    .flatMap((m) => m.worstOverruns.map((o) => ({ ...o, key: metricKey(m) })))
    .filter((o) => !o.key.startsWith('escalation'))
    .sort((a, b) => b.overrunMs - a.overrunMs)
    .slice(0, MAIL_OVERRUNS)
    .map((o) => `- case ${o.caseId}: ${label(o.key).toLowerCase()} ${formatDuration(o.overrunMs)} late`);
  const paragraphs = [
    'Hello,',
    `This is the SLA report of ${name} for ${report.from}, counted in ${report.zone} time by the month each clock stopped in.`,
    lines.length === 0 ? 'No SLA clock stopped in that month.' : lines.join('\n'),
    ...(late.length === 0 ? [] : [`The latest:\n${late.join('\n')}`]),
    'The whole report, with where late tickets spent their time and a CSV, is on the SLA report page of the console.',
    'You get this e-mail on the 1st of each month because your organisation asked for it.',
  ];
  return {
    id: monthlyReportId(org.id, report.from),
    to: org.contacts,
    org: org.id,
    kind: MONTHLY_REPORT_KIND,
    subject: `SLA report for ${report.from}`,
    text: `${paragraphs.join('\n\n')}\n`,
  };
}

/** The recurring schedule that sends the reports: 12:00 UTC on the 1st, when every zone's previous month has ended. */
export const MONTHLY_REPORT_SCHEDULE = {
  name: 'monthly-sla-reports',
  expression: 'cron(0 12 1 * ? *)',
  timezone: 'Etc/UTC',
  input: { kind: 'monthly-sla-reports' },
} as const;
