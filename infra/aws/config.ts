/** Deployment settings, from `cdk.json` context `slaEscalator` (or `-c slaEscalator='{…}'`), validated with zod. */

import * as z from 'zod';

const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'expected an E.164 phone number like "+15555550100"' });

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
  /** Who is paged or told per role: SMS numbers take pages only, e-mail addresses take both. */
  subscriptions: z
    .record(z.string(), z.strictObject({ sms: z.array(phone).default([]), email: z.array(z.email()).default([]) }))
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
