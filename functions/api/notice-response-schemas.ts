/** The response bodies of the notice routes (response-schemas.ts imports this module, which registers them). */

import * as z from 'zod/mini';
import { NOTICE_KINDS, NOTICE_STATES } from '#shared/notices/notice.ts';
import type { maintenanceLinkView, noticeView } from './notice-views.ts';
import { instant, named } from './response-registry.ts';
import type { Produces } from './response-schemas.ts';

const noticeChange = z.strictObject({
  at: instant(),
  by: z.optional(z.string()),
  what: z.enum(['published', 'rescheduled', 'edited', 'cancelled']),
  start: instant(),
  end: instant(),
  previous: z.optional(z.strictObject({ start: instant(), end: instant() })),
});

export const notice = named(
  'Notice',
  'A change-management notice: the maintenance window `[start, end)`, planned (published at least the lead time ahead) or emergency, published or cancelled, and every change kept in `changes` (customers see neither the listed orgs nor who made a change)',
  z.strictObject({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    kind: z.enum(NOTICE_KINDS),
    state: z.enum(NOTICE_STATES),
    start: instant(),
    end: instant(),
    orgs: z.optional(z.array(z.string())),
    regions: z.optional(z.array(z.string())),
    policy: z.optional(z.string()),
    publishedAt: instant(),
    changes: z.array(noticeChange),
    version: z.int(),
  }),
);

export const noticeList = named(
  'NoticeList',
  "Notices whose window overlaps the range, by start (a customer's: those affecting their organisation)",
  z.strictObject({ items: z.array(notice) }),
);

export const noticeCalendar = named(
  'NoticeCalendar',
  "The path, under the API's base URL, of an organisation's maintenance calendar (iCalendar, signed, no expiry: a rotated on-call key invalidates it)",
  z.strictObject({ org: z.string(), path: z.string() }),
);

export const maintenanceLink = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(NOTICE_KINDS),
  start: instant(),
  end: instant(),
});

export const NOTICE_VIEWS_MATCH: readonly true[] = [
  true satisfies Produces<ReturnType<typeof noticeView>, typeof notice>,
  true satisfies Produces<ReturnType<typeof maintenanceLinkView>, typeof maintenanceLink>,
];
