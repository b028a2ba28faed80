/** The functions' environment, read and validated once. */

import './zod-english.ts';
import * as z from 'zod/mini';
import { once } from './once.ts';

/** One instance for every non-empty setting: each schema built at import costs the cold start. */
const setting = z.string().check(z.minLength(1));
const optionalSetting = z.optional(setting);

const environment = z.object({
  TABLE_NAME: z.string().check(z.minLength(1, 'TABLE_NAME must name the DynamoDB table')),
  AWS_REGION: z._default(setting, 'us-east-1'),
  /** notify: topic ARN of a role = this prefix + role id. */
  ROLE_TOPIC_ARN_PREFIX: optionalSetting,
  /** schedule-sync: where schedules go and what they invoke. */
  SCHEDULE_GROUP: optionalSetting,
  NOTIFY_FUNCTION_ARN: optionalSetting,
  SCHEDULER_ROLE_ARN: optionalSetting,
  SCHEDULER_DLQ_ARN: optionalSetting,
  /** inbound-email / outbound-mail: where SES stores raw mail, our address, the size limit. */
  MAIL_BUCKET: optionalSetting,
  MAIL_PREFIX: z._default(z.string(), 'inbound/'),
  SUPPORT_ADDRESS: z.optional(z.email()),
  /** api: per-organisation limits, `tickets=100/1h,messages=600/1h,escalations=20/1h` (defaults) or `off` (see rate-limiter.ts). */
  RATE_LIMITS: optionalSetting,
  MAX_MAIL_BYTES: z._default(z.coerce.number().check(z.int(), z.positive()), 40 * 1024 * 1024),
});

export type Config = z.infer<typeof environment>;

export const config = once((): Config => {
  const result = environment.safeParse(process.env);
  if (!result.success) {
    throw new Error(`invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
});

/** A setting one function needs; its absence is a deployment error, reported by name. */
export function required<K extends keyof Config>(name: K): NonNullable<Config[K]> {
  const value = config()[name];
  if (value === undefined) throw new Error(`invalid environment: ${String(name)} is required by this function`);
  return value as NonNullable<Config[K]>;
}
