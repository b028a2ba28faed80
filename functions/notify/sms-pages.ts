/**
 * SMS pages under the per-number throttle (`planSends`: by default one SMS per 30 s and ten per
 * hour). A page goes at once if the number may get an SMS now and nothing waits for it; otherwise
 * it is held in the number's throttle item, and a one-shot schedule (named by the number and the
 * instant) invokes notify to flush it: the held pages whose tickets still want them go out as one
 * SMS (a page held alone as itself), the rest wait for the next flush.
 *
 * A flush drops the pages of resolved (or closed) tickets and of acknowledged pages first: nothing
 * is texted for a resolved ticket, bundles included. It also drops every page whose person no
 * longer holds the number, or holds it unverified or opted out (STOP while held). Every page's
 * e-mail (with its ack link) went out when it was held, so a held SMS is a second channel, not the
 * only one. That is also why a number holds at most `MAX_HELD` pages (the item stays far below
 * DynamoDB's 400 KB): a page beyond them is not held, its e-mail is the page and the timeline says
 * held, as for a page dropped at the flush.
 *
 * Reply codes: a page's code is stamped `textedAt` once its SMS (or a bundle naming it) is
 * published, so a bare `a` only ever means a page the person was texted. A page held alone whose
 * code no longer stands for it (expired while held, and possibly given to another page) goes out
 * without one, worded as a bundle of one ("Ack links are in your e-mail").
 *
 * A lost flush schedule: the next page to the same number notices the overdue `flushAt` and
 * flushes first; until then, the e-mail is the page. (Deadlines themselves have the sweeper.)
 *
 * Reserve, then send: the SMS's instant is written (conditionally on the item's version) before
 * the Publish, so two runs cannot both take a number's one SMS per 30 s; a failed Publish gives
 * its pages back and fails the run (Lambda retries it).
 */

import type { Directory, ReplyCodes, SmsSender } from '#shared/oncall/ports.ts';
import { bundleText, DEFAULT_SMS_THROTTLE, nextAllowed, planSends, type ThrottleRule } from '#shared/oncall/sms-throttle.ts';

export interface HeldSms {
  readonly caseId: number;
  readonly deadline: string;
  readonly person: string;
  /** The page's reply code, if it got one (its text names it). */
  readonly code?: number | undefined;
  /** The page's own SMS (one part, or two with an ack link: bounded, so a held list has a bounded size). */
  readonly text: string;
  readonly heldAt: number;
}

/**
 * Pages held for one number at most. The throttle item holds them all, and an item is at most
 * 400 KB, attribute names and values together
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-items,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * 100 pages of even 1,600 characters each stay below half of it.
 */
export const MAX_HELD = 100;

export interface SmsThrottleState {
  /** Counts the writes (optimistic concurrency); 0: never written. */
  readonly version: number;
  /** When the number was texted (epoch ms), the last hour's. */
  readonly sent: readonly number[];
  readonly held: readonly HeldSms[];
  /** When the flush of the held pages is scheduled. */
  readonly flushAt?: number | undefined;
}

export interface SmsThrottleStore {
  read(number: string): Promise<SmsThrottleState>;
  /** `false` if the item changed since `expectedVersion` was read. */
  write(number: string, state: Omit<SmsThrottleState, 'version'>, expectedVersion: number): Promise<boolean>;
}

export interface SmsFlushScheduler {
  /** A one-shot schedule that invokes notify with `{ smsFlush: number }` at `at`; one that exists already counts. */
  scheduleSmsFlush(number: string, at: number): Promise<void>;
}

export interface SmsPaging {
  readonly throttle: SmsThrottleStore;
  readonly flushes: SmsFlushScheduler;
  readonly sms: SmsSender;
  /** Who holds a number now (a flush texts only the paged person's verified number). */
  readonly directory: Pick<Directory, 'personByNumber'>;
  readonly replyCodes: Pick<ReplyCodes, 'byCode' | 'markTexted'>;
  readonly rules?: readonly ThrottleRule[] | undefined;
}

/** Whether a held page is still wanted (its ticket open, its page not acknowledged). */
export type StillWanted = (page: HeldSms) => Promise<boolean>;

const ATTEMPTS = 10;
const HOUR_MS = 3_600_000;
/** A flush this late was lost (Scheduler fires within a minute): the next page flushes instead. */
export const LOST_FLUSH_MS = 5 * 60_000;

/** Texts a page now, or holds it for the number's next flush. */
export async function textPage(
  deps: SmsPaging,
  number: string,
  page: Omit<HeldSms, 'heldAt'>,
  now: number,
  stillWanted: StillWanted,
): Promise<'sent' | 'held'> {
  const rules = deps.rules ?? DEFAULT_SMS_THROTTLE;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let state = await deps.throttle.read(number);
    if (state.flushAt !== undefined && state.flushAt + LOST_FLUSH_MS < now && state.held.length > 0) {
      await flushSms(deps, number, now, stillWanted);
      state = await deps.throttle.read(number);
    }
    const sent = state.sent.filter((at) => at > now - HOUR_MS);
    if (state.held.length === 0) {
      const plan = planSends(
        sent.map((at) => ({ number, at })),
        [{ number, caseId: page.caseId, text: page.text }],
        now,
        rules,
      );
      if (plan.send.length > 0) {
        if (!(await deps.throttle.write(number, { sent: [...sent, now], held: [] }, state.version))) continue;
        await sendOrGiveBack(deps, number, page.text, [], now);
        await deps.replyCodes.markTexted(number, coded([page]), now);
        return 'sent';
      }
    }
    const flushAt = state.flushAt ?? nextAllowed(sent, now, rules);
    const others = state.held.filter((h) => h.caseId !== page.caseId || h.deadline !== page.deadline);
    // Full: the page's e-mail went out; its SMS is left out (see the top of this file).
    if (others.length >= MAX_HELD) return 'held';
    const held = [...others, { ...page, heldAt: now }];
    if (!(await deps.throttle.write(number, { sent, held, flushAt }, state.version))) continue;
    // Every time, not only for the first held page: a create that failed last time is made now
    // (idempotent by name). A flush already due but not yet run gets a second one a second from now.
    await deps.flushes.scheduleSmsFlush(number, Math.max(flushAt, now + 1_000));
    return 'held';
  }
  throw new Error(`SMS throttle of ${number}: ${ATTEMPTS} conflicting writes in a row`);
}

export interface FlushOutcome {
  /** The case ids the SMS named (none: nothing was sent). */
  readonly sent: readonly number[];
  /** Held pages no longer wanted (resolved tickets, acknowledged pages). */
  readonly dropped: readonly HeldSms[];
}

/** Sends what the number may get of its held pages now, drops those no longer wanted, and schedules the next flush. */
export async function flushSms(deps: SmsPaging, number: string, now: number, stillWanted: StillWanted): Promise<FlushOutcome> {
  const rules = deps.rules ?? DEFAULT_SMS_THROTTLE;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const state = await deps.throttle.read(number);
    if (state.held.length === 0) return { sent: [], dropped: [] };
    const wanted: HeldSms[] = [];
    const dropped: HeldSms[] = [];
    const reaches = await reachable(deps, number);
    for (const page of state.held) (reaches(page) && (await stillWanted(page)) ? wanted : dropped).push(page);
    const sent = state.sent.filter((at) => at > now - HOUR_MS);
    const plan = planSends(
      sent.map((at) => ({ number, at })),
      wanted.map((page) => ({ number, caseId: page.caseId, text: page.text })),
      now,
      rules,
    );
    const out = plan.send[0] === undefined ? undefined : await withLiveCode(deps, number, plan.send[0], wanted, now);
    const left = out === undefined ? wanted : wanted.filter((page) => !out.caseIds.includes(page.caseId));
    const flushAt = left.length === 0 ? undefined : (plan.held[0]?.notBefore ?? nextAllowed(sent, now, rules));
    const next = { sent: out === undefined ? sent : [...sent, now], held: left, flushAt };
    if (!(await deps.throttle.write(number, next, state.version))) continue;
    if (out !== undefined) {
      const pages = wanted.filter((page) => out.caseIds.includes(page.caseId));
      await sendOrGiveBack(deps, number, out.text, pages, now);
      await deps.replyCodes.markTexted(number, out.coded ? coded(pages) : [], now);
    }
    if (flushAt !== undefined) await deps.flushes.scheduleSmsFlush(number, flushAt);
    return { sent: out?.caseIds ?? [], dropped };
  }
  throw new Error(`SMS throttle of ${number}: ${ATTEMPTS} conflicting writes in a row`);
}

/** Publishes; if that fails, takes the reserved instant back and holds `pages` again, then rethrows. */
async function sendOrGiveBack(deps: SmsPaging, number: string, text: string, pages: readonly HeldSms[], at: number): Promise<void> {
  try {
    await deps.sms.send(number, text);
  } catch (error) {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const state = await deps.throttle.read(number);
      const sent = [...state.sent];
      const i = sent.indexOf(at);
      if (i >= 0) sent.splice(i, 1);
      const held = [...pages, ...state.held].slice(0, MAX_HELD);
      const flushAt = held.length === 0 ? undefined : (state.flushAt ?? at);
      if (await deps.throttle.write(number, { sent, held, flushAt }, state.version)) break;
    }
    throw error;
  }
}

/** Whether a held page may still go to the number: its person holds it, verified (not opted out, not reassigned). */
async function reachable(deps: SmsPaging, number: string): Promise<(page: HeldSms) => boolean> {
  const holder = await deps.directory.personByNumber(number);
  const verified = holder?.sms.some((contact) => contact.number === number && contact.state === 'verified') === true;
  return (page) => verified && page.person === holder?.id;
}

/**
 * The SMS to send; a page going alone whose code no longer stands for it (expired while held)
 * goes without it. `coded`: the pages' codes may be stamped texted (a stale code is not).
 */
async function withLiveCode(
  deps: SmsPaging,
  number: string,
  out: { readonly caseIds: readonly number[]; readonly text: string },
  wanted: readonly HeldSms[],
  now: number,
): Promise<{ readonly caseIds: readonly number[]; readonly text: string; readonly coded: boolean }> {
  const alone = out.caseIds.length === 1 ? wanted.find((page) => page.caseId === out.caseIds[0]) : undefined;
  if (alone?.code === undefined) return { ...out, coded: true };
  const live = await deps.replyCodes.byCode(number, alone.code, now);
  if (live?.caseId === alone.caseId && live.deadline === alone.deadline) return { ...out, coded: true };
  return { caseIds: out.caseIds, text: bundleText(out.caseIds), coded: false };
}

function coded(pages: readonly Pick<HeldSms, 'caseId' | 'deadline' | 'code'>[]) {
  return pages.flatMap(({ caseId, deadline, code }) => (code === undefined ? [] : [{ caseId, deadline, code }]));
}
