/**
 * Change-management notices: a maintenance window `[start, end)` announced to the organisations it
 * affects. A planned notice honours the contract's lead time (KORE: "at least 5 days in advance"),
 * an emergency one is accepted inside it and says so. Every change (new times, new text, a
 * cancellation) is kept in the notice's `changes`, never written over. Pure: `now` is an argument.
 */

import { DomainError, type FieldError } from '#shared/domain-error.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import type { NoticeTerms } from './notice-schema.ts';

export type NoticeKind = 'planned' | 'emergency';
export const NOTICE_KINDS = ['planned', 'emergency'] as const satisfies readonly NoticeKind[];
export type NoticeState = 'published' | 'cancelled';
export const NOTICE_STATES = ['published', 'cancelled'] as const satisfies readonly NoticeState[];

export const NOTICE_LIMITS = {
  title: 200,
  body: 5_000,
  orgs: 100,
  regions: 20,
  /** The longest window: a week. */
  window: 7 * DAY_MS,
  /** How far ahead a window may start. */
  horizon: 366 * DAY_MS,
  /** Changes kept on one notice; then it is cancelled and published anew. */
  changes: 50,
} as const;

/** Whom a notice is for: the listed orgs, else the orgs of the listed regions, else everyone (of one policy, if named). */
export interface NoticeScope {
  readonly orgs?: readonly string[] | undefined;
  readonly regions?: readonly string[] | undefined;
  readonly policy?: string | undefined;
}

export interface NoticeWindow {
  readonly start: number;
  readonly end: number;
}

export interface NoticeChange {
  readonly at: number;
  /** The signed-in subject who made it. */
  readonly by: string;
  readonly what: 'published' | 'rescheduled' | 'edited' | 'cancelled';
  /** The window after the change. */
  readonly start: number;
  readonly end: number;
  /** The window before it (a reschedule). */
  readonly previous?: NoticeWindow | undefined;
}

export interface Notice extends NoticeScope, NoticeWindow {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly kind: NoticeKind;
  readonly state: NoticeState;
  readonly publishedAt: number;
  readonly changes: readonly NoticeChange[];
  readonly version: number;
}

export interface NewNotice extends NoticeScope, NoticeWindow {
  readonly title: string;
  readonly body: string;
  readonly kind: NoticeKind;
}

export interface NoticePatch {
  readonly title?: string | undefined;
  readonly body?: string | undefined;
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  readonly state?: 'cancelled' | undefined;
}

/** An org as far as notices care: its policy's notice terms (none: the contract promises no notices). */
export interface NoticeAudience {
  readonly id: string;
  readonly policy: string;
  readonly region?: string | undefined;
  readonly terms: NoticeTerms | undefined;
}

/** Whether a notice is for this org: only orgs whose policy has a `notices` section are ever affected. */
export function affects(scope: NoticeScope, org: NoticeAudience): boolean {
  if (org.terms === undefined) return false;
  if (scope.policy !== undefined && scope.policy !== org.policy) return false;
  // An empty list reaches nobody (the API refuses one): only an absent list means everyone.
  if (scope.orgs !== undefined) return scope.orgs.includes(org.id);
  if (scope.regions !== undefined) return org.region !== undefined && scope.regions.includes(org.region);
  return true;
}

/** The lead time a planned notice owes: the longest among the affected orgs' policies. */
export function leadTimeFor(affected: readonly NoticeAudience[]): number {
  return Math.max(0, ...affected.map((org) => org.terms?.changeLeadTime ?? 0));
}

/** When the reminder goes out: the longest `reminderBefore` among the affected orgs' policies before the start; none if no policy asks. */
export function reminderAt(start: number, affected: readonly NoticeAudience[]): number | undefined {
  const before = affected.map((org) => org.terms?.reminderBefore).filter((ms) => ms !== undefined);
  return before.length === 0 ? undefined : start - Math.max(...before);
}

/** A new notice, published at `now`; a planned one inside the lead time is refused naming the earliest start. */
export function publishNotice(id: string, input: NewNotice, by: string, now: number, leadTime: number): Notice {
  checkWindow(input, now);
  if (input.kind === 'planned') checkLeadTime(input.start, now, leadTime);
  const { orgs, regions, policy } = input;
  return {
    id,
    title: input.title,
    body: input.body,
    kind: input.kind,
    start: input.start,
    end: input.end,
    ...(orgs !== undefined && { orgs: [...new Set(orgs)] }),
    ...(regions !== undefined && { regions: [...new Set(regions)] }),
    ...(policy !== undefined && { policy }),
    state: 'published',
    publishedAt: now,
    changes: [{ at: now, by, what: 'published', start: input.start, end: input.end }],
    version: 1,
  };
}

/**
 * A change to a published notice: new times (a planned notice's new start honours the lead time
 * again, from now), new text, or `{state: "cancelled"}`. Returns the notice as changed and what
 * the change was (`unchanged`: the patch repeats what the notice already says).
 */
export function changeNotice(
  notice: Notice,
  patch: NoticePatch,
  by: string,
  now: number,
  leadTime: number,
): { notice: Notice; change: NoticeChange | undefined } {
  if (notice.state === 'cancelled') throw new DomainError('conflict', `notice ${notice.id} is cancelled; publish a new one`);
  if (notice.end <= now) throw new DomainError('conflict', `notice ${notice.id} is over (its window ended ${iso(notice.end)})`);
  if (notice.changes.length >= NOTICE_LIMITS.changes)
    throw new DomainError('conflict', `notice ${notice.id} has ${NOTICE_LIMITS.changes} changes; cancel it and publish a new one`);
  if (patch.state === 'cancelled') {
    const others = (['title', 'body', 'start', 'end'] as const).filter((field) => patch[field] !== undefined);
    if (others.length > 0)
      throw invalid(
        'a cancellation changes nothing else',
        others.map((path) => ({ path, message: 'not allowed with "state": "cancelled"' })),
      );
    const change: NoticeChange = { at: now, by, what: 'cancelled', start: notice.start, end: notice.end };
    return { notice: { ...notice, state: 'cancelled', changes: [...notice.changes, change], version: notice.version + 1 }, change };
  }
  const window = { start: patch.start ?? notice.start, end: patch.end ?? notice.end };
  const moved = window.start !== notice.start || window.end !== notice.end;
  const edited = (patch.title ?? notice.title) !== notice.title || (patch.body ?? notice.body) !== notice.body;
  if (!moved && !edited) return { notice, change: undefined };
  if (moved) {
    if (window.start !== notice.start && notice.start <= now)
      throw invalid('the maintenance has started; only its end may move', [{ path: 'start', message: 'the window has started' }]);
    checkWindow(window, now, window.start === notice.start);
    if (notice.kind === 'planned' && window.start !== notice.start) checkLeadTime(window.start, now, leadTime);
  }
  const change: NoticeChange = moved
    ? { at: now, by, what: 'rescheduled', ...window, previous: { start: notice.start, end: notice.end } }
    : { at: now, by, what: 'edited', ...window };
  const changed: Notice = {
    ...notice,
    title: patch.title ?? notice.title,
    body: patch.body ?? notice.body,
    ...window,
    changes: [...notice.changes, change],
    version: notice.version + 1,
  };
  return { notice: changed, change };
}

/** A ticket's link to the maintenance under way when it was opened: the notice and its window then. */
export interface MaintenanceLink {
  readonly id: string;
  readonly title: string;
  readonly kind: NoticeKind;
  readonly start: number;
  readonly end: number;
}

/** At most this many links on one ticket. */
export const MAX_MAINTENANCE_LINKS = 5;

/** The published notices affecting the org whose window is under way at `at`, by start. */
export function maintenanceLinks(notices: readonly Notice[], org: NoticeAudience, at: number): MaintenanceLink[] {
  return notices
    .filter((notice) => inProgress(notice, at) && affects(notice, org))
    .sort((a, b) => a.start - b.start)
    .slice(0, MAX_MAINTENANCE_LINKS)
    .map(({ id, title, kind, start, end }) => ({ id, title, kind, start, end }));
}

/** Whether the window is under way at `at` (published notices only). */
export function inProgress(notice: Notice, at: number): boolean {
  return notice.state === 'published' && notice.start <= at && at < notice.end;
}

function checkWindow(window: NoticeWindow, now: number, startMayBePast = false): void {
  const errors: FieldError[] = [];
  if (window.end <= window.start) errors.push({ path: 'end', message: 'must be after start' });
  else if (window.end - window.start > NOTICE_LIMITS.window) errors.push({ path: 'end', message: 'the window may last at most 7 days' });
  if (!startMayBePast && window.start < now) errors.push({ path: 'start', message: `must not be in the past (now is ${iso(now)})` });
  if (window.start > now + NOTICE_LIMITS.horizon) errors.push({ path: 'start', message: 'must be within a year from now' });
  if (errors.length > 0) throw invalid('the maintenance window is not valid', errors);
}

/** A planned start inside the lead time: 422 naming the earliest allowed start on the field `start`. */
function checkLeadTime(start: number, now: number, leadTime: number): void {
  const earliest = now + leadTime;
  if (start >= earliest) return;
  const message = `a planned notice must be published at least ${leadTime / DAY_MS} days ahead: the earliest allowed start is ${iso(earliest)} (or mark it "emergency")`;
  throw invalid(message, [{ path: 'start', message: `earliest allowed start: ${iso(earliest)}` }]);
}

function invalid(message: string, errors: FieldError[]): DomainError {
  return new DomainError('validation_failed', message, errors);
}

const iso = (at: number) => new Date(at).toISOString();
