/** Names both stacks must agree on, derived from the stage (a policy in one stack names a resource of the other). */

import { Aws } from 'aws-cdk-lib';

export function stageNames(stage: string) {
  const receiptRuleSet = `sla-escalator-${stage}`;
  const receiptRule = 'support-inbound';
  return {
    scheduleGroup: `sla-escalator-${stage}`,
    /** notify's function name: it schedules its own SMS flushes by ARN. */
    notifyFunction: `sla-escalator-${stage}-notify`,
    /** The policy publisher's name: it invokes itself to go on with a re-plan. */
    policyPublisherFunction: `sla-escalator-${stage}-policy-publisher`,
    topicPrefix: `sla-escalator-${stage}-`,
    /** The two-way SMS topic: outside `topicPrefix`, so no role's topic can take its name. */
    inboundSmsTopic: `sla-escalator-inbound-sms-${stage}`,
    receiptRuleSet,
    receiptRule,
    /** SES's `aws:SourceArn` when the receipt rule writes to the mail bucket. */
    receiptRuleArn: `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:receipt-rule-set/${receiptRuleSet}:receipt-rule/${receiptRule}`,
  };
}

/** Objects under a prefix of the mail bucket (the ARN is built from the configured name, so it is the same in every environment). */
export function mailObjects(bucketName: string, prefix: string): string {
  return `arn:${Aws.PARTITION}:s3:::${bucketName}/${prefix}/*`;
}
