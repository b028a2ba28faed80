/**
 * The policy's `notices` section: what the contract promises about change-management notices.
 * `changeLeadTime`: a planned notice is published at least this long before its window starts;
 * `reminderBefore`: the affected organisations are reminded this long before the start (absent: no
 * reminder). The duration schema is the policy schema's own, passed in (that module imports this one).
 */

import * as z from 'zod';

export function noticesSchema<D extends z.ZodType<number, string>>(duration: D) {
  return z.strictObject({ changeLeadTime: duration, reminderBefore: duration.optional() });
}

export interface NoticeTerms {
  readonly changeLeadTime: number;
  readonly reminderBefore?: number | undefined;
}
