/**
 * Change-management notices: staff publish, move, edit and cancel them; every change is kept on
 * the notice and e-mails the affected orgs' contacts (the stored notice is fanned out into one mail
 * per org by outbound-mail, `functions/lib/notice-fanout.ts`). The
 * reminder's one-shot schedule is made before the write that needs it and the stale one removed
 * after (the contracts function re-reads the notice, so a schedule left behind does nothing).
 * Customers see only the notices affecting their org (another's is 404) and get their org's
 * signed iCalendar feed, which is public: its signature is the capability.
 */

import { randomBytes } from 'node:crypto';
import { DomainError, type FieldError } from '#shared/domain-error.ts';
import { affects, changeNotice, leadTimeFor, type Notice, type NoticeScope, publishNotice, reminderAt } from '#shared/notices/notice.ts';
import { noticeIcal, signNoticeFeed, verifyNoticeFeed } from '#shared/notices/notice-feed.ts';
import type { NoticeReminders, NoticeStore } from '#shared/notices/ports.ts';
import type { Org } from '#shared/tickets/org.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import type { Principal } from '../lib/http/auth.ts';
import { type AffectedOrg, affectedOrgs, noticeAudience } from '../lib/notice-audience.ts';
import * as schemas from './notice-schemas.ts';
import { noticeView } from './notice-views.ts';
import { type ApiDeps, latestPolicy, type Operation, remembered, signedIn, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';

// The copies in the orgs' lists are written again by the fan-out: a failure between the write and
// them delays a customer's list, never loses it.

/** How far back a customer's list and the feed look by default. */
const PAST_MS = 366 * DAY_MS;
/** The most notices a feed holds (the earliest first): a year of an org's maintenance, and more. */
const FEED_LIMIT = 1_000;

export const NOTICE_OPERATIONS = {
  'POST /notices': async (request, deps) => {
    const principal = signedIn(request);
    const input = validate(schemas.newNoticeBody(), request.body);
    const { notices, reminders } = noticeDeps(deps);
    const affected = await audienceOf(deps, input);
    const now = deps.now();
    const notice = publishNotice(newNoticeId(), input, principal.sub, now, leadTimeFor(affected));
    await scheduleReminder(reminders, notice, affected, now);
    await notices.createNotice(notice);
    await notices.putListings(notice);
    return remembered(request, deps, { status: 201, body: noticeView(notice, principal) });
  },

  'PATCH /notices/{id}': async (request, deps) => {
    const principal = signedIn(request);
    const patch = validate(schemas.noticePatchBody(), request.body);
    const { notices, reminders } = noticeDeps(deps);
    const notice = await noticeNamed(notices, request.params.id);
    const affected = await affectedOrgs(deps.store, notice, deps.policies);
    const now = deps.now();
    const { notice: changed, change } = changeNotice(notice, patch, principal.sub, now, leadTimeFor(affected));
    if (change === undefined) return { status: 200, body: noticeView(notice, principal) };
    const moved = changed.state === 'cancelled' || changed.start !== notice.start;
    if (changed.state === 'published' && moved) await scheduleReminder(reminders, changed, affected, now);
    await notices.saveNotice(changed);
    await notices.putListings(changed);
    // The old start's reminder would find the notice moved or cancelled and do nothing: removing it
    // is tidying, and its failure must not turn a stored change into an error.
    if (moved) await reminders.remove(notice.id, notice.start).catch(() => undefined);
    return { status: 200, body: noticeView(changed, principal) };
  },

  'GET /notices': async (request, deps) => {
    const principal = signedIn(request);
    const query = validate(schemas.noticeListQuery(), request.query, 'query');
    const { notices } = noticeDeps(deps);
    if (principal.role !== 'customer')
      return { status: 200, body: { items: (await notices.listNotices(query)).map((n) => noticeView(n, principal)) } };
    const org = await customerOrg(deps, principal);
    if (org === undefined) return { status: 200, body: { items: [] } };
    const items = await notices.listNoticesFor(org, { ...query, from: query.from ?? deps.now() - PAST_MS });
    return { status: 200, body: { items: items.map((notice) => noticeView(notice, principal)) } };
  },

  'GET /notices/{id}': async (request, deps) => {
    const principal = signedIn(request);
    const notice = await noticeNamed(noticeDeps(deps).notices, request.params.id);
    if (principal.role === 'customer') {
      const org = await customerOrg(deps, principal);
      if (org === undefined || !affects(notice, org)) throw noSuchNotice(request.params.id);
    }
    return { status: 200, body: noticeView(notice, principal) };
  },

  /** The signed feed's path (under the API's base URL): staff name the org, a customer gets their own. */
  'GET /notice-calendar': async (request, deps) => {
    const principal = signedIn(request);
    const query = validate(schemas.noticeCalendarQuery(), request.query, 'query');
    const id = principal.role === 'customer' ? principal.org : query.org;
    if (id === undefined) throw new DomainError('bad_request', 'name the organisation', [{ path: 'org', message: 'required for staff' }]);
    if (principal.role === 'customer' && query.org !== undefined && query.org !== id)
      throw new DomainError('not_found', `no organisation ${query.org}`);
    const org = await deps.store.getOrg(id);
    if (org === undefined) throw new DomainError('not_found', `no organisation ${id}`);
    const sig = signNoticeFeed(org.id, (await keysOf(deps)).ackLinkKeys);
    return { status: 200, body: { org: org.id, path: `/notice-calendars/${org.id}?sig=${sig}` } };
  },

  /** Public: the signature is the capability. A forged one, or another org's, is 404 like an unknown org. */
  'GET /notice-calendars/{org}': async (request, deps) => {
    const { sig } = validate(schemas.noticeFeedQuery(), request.query, 'query');
    const id = request.params.org ?? '';
    if (!verifyNoticeFeed(id, sig, (await keysOf(deps)).ackLinkKeys)) throw new DomainError('not_found', 'no such calendar');
    const org = await deps.store.getOrg(id);
    if (org === undefined) throw new DomainError('not_found', 'no such calendar');
    const now = deps.now();
    const audience = noticeAudience(org, await latestPolicy(deps, org.policy, 'not_found'));
    const mine = await noticeDeps(deps).notices.listNoticesFor(audience, { from: now - PAST_MS, limit: FEED_LIMIT });
    return { status: 200, body: undefined, text: { contentType: 'text/calendar; charset=utf-8', body: noticeIcal(org, mine, now) } };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

function noticeDeps(deps: ApiDeps): { notices: NoticeStore; reminders: NoticeReminders } {
  if (deps.notices === undefined || deps.noticeReminders === undefined)
    throw new Error('the notice routes need the notices and their reminders');
  return { notices: deps.notices, reminders: deps.noticeReminders };
}

async function keysOf(deps: ApiDeps) {
  if (deps.oncallKeys === undefined) throw new Error('the notice calendars need the on-call keys');
  return deps.oncallKeys();
}

/** `n-` and 20 hex digits: unguessable, and short enough for a schedule's name. */
function newNoticeId(): string {
  return `n-${randomBytes(10).toString('hex')}`;
}

async function noticeNamed(notices: NoticeStore, id: string | undefined): Promise<Notice> {
  const notice = id !== undefined && schemas.NOTICE_ID.test(id) ? await notices.getNotice(id) : undefined;
  if (notice === undefined) throw noSuchNotice(id);
  return notice;
}

const noSuchNotice = (id: string | undefined) => new DomainError('not_found', `no notice ${id}`);

async function customerOrg(deps: ApiDeps, principal: Principal): Promise<AffectedOrg | undefined> {
  if (principal.org === undefined) return undefined;
  const org: Org | undefined = await deps.store.getOrg(principal.org);
  return org === undefined ? undefined : noticeAudience(org, await latestPolicy(deps, org.policy, 'not_found'));
}

/** The orgs a new notice reaches; a listed org that does not exist, or whose contract has no notices, is refused by its path. */
async function audienceOf(deps: ApiDeps, scope: NoticeScope): Promise<AffectedOrg[]> {
  const affected = await affectedOrgs(deps.store, scope, deps.policies);
  const reached = new Set(affected.map((org) => org.id));
  const errors: FieldError[] = (scope.orgs ?? []).flatMap((id, i) =>
    reached.has(id) ? [] : [{ path: `orgs[${i}]`, message: `no organisation "${id}" whose policy has a notices section` }],
  );
  if (errors.length > 0) throw new DomainError('validation_failed', 'the notice names organisations it cannot reach', errors);
  if (affected.length === 0)
    throw new DomainError('validation_failed', 'the notice affects no organisation', [
      {
        path: scope.regions !== undefined ? 'regions' : '',
        message: "no organisation whose policy has a notices section is in the notice's scope",
      },
    ]);
  return affected;
}

/**
 * The reminder's schedule, made before the write that needs it (a failed write leaves a schedule
 * that finds nothing to remind of). A window starting sooner than the reminder period gets none:
 * the notice's own mail is then the reminder.
 */
async function scheduleReminder(reminders: NoticeReminders, notice: Notice, affected: readonly AffectedOrg[], now: number): Promise<void> {
  const at = reminderAt(notice.start, affected);
  if (at !== undefined && at > now) await reminders.schedule(notice.id, notice.start, at);
}
