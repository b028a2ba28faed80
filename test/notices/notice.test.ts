import { describe, expect, it } from 'vitest';
import { ianaZone } from '#shared/calendar/zone.ts';
import { DomainError } from '#shared/domain-error.ts';
import {
  affects,
  changeNotice,
  inProgress,
  leadTimeFor,
  type NewNotice,
  type NoticeAudience,
  publishNotice,
  reminderAt,
} from '#shared/notices/notice.ts';
import { noticeIcal, signNoticeFeed, verifyNoticeFeed } from '#shared/notices/notice-feed.ts';
import { noticeMails } from '#shared/notices/notice-mail.ts';
import { loadPolicyVersion, loadPreset } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { parseEvents } from '../support/ical-events.ts';

const NOW = Date.parse('2027-03-01T10:00:00Z');
const KORE = { changeLeadTime: 5 * DAY_MS, reminderBefore: DAY_MS };
const us: NoticeAudience = { id: 'acme-us', policy: 'kore', region: 'us', terms: KORE };
const nl: NoticeAudience = { id: 'acme-nl', policy: 'kore', region: 'nl', terms: KORE };
const noNotices: NoticeAudience = { id: 'acme-netcor', policy: 'netcor', terms: undefined };

const planned = (start: number, more: Partial<NewNotice> = {}): NewNotice => ({
  title: 'Core router upgrade',
  body: 'SMS delivery may pause for up to 10 minutes.',
  kind: 'planned',
  start,
  end: start + 2 * HOUR_MS,
  ...more,
});

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the policy’s notices section', () => {
  it('KORE owes 5 days’ notice and a 24 h reminder; the archived v1 without a reminder still parses', () => {
    expect(loadPreset('kore').spec.notices).toEqual({ changeLeadTime: 5 * DAY_MS, reminderBefore: DAY_MS });
    expect(loadPolicyVersion('kore', 1).spec.notices).toEqual({ changeLeadTime: 5 * DAY_MS });
  });

  it('names the field of a bad duration', () => {
    const yaml = (notices: string) =>
      `id: x\nversion: 1\nname: X\nroles: { tier1: { name: T } }\nqueue: tier1\ntiers: { std: { name: S } }\nseverities: { high: { name: H, calendar: 24x7, tiers: { std: { response: 1h } } } }\nnotices: ${notices}\n`;
    expect(() => parsePolicy(yaml('{ changeLeadTime: 5d, reminderBefore: soon }'), 'x.yaml')).toThrow(/notices\.reminderBefore/);
    expect(() => parsePolicy(yaml('{ changeLeadTime: 5d, remindBefore: 24h }'), 'x.yaml')).toThrow(/notices/);
  });
});

describe('which orgs a notice affects', () => {
  it('listed orgs, else the listed regions, else every org whose policy has notices', () => {
    expect(affects({ orgs: ['acme-us'] }, us)).toBe(true);
    expect(affects({ orgs: ['acme-us'] }, nl)).toBe(false);
    expect(affects({ regions: ['nl'] }, nl)).toBe(true);
    expect(affects({ regions: ['nl'] }, us)).toBe(false);
    expect(affects({}, us)).toBe(true);
    // Only an absent list means everyone: an empty one reaches nobody.
    expect(affects({ orgs: [] }, us)).toBe(false);
    expect(affects({ regions: [] }, nl)).toBe(false);
    expect(affects({ policy: 'tiered' }, us)).toBe(false);
  });

  it('never an org whose policy promises no notices, even when listed', () => {
    expect(affects({}, noNotices)).toBe(false);
    expect(affects({ orgs: ['acme-netcor'] }, noNotices)).toBe(false);
  });

  it('owes the longest lead time and reminder among the affected', () => {
    const longer = { ...nl, terms: { changeLeadTime: 7 * DAY_MS, reminderBefore: 2 * DAY_MS } };
    expect(leadTimeFor([us, longer])).toBe(7 * DAY_MS);
    expect(reminderAt(NOW, [us, longer])).toBe(NOW - 2 * DAY_MS);
    expect(reminderAt(NOW, [{ ...us, terms: { changeLeadTime: DAY_MS } }])).toBeUndefined();
  });
});

describe('publishing a notice', () => {
  it('refuses a planned window inside the lead time, naming the earliest allowed start on `start`', () => {
    const error = refusal(() => publishNotice('n-1', planned(NOW + 3 * DAY_MS), 'agent', NOW, 5 * DAY_MS));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('2027-03-06T10:00:00.000Z');
    expect(error.errors).toEqual([{ path: 'start', message: 'earliest allowed start: 2027-03-06T10:00:00.000Z' }]);
  });

  it('accepts a planned window at the lead time, and an emergency inside it, marked as such', () => {
    expect(publishNotice('n-1', planned(NOW + 5 * DAY_MS), 'agent', NOW, 5 * DAY_MS).state).toBe('published');
    const emergency = publishNotice('n-2', planned(NOW + HOUR_MS, { kind: 'emergency' }), 'agent', NOW, 5 * DAY_MS);
    expect(emergency).toMatchObject({ kind: 'emergency', publishedAt: NOW, version: 1 });
    expect(emergency.changes).toEqual([{ at: NOW, by: 'agent', what: 'published', start: NOW + HOUR_MS, end: NOW + 3 * HOUR_MS }]);
  });

  it('refuses an end before the start, a window over a week, a start in the past or over a year ahead', () => {
    const start = NOW + 6 * DAY_MS;
    expect(refusal(() => publishNotice('n', planned(start, { end: start }), 'a', NOW, 0)).errors).toEqual([
      { path: 'end', message: 'must be after start' },
    ]);
    expect(refusal(() => publishNotice('n', planned(start, { end: start + 8 * DAY_MS }), 'a', NOW, 0)).errors[0]?.path).toBe('end');
    expect(refusal(() => publishNotice('n', planned(NOW - 1, { kind: 'emergency' }), 'a', NOW, 0)).errors[0]?.path).toBe('start');
    expect(refusal(() => publishNotice('n', planned(NOW + 400 * DAY_MS), 'a', NOW, 0)).errors[0]?.path).toBe('start');
  });
});

describe('changing a notice', () => {
  const published = publishNotice('n-1', planned(NOW + 6 * DAY_MS), 'agent', NOW, 5 * DAY_MS);
  const later = NOW + DAY_MS;

  it('moves it, keeping the old window in the change, and checks the lead time again from now', () => {
    const { notice, change } = changeNotice(
      published,
      { start: NOW + 8 * DAY_MS, end: NOW + 8 * DAY_MS + HOUR_MS },
      'b',
      later,
      5 * DAY_MS,
    );
    expect(change).toEqual({
      at: later,
      by: 'b',
      what: 'rescheduled',
      start: NOW + 8 * DAY_MS,
      end: NOW + 8 * DAY_MS + HOUR_MS,
      previous: { start: published.start, end: published.end },
    });
    expect(notice.changes).toHaveLength(2);
    expect(notice.version).toBe(2);
    // Moved earlier than five days from the change: refused.
    expect(refusal(() => changeNotice(published, { start: later + 4 * DAY_MS }, 'b', later, 5 * DAY_MS)).errors[0]?.path).toBe('start');
  });

  it('cancels it (and nothing else with it), once', () => {
    const { notice } = changeNotice(published, { state: 'cancelled' }, 'b', later, 5 * DAY_MS);
    expect(notice.state).toBe('cancelled');
    expect(notice.changes.at(-1)?.what).toBe('cancelled');
    expect(refusal(() => changeNotice(notice, { state: 'cancelled' }, 'b', later, 0)).code).toBe('conflict');
    expect(refusal(() => changeNotice(published, { state: 'cancelled', title: 'x' }, 'b', later, 0)).errors).toEqual([
      { path: 'title', message: 'not allowed with "state": "cancelled"' },
    ]);
  });

  it('records a text edit, and nothing for a patch that repeats the notice', () => {
    expect(changeNotice(published, { body: 'New text.' }, 'b', later, 5 * DAY_MS).change?.what).toBe('edited');
    expect(changeNotice(published, { title: published.title }, 'b', later, 5 * DAY_MS).change).toBeUndefined();
  });

  it('once the window has started, only its end moves', () => {
    const during = published.start + HOUR_MS;
    expect(refusal(() => changeNotice(published, { start: published.start + 10 * DAY_MS }, 'b', during, 0)).errors[0]?.path).toBe('start');
    expect(changeNotice(published, { end: published.end + HOUR_MS }, 'b', during, 5 * DAY_MS).notice.end).toBe(published.end + HOUR_MS);
    expect(inProgress(published, during)).toBe(true);
    expect(inProgress(published, published.end)).toBe(false);
  });
});

describe('the mails of a notice', () => {
  const notice = publishNotice('n-1', planned(Date.parse('2027-03-08T02:00:00Z')), 'agent', NOW, 5 * DAY_MS);
  const recipients = [
    { org: 'acme-us', contacts: ['ops@acme.example'], zone: ianaZone('America/New_York') },
    { org: 'beta-us', contacts: ['noc@beta.example', 'ops@acme.example'], zone: ianaZone('America/New_York') },
    { org: 'acme-nl', contacts: ['ops@acme.nl'], zone: ianaZone('Europe/Amsterdam') },
    { org: 'quiet', contacts: [], zone: ianaZone('Europe/Amsterdam') },
  ];

  it('one per org with contacts, to its contacts only, with the window in its zone and in UTC, and the kind', () => {
    const mails = noticeMails(notice, 'published', recipients);
    expect(mails.map((mail) => [mail.id, mail.org, mail.to])).toEqual([
      ['notice:n-1:published:acme-us', 'acme-us', ['ops@acme.example']],
      ['notice:n-1:published:beta-us', 'beta-us', ['noc@beta.example', 'ops@acme.example']],
      ['notice:n-1:published:acme-nl', 'acme-nl', ['ops@acme.nl']],
    ]);
    const [newYork, , amsterdam] = mails;
    expect(newYork?.subject).toBe('[Planned maintenance] Scheduled: Core router upgrade');
    expect(newYork?.text).toContain('2027-03-07 21:00 to 2027-03-07 23:00 (America/New_York)\n2027-03-08 02:00 to 2027-03-08 04:00 (UTC)');
    expect(amsterdam?.text).toContain('2027-03-08 03:00 to 2027-03-08 05:00 (Europe/Amsterdam)');
    expect(amsterdam?.org).toBe('acme-nl');
    expect(newYork?.text).toContain('This is planned maintenance.');
  });

  it('a reminder’s id names the start it is for; a change’s, the version', () => {
    expect(noticeMails(notice, 'reminder', recipients)[0]?.id).toBe(`notice:n-1:reminder:${notice.start}:acme-us`);
    const { notice: moved } = changeNotice(notice, { start: notice.start + DAY_MS, end: notice.end + DAY_MS }, 'b', NOW, 5 * DAY_MS);
    const [mail] = noticeMails(moved, 'rescheduled', recipients);
    expect(mail?.id).toBe('notice:n-1:v2:acme-us');
    expect(mail?.text).toContain('Before, it was planned for:\n2027-03-07 21:00');
  });
});

describe('the maintenance calendar feed', () => {
  const key = new Uint8Array(32).fill(7);
  const rotated = new Uint8Array(32).fill(9);

  it('is signed per org: another org’s or a forged signature fails, a removed key invalidates it', () => {
    const sig = signNoticeFeed('acme-us', [key]);
    expect(verifyNoticeFeed('acme-us', sig, [key])).toBe(true);
    expect(verifyNoticeFeed('acme-nl', sig, [key])).toBe(false);
    expect(verifyNoticeFeed('acme-us', `${sig.slice(0, -1)}A`, [key])).toBe(false);
    expect(verifyNoticeFeed('acme-us', 'short', [key])).toBe(false);
    expect(verifyNoticeFeed('acme-us', sig, [rotated, key])).toBe(true);
    expect(verifyNoticeFeed('acme-us', sig, [rotated])).toBe(false);
  });

  it('parses back: one event per notice, a stable UID, cancelled ones STATUS:CANCELLED', () => {
    const first = publishNotice('n-1', planned(Date.parse('2027-03-08T02:00:00Z')), 'agent', NOW, 5 * DAY_MS);
    const second = publishNotice('n-2', planned(Date.parse('2027-03-09T02:00:00Z'), { kind: 'emergency' }), 'agent', NOW, 0);
    const cancelled = changeNotice(second, { state: 'cancelled' }, 'agent', NOW, 0).notice;
    const events = parseEvents(noticeIcal({ id: 'acme-us', name: 'ACME\r\nX-EVIL:1' }, [first, cancelled], NOW));
    expect(events.map((e) => [e.UID, e.DTSTART, e.DTEND, e.STATUS, e.SUMMARY])).toEqual([
      ['n-1@sla-escalator', '20270308T020000Z', '20270308T040000Z', 'CONFIRMED', 'Planned maintenance: Core router upgrade'],
      ['n-2@sla-escalator', '20270309T020000Z', '20270309T040000Z', 'CANCELLED', 'Emergency maintenance: Core router upgrade'],
    ]);
    expect(noticeIcal({ id: 'acme-us', name: 'ACME\r\nX-EVIL:1' }, [], NOW)).not.toContain('\r\nX-EVIL');
  });
});
