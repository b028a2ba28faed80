/** The functions' environment, read and validated once. */

import * as z from 'zod';

const environment = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME must name the DynamoDB table'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only set by the local stack: DynamoDB Local's URL. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** notify: topic ARN of a role = this prefix + role id. */
  ROLE_TOPIC_ARN_PREFIX: z.string().min(1).optional(),
  /** schedule-sync: where schedules go and what they invoke. */
  SCHEDULE_GROUP: z.string().min(1).optional(),
  NOTIFY_FUNCTION_ARN: z.string().min(1).optional(),
  SCHEDULER_ROLE_ARN: z.string().min(1).optional(),
  SCHEDULER_DLQ_ARN: z.string().min(1).optional(),
  /** inbound-email / outbound-mail: where SES stores raw mail, our address, the size limit. */
  MAIL_BUCKET: z.string().min(1).optional(),
  MAIL_PREFIX: z.string().default('inbound/'),
  SUPPORT_ADDRESS: z.email().optional(),
  MAX_MAIL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(40 * 1024 * 1024),
});

export type Config = z.infer<typeof environment>;

let loaded: Config | undefined;

export function config(): Config {
  if (loaded === undefined) {
    const result = environment.safeParse(process.env);
    if (!result.success) {
      throw new Error(`invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    loaded = result.data;
  }
  return loaded;
}

/** A setting one function needs; its absence is a deployment error, reported by name. */
export function required<K extends keyof Config>(name: K): NonNullable<Config[K]> {
  const value = config()[name];
  if (value === undefined) throw new Error(`invalid environment: ${String(name)} is required by this function`);
  return value as NonNullable<Config[K]>;
}
