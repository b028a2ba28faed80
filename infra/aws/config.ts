/** Deployment settings, from `cdk.json` context `slaEscalator` (or `-c slaEscalator='{…}'`), validated with zod. */

import * as z from 'zod';

/**
 * Phone numbers are personal data and change with the rota: they live in SSM Parameter Store
 * (String parameters, read by CloudFormation at deploy time), never in the repository. The
 * config names the parameters.
 */
const ssmParameter = z
  .string()
  .refine((value) => !/^\+?[\d\s()-]{6,}$/.test(value), {
    error: 'phone numbers do not belong in cdk.json: store the number in an SSM String parameter and give its name here',
  })
  .regex(/^\/[A-Za-z0-9_.\-/]{1,1010}$/, { error: 'expected an SSM parameter name like "/sla-escalator/prod/sms/oncall-1"' });

export const deploymentConfigSchema = z.strictObject({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,20}$/)
    .default('dev'),
  /** The domain verified in SES that receives support mail, e.g. `support.example.com`. */
  supportDomain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/),
  /** The local part of the support address (`support` → support@<supportDomain>). */
  supportMailbox: z
    .string()
    .regex(/^[a-z0-9._-]+$/)
    .default('support'),
  /**
   * Who is paged or told per role: SMS subscribers take pages only (each given as the name of an
   * SSM parameter holding an E.164 number), e-mail addresses take both.
   */
  subscriptions: z
    .record(z.string(), z.strictObject({ sms: z.array(ssmParameter).default([]), email: z.array(z.email()).default([]) }))
    .default({}),
  /** The mail bucket's name (globally unique; raw mail under inbound/, attachments under attachments/). */
  mailBucketName: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, { error: 'expected an S3 bucket name' }),
  /** Where alarms go. */
  opsEmail: z.email(),
  /** Largest accepted message, in bytes (SES takes up to 40 MB through S3). */
  maxMailBytes: z
    .number()
    .int()
    .positive()
    .max(40 * 1024 * 1024)
    .default(40 * 1024 * 1024),
  /** API throttling per stage. */
  throttle: z
    .strictObject({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
    .default({ rateLimit: 50, burstLimit: 100 }),
  /** Alarm when the account's SMS spend this month reaches this many US dollars (SNS `SMSMonthToDateSpentUSD`). */
  smsSpendAlarmUsd: z.number().positive().default(50),
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(365)]).default(30),
});

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

export function deploymentConfig(context: unknown): DeploymentConfig {
  const raw = typeof context === 'string' ? (JSON.parse(context) as unknown) : context;
  const result = deploymentConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `cdk.json context "slaEscalator" is invalid:\n${result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  }
  return result.data;
}
