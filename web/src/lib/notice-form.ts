/** The notice form's draft (what was typed, kept through a failed write) and the API bodies made of it. */

import type { Schema } from './api.ts';
import { fromLocalInput, toLocalInput } from './format.ts';
import { parseList } from './org-form.ts';

export type Notice = Schema<'Notice'>;

export interface NoticeDraft {
  readonly title: string;
  readonly body: string;
  readonly kind: 'planned' | 'emergency';
  /** `datetime-local` values, in the viewer's zone. */
  readonly start: string;
  readonly end: string;
  /** Org ids and region ids, separated by commas or spaces; empty: every org whose contract has notices. */
  readonly orgs: string;
  readonly regions: string;
}

export const EMPTY_NOTICE_DRAFT: NoticeDraft = { title: '', body: '', kind: 'planned', start: '', end: '', orgs: '', regions: '' };

/** A typed time the API can read: an unreadable one is sent as typed, so the server names the field. */
const instant = (local: string) => {
  const ms = fromLocalInput(local);
  return ms === undefined ? local : new Date(ms).toISOString();
};

export function newNoticeBody(draft: NoticeDraft) {
  const orgs = parseList(draft.orgs);
  const regions = parseList(draft.regions);
  return {
    title: draft.title,
    body: draft.body,
    kind: draft.kind,
    start: instant(draft.start),
    end: instant(draft.end),
    ...(orgs.length > 0 && { orgs }),
    ...(regions.length > 0 && { regions }),
  };
}

/** What changed between the notice and the draft: only those fields are sent. */
export function noticePatchBody(notice: Notice, draft: NoticeDraft) {
  const start = instant(draft.start);
  const end = instant(draft.end);
  return {
    ...(draft.title !== notice.title && { title: draft.title }),
    ...(draft.body !== notice.body && { body: draft.body }),
    ...(start !== notice.start && { start }),
    ...(end !== notice.end && { end }),
  };
}

export function draftOfNotice(notice: Notice): NoticeDraft {
  return {
    title: notice.title,
    body: notice.body,
    kind: notice.kind,
    start: toLocalInput(Date.parse(notice.start)),
    end: toLocalInput(Date.parse(notice.end)),
    orgs: (notice.orgs ?? []).join(', '),
    regions: (notice.regions ?? []).join(', '),
  };
}

/** Upcoming (the window not over at `now`, soonest first) and past (latest first). */
export function splitByTime(notices: readonly Notice[], now: number): { upcoming: Notice[]; past: Notice[] } {
  const upcoming = notices.filter((n) => Date.parse(n.end) > now);
  const past = notices.filter((n) => Date.parse(n.end) <= now).reverse();
  return { upcoming, past };
}
