/**
 * How many SMS a number may get, and what happens to pages over the limit. By default a number
 * gets at most one SMS per 30 s and ten per hour (GoAlert's alert limits are of the same order;
 * a US 10DLC number sends one message a second in all, so a breach wave must not become one SMS
 * per ticket). Pages over the limit are held, not dropped: when the number may get an SMS again,
 * every page held for it goes out as one SMS listing their case ids. A page held alone goes out
 * as itself, reply code and all.
 *
 * Pure: the caller passes what was sent (`history`) and what waits (`pending`), sends what the
 * plan says now, keeps the rest and asks again at `notBefore`. Pages for resolved tickets must be
 * taken out of `pending` before asking; nothing here knows about tickets.
 */

import { DomainError } from '#shared/domain-error.ts';
import { SMS_MAX } from '#shared/sla/sms-text.ts';

/** At most `max` SMS to one number in any `windowMs`. */
export interface ThrottleRule {
  readonly windowMs: number;
  readonly max: number;
}

export const DEFAULT_SMS_THROTTLE: readonly ThrottleRule[] = [
  { windowMs: 30_000, max: 1 },
  { windowMs: 3_600_000, max: 10 },
];

export interface SentSms {
  readonly number: string;
  readonly at: number;
}

export interface PendingPage {
  readonly number: string;
  readonly caseId: number;
  /** The page's own SMS (already one GSM-7 part), sent as is when it goes alone. */
  readonly text: string;
}

export interface PlannedSms {
  readonly number: string;
  /** The pages this SMS carries. */
  readonly caseIds: readonly number[];
  readonly text: string;
}

export interface HeldPages {
  readonly number: string;
  readonly caseIds: readonly number[];
  /** The earliest instant the number may get its next SMS (epoch ms). */
  readonly notBefore: number;
}

export interface SendPlan {
  readonly send: readonly PlannedSms[];
  readonly held: readonly HeldPages[];
}

/** What goes now (at most one SMS per number) and what waits, per number in `pending`. */
export function planSends(
  history: readonly SentSms[],
  pending: readonly PendingPage[],
  now: number,
  rules: readonly ThrottleRule[] = DEFAULT_SMS_THROTTLE,
): SendPlan {
  checkRules(rules);
  const send: PlannedSms[] = [];
  const held: HeldPages[] = [];
  for (const [number, pages] of groupByNumber(pending)) {
    const sent = history.filter((sms) => sms.number === number).map((sms) => sms.at);
    const allowedAt = nextAllowed(sent, now, rules);
    if (allowedAt > now) {
      held.push({ number, caseIds: pages.map((page) => page.caseId), notBefore: allowedAt });
      continue;
    }
    const sms = pages.length === 1 && pages[0] !== undefined ? { caseIds: [pages[0].caseId], text: pages[0].text } : bundle(pages);
    send.push({ number, ...sms });
    const left = pages.filter((page) => !sms.caseIds.includes(page.caseId));
    if (left.length > 0)
      held.push({ number, caseIds: left.map((page) => page.caseId), notBefore: nextAllowed([...sent, now], now, rules) });
  }
  return { send, held };
}

/** The earliest instant from `from` at which one more SMS keeps every rule, given the instants already sent. */
export function nextAllowed(sent: readonly number[], from: number, rules: readonly ThrottleRule[]): number {
  const times = [...sent].sort((a, b) => a - b);
  let at = from;
  for (;;) {
    let next = at;
    for (const { windowMs, max } of rules) {
      // Sent within (next - windowMs, next], or later (a clock behind the sender's counts against it too).
      const recent = times.filter((t) => t > next - windowMs);
      const oldestToLeave = recent[recent.length - max];
      if (oldestToLeave !== undefined) next = Math.max(next, oldestToLeave + windowMs);
    }
    if (next === at) return at;
    at = next;
  }
}

/** Each number's pages in the order given, one per case (a later page for a case replaces an earlier one). */
function groupByNumber(pending: readonly PendingPage[]): Map<string, PendingPage[]> {
  const byNumber = new Map<string, Map<number, PendingPage>>();
  for (const page of pending) {
    const pages = byNumber.get(page.number) ?? new Map<number, PendingPage>();
    pages.delete(page.caseId);
    pages.set(page.caseId, page);
    byNumber.set(page.number, pages);
  }
  return new Map([...byNumber].map(([number, pages]) => [number, [...pages.values()]]));
}

const BUNDLE_HEAD = 'SLA pages: cases ';
const BUNDLE_TAIL = '. Ack links are in your e-mail.';

/**
 * One SMS for several pages: as many case ids as fit in one part, oldest first, then `and N more`
 * for those that did not fit (they stay held and lead the next SMS).
 */
function bundle(pages: readonly { readonly caseId: number }[]): { caseIds: number[]; text: string } {
  const ids = pages.map((page) => page.caseId);
  for (let listed = ids.length; listed > 0; listed--) {
    const more = ids.length - listed;
    const text = `${BUNDLE_HEAD}${ids.slice(0, listed).join(', ')}${more > 0 ? ` and ${more} more` : ''}${BUNDLE_TAIL}`;
    if (text.length <= SMS_MAX) return { caseIds: ids.slice(0, listed), text };
  }
  throw new DomainError('invalid_config', 'a bundle needs at least one case id that fits in an SMS');
}

/** The bundle's SMS for these case ids (one id: a page without its reply code). */
export function bundleText(caseIds: readonly number[]): string {
  return bundle(caseIds.map((caseId) => ({ caseId }))).text;
}

function checkRules(rules: readonly ThrottleRule[]): void {
  for (const { windowMs, max } of rules) {
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0 || !Number.isSafeInteger(max) || max < 1) {
      throw new DomainError('invalid_config', `a throttle rule needs a positive whole window and max, not ${windowMs} ms / ${max}`);
    }
  }
}
