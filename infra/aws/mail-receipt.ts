/** SES receipt: drop spam, store the raw message in the mail bucket, then invoke inbound-email. */

import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type IReceiptRuleAction, type ReceiptRuleActionConfig, ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import type { Construct } from 'constructs';

/**
 * The S3 action without a `kmsKey`: the bucket's default SSE-KMS encrypts the message, so a plain
 * GetObject reads it (see `StatefulStack.letSesStoreMail`, which also holds SES's bucket and key
 * permissions: CDK's own S3 action would add a bucket statement without the `aws:SourceArn` check).
 */
export class StoreInBucket implements IReceiptRuleAction {
  constructor(
    private readonly bucketName: string,
    private readonly objectKeyPrefix: string,
  ) {}

  bind(): ReceiptRuleActionConfig {
    return { s3Action: { bucketName: this.bucketName, objectKeyPrefix: this.objectKeyPrefix } };
  }
}

export interface MailReceiptProps {
  readonly ruleSetName: string;
  readonly ruleName: string;
  readonly recipient: string;
  readonly bucketName: string;
  readonly prefix: string;
  readonly inboundEmail: IFunction;
}

export function mailReceipt(scope: Construct, props: MailReceiptProps): ReceiptRuleSet {
  return new ReceiptRuleSet(scope, 'Receipt', {
    receiptRuleSetName: props.ruleSetName,
    dropSpam: true,
    rules: [
      {
        receiptRuleName: props.ruleName,
        recipients: [props.recipient],
        scanEnabled: true,
        tlsPolicy: TlsPolicy.REQUIRE,
        actions: [
          new StoreInBucket(props.bucketName, props.prefix),
          new LambdaAction({ function: props.inboundEmail, invocationType: LambdaInvocationType.EVENT }),
        ],
      },
    ],
  });
}
