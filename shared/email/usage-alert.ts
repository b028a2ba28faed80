/**
 * The e-mails that tell an organisation's contacts their included support time is running out: at
 * 80 % and at 100 % of the period's included and carried-in minutes, once per period each (the
 * mail's id is the outbox's once-only key). Plain text, one short paragraph per fact.
 */

import type { UsageStatement } from '#shared/billing/usage-statement.ts';
import type { Org } from '#shared/tickets/org.ts';
import { formatDuration, MINUTE_MS } from '#shared/time/duration.ts';
import type { QueuedMail } from './ports.ts';

export const USAGE_ALERT_KIND = 'usage-alert';

/** The id of an organisation's alert for a period at a threshold: `usage:<org>:<period>:80`. */
export const usageAlertId = (org: string, period: string, threshold: 80 | 100) => `usage:${org}:${period}:${threshold}`;

/** The alerts a statement calls for (none for an org without contacts, which the caller logs). */
export function usageAlerts(org: Pick<Org, 'id' | 'name' | 'contacts'>, statement: UsageStatement): QueuedMail[] {
  if (org.contacts.length === 0) return [];
  const thresholds = ([80, 100] as const).filter((t) => (t === 80 ? statement.alerts.at80 : statement.alerts.at100));
  return thresholds.map((threshold) => ({
    id: usageAlertId(org.id, statement.period, threshold),
    to: org.contacts,
    org: org.id,
    kind: USAGE_ALERT_KIND,
    subject:
      threshold === 100
        ? `Your included support time for ${statement.period} is used up`
        : `80 % of your included support time for ${statement.period} is used`,
    text: alertText(org, statement, threshold),
  }));
}

function alertText(org: Pick<Org, 'name'>, statement: UsageStatement, threshold: 80 | 100): string {
  const time = (minutes: number) => formatDuration(minutes * MINUTE_MS);
  const pool = statement.includedMinutes + statement.carriedInMinutes;
  const carried = statement.carriedInMinutes > 0 ? ` (${time(statement.carriedInMinutes)} of it carried in)` : '';
  const paragraphs = [
    'Hello,',
    `${oneLine(org.name)} has used ${time(statement.usedMinutes)} of the ${time(pool)} of support included for ${statement.period}${carried}, on the ${statement.tier} plan.`,
    `The period runs from ${dayInWords(statement.start, statement.zone)} to ${dayInWords(statement.end - 1, statement.zone)}, both included (${statement.zone} time).`,
    threshold === 100
      ? 'Support time beyond the included time is billed as overage, as your contract sets out; the statement shows each line.'
      : 'When the included time is used up, further support time is billed as overage, as your contract sets out.',
    'This message is sent once per period at 80 % and once at 100 %.',
  ];
  return `${paragraphs.join('\n\n')}\n`;
}

/** The day of an instant in the statement's zone (an IANA name or a fixed offset), in words: "31 January 2027". */
function dayInWords(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(instant);
}

/** An administrator-typed name on one line, so it cannot shape the mail. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
