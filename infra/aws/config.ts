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

/**
 * A Cognito prefix domain is `https://<prefix>.auth.<region>.amazoncognito.com`: lowercase letters,
 * digits and hyphens, unique in the region, and without the reserved words `aws`, `amazon` or
 * `cognito` (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html).
 */
const cognitoDomainPrefix = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { error: 'expected a Cognito domain prefix: lowercase letters, digits and hyphens' })
  .refine((prefix) => !/aws|amazon|cognito/.test(prefix), {
    error: 'a Cognito domain prefix may not contain "aws", "amazon" or "cognito"',
  });

/**
 * CloudFront takes a viewer certificate from ACM only in us-east-1
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html).
 */
const cloudFrontCertificateArn = z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, {
  error: 'expected the ARN of an ACM certificate in us-east-1 (CloudFront uses certificates from that region only)',
});

const consoleSettings = z
  .strictObject({
    /** The hosted UI's prefix domain (default `sla-escalator-<stage>`). */
    signInDomainPrefix: cognitoDomainPrefix.optional(),
    /** The console's own domain name (e.g. `console.example.com`); needs `certificateArn`. Without one, the distribution's `*.cloudfront.net` name. */
    domainName: z
      .string()
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/)
      .optional(),
    certificateArn: cloudFrontCertificateArn.optional(),
  })
  .refine((settings) => (settings.domainName === undefined) === (settings.certificateArn === undefined), {
    error: 'domainName and certificateArn go together: CloudFront serves a domain of its own only with its certificate',
    path: ['certificateArn'],
  });

/**
 * The number pages are texted from and replies come back to: an origination number of AWS End
 * User Messaging SMS with two-way SMS enabled (docs/aws-runbook.md, "Two-way SMS"). It is the
 * service's own number, not a person's, so it may stand in cdk.json.
 */
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'expected an E.164 phone number like "+4915112345678"' });

const oncallSettings = z.strictObject({
  /**
   * The two-way origination number (SMS_ORIGINATION_NUMBER of notify, the api and sms-inbound).
   * Without it there is no sms-inbound: SMS goes from a number SNS picks and nobody can reply.
   */
  originationNumber: e164.optional(),
  /** Whether an SMS page also carries the signed ack link (notify's SMS_ACK_LINKS); without it a page stays one GSM-7 part and carries the reply code only. */
  smsAckLinks: z.boolean().default(false),
  /** The number has self-managed opt-outs in End User Messaging SMS: sms-inbound answers STOP and HELP instead of AWS (sms-inbound's SMS_SELF_MANAGED_OPT_OUTS). */
  selfManagedOptOuts: z.boolean().default(false),
});

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
  /** Who is reminded by e-mail to run each quarter's tier review (the contracts function's TIER_REVIEW_ADMINS); default: opsEmail. */
  adminEmails: z.array(z.email()).min(1).max(20).optional(),
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
  /** The web console (infra/aws/console-hosting.ts): where it signs users in, and an optional domain of its own. */
  console: consoleSettings.default({}),
  /** On-call paging of people (docs/oncall.md): the two-way SMS number and whether SMS pages carry links. */
  oncall: oncallSettings.default({ smsAckLinks: false, selfManagedOptOuts: false }),
});

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

/** The hosted UI's prefix domain: the configured one, or one derived from the stage. */
export function signInDomainPrefix(config: DeploymentConfig): string {
  return config.console.signInDomainPrefix ?? `sla-escalator-${config.stage}`;
}

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
