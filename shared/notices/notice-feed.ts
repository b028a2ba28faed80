/**
 * An org's maintenance calendar: an iCalendar feed (RFC 5545, `ical-generator`) of the notices
 * that affect it, at a URL signed for that org. The signature is an HMAC of `notice-feed:<org>`
 * with the on-call keys (as ack links are signed, `ack-link.ts`): no expiry, since calendars
 * subscribe for years; a key removed from the list invalidates every URL it signed.
 */

import ical, { ICalEventStatus } from 'ical-generator';
import { mac, signedByOneOf } from '#shared/oncall/ack-link.ts';
import { oneLine } from '#shared/oncall/ical.ts';
import type { Notice } from './notice.ts';

const payloadOf = (org: string) => `notice-feed:${org}`;

/** The `sig` of an org's feed URL, under the newest key. */
export function signNoticeFeed(org: string, keys: readonly Uint8Array[]): string {
  const newest = keys[0];
  if (newest === undefined) throw new Error('signing a feed needs a key');
  return mac(newest, payloadOf(org));
}

/** Whether `sig` was made for this org by one of the keys still listed. */
export function verifyNoticeFeed(org: string, sig: string, keys: readonly Uint8Array[]): boolean {
  return keys.length > 0 && signedByOneOf(keys, payloadOf(org), sig);
}

/** One VEVENT per notice: a stable UID (the notice's id), its window in UTC, cancelled ones `STATUS:CANCELLED`. */
export function noticeIcal(org: { readonly id: string; readonly name: string }, notices: readonly Notice[], stamp: number): string {
  const calendar = ical({
    name: oneLine(`Maintenance: ${org.name}`),
    prodId: { company: 'sla-escalator', product: 'notices', language: 'EN' },
  });
  for (const notice of notices) {
    calendar.createEvent({
      id: `${notice.id}@sla-escalator`,
      sequence: notice.version - 1,
      start: new Date(notice.start),
      end: new Date(notice.end),
      stamp: new Date(stamp),
      summary: `${notice.kind === 'emergency' ? 'Emergency maintenance' : 'Planned maintenance'}: ${notice.title}`,
      description: notice.body,
      status: notice.state === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
