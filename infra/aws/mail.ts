/**
 * Mail: inbound-email (SES stores a received message in the mail bucket and invokes it),
 * outbound-mail (sends agents' public replies, on the table's stream) and the SES receipt rules.
 */

import { Aws } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config.ts';
import { mailReceipt } from './mail-receipt.ts';
import { mailObjects, type stageNames } from './names.ts';
import { consumeStream, deadLetterQueue } from './queues.ts';
import { SlaFunction } from './sla-function.ts';
import { INBOUND_PREFIX } from './stateful-stack.ts';
import { STREAM_CONSUMERS } from './stream-consumers.ts';
import { grantTable } from './table-access.ts';

export interface MailProps {
  readonly config: DeploymentConfig;
  readonly names: ReturnType<typeof stageNames>;
  readonly table: TableV2;
  readonly mailBucket: Bucket;
  readonly mailKey: Key;
  readonly logRetention: RetentionDays;
}

export interface Mail {
  readonly inboundEmail: SlaFunction;
  readonly outboundMail: SlaFunction;
  /** The support mailbox: where customers write, and the sender of what we write. */
  readonly supportAddress: string;
}

/** The mail functions, their grants and the receipt rules, in `scope` (the stack: their logical ids are the stack's own). */
export function mail(scope: Construct, props: MailProps): Mail {
  const { config, table, mailKey, logRetention } = props;
  const supportAddress = `${config.supportMailbox}@${config.supportDomain}`;
  // Mail goes out as SES v2 SendEmail with simple content, which needs ses:SendEmail only (raw
  // content would also be checked against ses:SendRawEmail; we send none).
  const sendMail = new PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${config.supportDomain}`],
  });

  const inboundEmail = new SlaFunction(scope, 'InboundEmail', {
    name: 'inbound-email',
    logRetention,
    environment: {
      TABLE_NAME: table.tableName,
      MAIL_BUCKET: props.mailBucket.bucketName,
      MAIL_PREFIX: INBOUND_PREFIX,
      SUPPORT_ADDRESS: supportAddress,
      MAX_MAIL_BYTES: String(config.maxMailBytes),
    },
    deadLetterQueue: deadLetterQueue(scope, 'AsyncFailures'),
    retryAttempts: 2,
  });
  grantTable(inboundEmail, table, 'inboundEmail');
  inboundEmail.addToRolePolicy(
    new PolicyStatement({ actions: ['s3:GetObject'], resources: [mailObjects(config.mailBucketName, 'inbound')] }),
  );
  inboundEmail.addToRolePolicy(
    new PolicyStatement({ actions: ['s3:PutObject'], resources: [mailObjects(config.mailBucketName, 'attachments')] }),
  );
  inboundEmail.addToRolePolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [mailKey.keyArn] }));
  inboundEmail.addToRolePolicy(sendMail);
  mailReceipt(scope, {
    ruleSetName: props.names.receiptRuleSet,
    ruleName: props.names.receiptRule,
    ruleArn: props.names.receiptRuleArn,
    recipient: supportAddress,
    bucketName: config.mailBucketName,
    prefix: INBOUND_PREFIX,
    mailKey,
    inboundEmail,
  });

  const outboundMail = new SlaFunction(scope, 'OutboundMail', {
    name: 'outbound-mail',
    logRetention,
    environment: { TABLE_NAME: table.tableName, SUPPORT_ADDRESS: supportAddress },
  });
  grantTable(outboundMail, table, 'outboundMail');
  outboundMail.addToRolePolicy(sendMail);
  consumeStream(scope, 'OutboundMail', outboundMail, table, STREAM_CONSUMERS.outboundMail);
  return { inboundEmail, outboundMail, supportAddress };
}
