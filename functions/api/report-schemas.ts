/** The query string of `GET /reports/sla`, built on first use. */

import '../lib/zod-english.ts';
import * as z from 'zod/mini';
import { once } from '../lib/once.ts';
import { orgId } from './schemas.ts';

const DAY_OR_MONTH = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const dayOrMonth = () => z.string().check(z.regex(DAY_OR_MONTH, { error: 'expected a month like 2026-03 or a date like 2026-03-15' }));

/** `org` (customers: their own, the default), `from` and `to` (dates or months, both included; `to` defaults to `from`). */
export const slaReportQuery = once(() =>
  z.strictObject({
    org: z.optional(orgId()),
    from: dayOrMonth(),
    to: z.optional(dayOrMonth()),
  }),
);
