/**
 * How a notice looks on the wire: instants as ISO-8601 UTC. A customer sees the window, the text
 * and the history of times, never which other orgs it names nor who on the staff changed it.
 */

import type { Notice, NoticeChange } from '#shared/notices/notice.ts';
import { formatInstant } from '#shared/time/instant.ts';
import type { Principal } from '../lib/http/auth.ts';

export function noticeView(notice: Notice, principal: Principal) {
  const staff = principal.role !== 'customer';
  return {
    id: notice.id,
    title: notice.title,
    body: notice.body,
    kind: notice.kind,
    state: notice.state,
    start: formatInstant(notice.start),
    end: formatInstant(notice.end),
    ...(staff && notice.orgs !== undefined && { orgs: notice.orgs }),
    ...(notice.regions !== undefined && { regions: notice.regions }),
    ...(staff && notice.policy !== undefined && { policy: notice.policy }),
    publishedAt: formatInstant(notice.publishedAt),
    changes: notice.changes.map((change) => changeView(change, staff)),
    version: notice.version,
  };
}

function changeView(change: NoticeChange, staff: boolean) {
  return {
    at: formatInstant(change.at),
    ...(staff && { by: change.by }),
    what: change.what,
    start: formatInstant(change.start),
    end: formatInstant(change.end),
    ...(change.previous !== undefined && {
      previous: { start: formatInstant(change.previous.start), end: formatInstant(change.previous.end) },
    }),
  };
}

/** A ticket's link to the maintenance under way when it was opened. */
export function maintenanceLinkView(notice: Pick<Notice, 'id' | 'title' | 'start' | 'end' | 'kind'>) {
  return { id: notice.id, title: notice.title, kind: notice.kind, start: formatInstant(notice.start), end: formatInstant(notice.end) };
}
