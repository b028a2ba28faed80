/** SES receipt: drop spam, store the raw message in the mail bucket, then invoke inbound-email. */

import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnReceiptRule } from 'aws-cdk-lib/aws-ses';
import { type IReceiptRule, type IReceiptRuleAction, type ReceiptRuleActionConfig, ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { mailObjects } from './names.ts';

/**
 * The S3 action without a `kmsKey` (that would make SES encrypt client-side, and a plain GetObject
 * would return ciphertext: https://docs.aws.amazon.com/kms/latest/developerguide/services-ses.html);
 * the bucket's default SSE-KMS encrypts the message instead. SES writes with the role given as
 * `IamRoleArn`, and "the role (and only the role) is used to access all the given resources ...
 * setting up individual resource access permissions is not required"
 * (https://docs.aws.amazon.com/ses/latest/APIReference/API_S3Action.html): no SES statement in
 * the bucket or key policy. (CDK's own S3 action takes no role and writes a bucket statement.)
 */
export class StoreInBucket implements IReceiptRuleAction {
  constructor(private readonly props: { bucketName: string; objectKeyPrefix: string; role: Role }) {}

  bind(): ReceiptRuleActionConfig {
    const s3Action: CfnReceiptRule.S3ActionProperty = {
      bucketName: this.props.bucketName,
      objectKeyPrefix: this.props.objectKeyPrefix,
      iamRoleArn: this.props.role.roleArn,
    };
    // CDK's S3ActionConfig has no iamRoleArn yet; the config goes to CfnReceiptRule as it is.
    return { s3Action } as ReceiptRuleActionConfig;
  }
}

/**
 * The Lambda action, invoked asynchronously. CDK's own action lets SES invoke the function with
 * `SourceAccount` only; this one also names our receipt rule as `SourceArn`, as
 * https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html#receiving-email-permissions-lambda
 * shows it.
 */
export class InvokeFunction implements IReceiptRuleAction {
  constructor(private readonly props: { fn: IFunction; ruleArn: string }) {}

  bind(rule: IReceiptRule): ReceiptRuleActionConfig {
    const id = 'AllowSesReceiptRule';
    if (this.props.fn.permissionsNode.tryFindChild(id) === undefined) {
      this.props.fn.addPermission(id, {
        action: 'lambda:InvokeFunction',
        principal: new ServicePrincipal('ses.amazonaws.com'),
        sourceAccount: Aws.ACCOUNT_ID,
        sourceArn: this.props.ruleArn,
      });
    }
    // SES checks it may invoke the function when the rule is created.
    const permission = this.props.fn.permissionsNode.tryFindChild(id);
    if (permission !== undefined) rule.node.addDependency(permission);
    return { lambdaAction: { functionArn: this.props.fn.functionArn, invocationType: 'Event' } };
  }
}

export interface MailReceiptProps {
  readonly ruleSetName: string;
  readonly ruleName: string;
  /** The rule's ARN: SES's `aws:SourceArn` when it assumes the role or invokes the function. */
  readonly ruleArn: string;
  readonly recipient: string;
  readonly bucketName: string;
  readonly prefix: string;
  readonly mailKey: IKey;
  readonly inboundEmail: IFunction;
}

/**
 * The role SES assumes for the S3 action: only for our receipt rule in this account (trust policy
 * as https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html#receiving-email-permissions-s3-iam-role-trust
 * gives it), allowed s3:PutObject under the prefix and, for the bucket's SSE-KMS, kms:Encrypt and
 * kms:GenerateDataKey on the mail key (the APIs API_S3Action lists for the role).
 */
function storeRole(scope: Construct, props: MailReceiptProps): Role {
  const role = new Role(scope, 'SesStoresMail', {
    assumedBy: new ServicePrincipal('ses.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': props.ruleArn } },
    }),
    description: `SES may only store mail of receipt rule ${props.ruleName} under ${props.prefix} of the mail bucket`,
  });
  role.addToPolicy(
    new PolicyStatement({ actions: ['s3:PutObject'], resources: [mailObjects(props.bucketName, props.prefix.replace(/\/$/, ''))] }),
  );
  role.addToPolicy(new PolicyStatement({ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [props.mailKey.keyArn] }));
  return role;
}

export function mailReceipt(scope: Construct, props: MailReceiptProps): ReceiptRuleSet {
  const role = storeRole(scope, props);
  const ruleSet = new ReceiptRuleSet(scope, 'Receipt', {
    receiptRuleSetName: props.ruleSetName,
    dropSpam: true,
    rules: [
      {
        receiptRuleName: props.ruleName,
        recipients: [props.recipient],
        scanEnabled: true,
        tlsPolicy: TlsPolicy.REQUIRE,
        actions: [
          new StoreInBucket({ bucketName: props.bucketName, objectKeyPrefix: props.prefix, role }),
          new InvokeFunction({ fn: props.inboundEmail, ruleArn: props.ruleArn }),
        ],
      },
    ],
  });
  // SES tries the S3 action's permissions when the rule is created: the role and its policy first.
  ruleSet.node.addDependency(role);
  activate(scope, ruleSet, props.ruleSetName);
  return ruleSet;
}

/**
 * Only the active receipt rule set receives mail, one per account and region
 * (https://docs.aws.amazon.com/ses/latest/APIReference/API_SetActiveReceiptRuleSet.html), and
 * CloudFormation has no resource for it: a new or renamed set would otherwise wait for someone to
 * activate it by hand. Activated on create and on update, after its rules exist; one physical id
 * whatever the name, so a rename updates in place and is not followed by a Delete. Deleting the
 * stage deactivates receiving ("To disable your email-receiving ... call this operation with
 * RuleSetName set to null"), since the active set cannot be deleted
 * (https://docs.aws.amazon.com/ses/latest/APIReference/API_DeleteReceiptRuleSet.html).
 */
function activate(scope: Construct, ruleSet: ReceiptRuleSet, ruleSetName: string): AwsCustomResource {
  const setActive = {
    service: 'SES',
    action: 'SetActiveReceiptRuleSet',
    parameters: { RuleSetName: ruleSetName },
    physicalResourceId: PhysicalResourceId.of('active-receipt-rule-set'),
  };
  const activation = new AwsCustomResource(scope, 'ActivateReceiptRuleSet', {
    onCreate: setActive,
    onUpdate: setActive,
    onDelete: { service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} },
    // The action takes no resource ARN (see the nag acknowledgement).
    policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] })]),
    installLatestAwsSdk: false,
  });
  activation.node.addDependency(ruleSet);
  return activation;
}
