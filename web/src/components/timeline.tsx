/** A ticket's timeline: what happened, who did it, when (in the viewer's zone). Customers' answers hold only public entries. */

import type { Schema } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { describeTimeChange } from '../lib/time-view.ts';

type Entry = Schema<'Ticket'>['timeline'] extends (infer E)[] | undefined ? E : never;

const WHAT: Record<string, string> = {
  created: 'opened the ticket',
  responded: 'replied',
  updated: 'replied',
  customer_replied: 'replied',
  note: 'added an internal note',
  paused: 'set it to pending customer',
  resumed: 'resumed it',
  resolved: 'resolved it',
  closed: 'closed it',
  reopened: 'reopened it',
  severity_changed: 'changed the severity',
  escalated: 'escalated',
  notified: 'paged',
  assigned: 'assigned it',
};

/** What an entry says in a sentence: "Staff replied", "System paged manager by sms, email (escalation.urgent.1)". */
export function describeEntry(entry: Entry): string {
  const who = entry.actor.kind === 'system' ? 'System' : entry.actor.kind === 'customer' ? 'Customer' : 'Staff';
  const detail = entry.detail ?? {};
  switch (entry.type) {
    case 'severity_changed':
      return `${who} changed the severity from ${detail.from} to ${detail.to}`;
    case 'assigned':
      return `${who} assigned it to ${detail.assignee}`;
    case 'notified':
      if (detail.role === undefined) return `${who} carried out ${detail.deadline} (nobody to page)`;
      if (detail.person !== undefined) {
        const where = `${detail.channel ?? ''}${detail.to === undefined ? '' : ` to ${detail.to}`}`;
        if (detail.skipped !== undefined)
          return `${who} did not page ${detail.person} (${detail.role}) by ${where}: ${detail.skipped} (${detail.deadline})`;
        return `${who} paged ${detail.person} (${detail.role}) by ${where}${detail.held === 'true' ? ', held by the throttle' : ''} (${detail.deadline})`;
      }
      if (detail.nobody === 'true') return `${who} paged the ${detail.role} topic: nobody on call (${detail.deadline})`;
      return `${who} ${detail.stopped === 'true' ? 'had paged' : 'paged'} ${detail.role} by ${(detail.channels ?? '').split(',').join(', ')} (${detail.deadline})${detail.stopped === 'true' ? ', then stopped: the ticket was answered' : ''}`;
    case 'acknowledged':
      return `${detail.by} acknowledged the page of ${detail.deadline} (by ${detail.via === 'sms' ? 'SMS reply' : detail.via})`;
    case 'escalated':
      return detail.joined !== undefined ? `${who} asked again to escalate (joined the pending escalation)` : `${who} escalated`;
    default:
      return `${who} ${describeTimeChange(entry.type, detail) ?? WHAT[entry.type] ?? entry.type}`;
  }
}

export function Timeline({ entries, label = 'Timeline' }: { entries: readonly Entry[]; label?: string }) {
  return (
    <ol class="timeline" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.seq} class={entry.public === false || entry.type === 'note' ? 'internal' : undefined}>
          <p class="meta">
            <time dateTime={entry.at}>{formatInstant(entry.at)}</time> · {describeEntry(entry)}
            {(entry.public === false || entry.type === 'note') && <span class="badge">internal</span>}
          </p>
          {entry.body !== undefined && <p class="body">{entry.body}</p>}
        </li>
      ))}
    </ol>
  );
}
