/**
 * The e-mails of a notice to the organisations it affects: published, rescheduled, edited,
 * cancelled, and the reminder before the start. Plain text, one short paragraph per fact; the
 * window named in the org's zone and in UTC, and the kind. One mail per affected org (its
 * recipients are that org's contacts, at most 20; outbound-mail sends each their own copy), with
 * a deterministic id (`notice:<id>:<event>:<org>`), so a retried fan-out or a second reminder
 * never queues a mail twice, however many orgs a notice reaches.
 */

import type { Zone } from '#shared/calendar/zone.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import type { Notice, NoticeChange } from './notice.ts';

/** An affected org as its mail needs it: who hears of it, in which zone. */
export interface NoticeRecipient {
  readonly org: string;
  readonly contacts: readonly string[];
  readonly zone: Zone;
}

export type NoticeMailEvent = NoticeChange['what'] | 'reminder';

/** The mails of one event of a notice, one per affected org (those without contacts hear nothing). */
export function noticeMails(notice: Notice, event: NoticeMailEvent, recipients: readonly NoticeRecipient[]): QueuedMail[] {
  const subject = subjectOf(notice, event);
  const texts = new Map<string, string>();
  const textIn = (zone: Zone) => texts.get(zone.name) ?? texts.set(zone.name, textOf(notice, event, zone)).get(zone.name) ?? '';
  return recipients
    .filter((recipient) => recipient.contacts.length > 0)
    .map((recipient) => ({
      id: `${noticeMailKey(notice, event)}:${recipient.org}`,
      to: [...new Set(recipient.contacts)].sort(),
      subject,
      text: textIn(recipient.zone),
      org: recipient.org,
      kind: 'notice',
    }));
}

/** `notice:<id>:published`, `notice:<id>:v3` (a change), `notice:<id>:reminder:<start>`. */
function noticeMailKey(notice: Notice, event: NoticeMailEvent): string {
  if (event === 'published') return `notice:${notice.id}:published`;
  if (event === 'reminder') return `notice:${notice.id}:reminder:${notice.start}`;
  return `notice:${notice.id}:v${notice.version}`;
}

const HEADINGS: Record<NoticeMailEvent, string> = {
  published: 'Scheduled',
  rescheduled: 'Rescheduled',
  edited: 'Updated',
  cancelled: 'Cancelled',
  reminder: 'Reminder',
};

function subjectOf(notice: Notice, event: NoticeMailEvent): string {
  const kind = notice.kind === 'emergency' ? 'Emergency maintenance' : 'Planned maintenance';
  return `[${kind}] ${HEADINGS[event]}: ${notice.title}`;
}

function textOf(notice: Notice, event: NoticeMailEvent, zone: Zone): string {
  const kind =
    notice.kind === 'emergency'
      ? 'This is emergency maintenance, announced at shorter notice than the contract asks for planned changes.'
      : 'This is planned maintenance.';
  const window = (start: number, end: number) =>
    `${formatIn(zone, start)} to ${formatIn(zone, end)} (${zone.name})\n${formatUtc(start)} to ${formatUtc(end)} (UTC)`;
  const lead: Record<NoticeMailEvent, string> = {
    published: `We will carry out maintenance: ${notice.title}.`,
    rescheduled: `The maintenance "${notice.title}" has moved to a new time.`,
    edited: `The notice of the maintenance "${notice.title}" has changed.`,
    cancelled: `The maintenance "${notice.title}" is cancelled; nothing will happen in its window.`,
    reminder: `A reminder: the maintenance "${notice.title}" starts in less than a day.`,
  };
  const previous = notice.changes.at(-1)?.previous;
  const paragraphs = [
    lead[event],
    `${event === 'cancelled' ? 'It was planned for' : 'Window'}:\n${window(notice.start, notice.end)}`,
    ...(event === 'rescheduled' && previous !== undefined ? [`Before, it was planned for:\n${window(previous.start, previous.end)}`] : []),
    kind,
    ...(event === 'cancelled' ? [] : [notice.body]),
    `Notice ${notice.id}.`,
  ];
  return `${paragraphs.join('\n\n')}\n`;
}

/** `2027-01-15 03:00` in the zone: the offset in force at that instant applied to it. */
function formatIn(zone: Zone, at: number): string {
  const offset = zone.segments(at, at + 1)[0]?.offset ?? 0;
  return formatUtc(at + offset);
}

function formatUtc(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}
