/** What must outlive deployments: the table, the mail bucket and its key, the role topics and theirs. */

import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/lib/table-design.ts';
import { stageNames } from './names.ts';

export interface StatefulStackProps extends StackProps {
  readonly stage: string;
  readonly roles: readonly string[];
  readonly mailBucketName: string;
}

/** Where SES stores raw mail in the bucket (the receipt rule's object key prefix). */
export const INBOUND_PREFIX = 'inbound/';

export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly mailBucket: Bucket;
  /** Encrypts the mail bucket only (the key of earlier versions, kept so older objects stay readable). */
  readonly mailKey: Key;
  /** Encrypts the role topics only. */
  readonly topicKey: Key;
  readonly roleTopics: ReadonlyMap<string, Topic>;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const names = stageNames(props.stage);
    this.mailKey = new Key(this, 'DataKey', {
      enableKeyRotation: true,
      description: 'sla-escalator: the mail bucket',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.topicKey = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'sla-escalator: the role topics',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const { partitionKey, sortKey, ttlAttribute, indexes } = TABLE_DESIGN;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: Object.entries(indexes).map(([indexName, index]) => ({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });

    const accessLogs = new Bucket(this, 'MailAccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    this.mailBucket = new Bucket(this, 'MailBucket', {
      bucketName: props.mailBucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.mailKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          prefix: INBOUND_PREFIX,
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(400),
        },
        { noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    this.letSesStoreMail(names.receiptRuleArn, `arn:${Aws.PARTITION}:s3:::${props.mailBucketName}`);

    this.roleTopics = new Map(
      props.roles.map((role) => [
        role,
        new Topic(this, `Role-${role}`, { topicName: `${names.topicPrefix}${role}`, masterKey: this.topicKey, enforceSSL: true }),
      ]),
    );
  }

  /**
   * SES writes raw mail as a plain PutObject, and the bucket's default SSE-KMS encrypts it: a plain
   * GetObject then returns the message. (A `kmsKey` on the receipt rule's S3 action would make SES
   * encrypt client-side with the S3 encryption client, and GetObject would return ciphertext:
   * https://docs.aws.amazon.com/kms/latest/developerguide/services-ses.html.)
   * - Bucket policy, as SES documents it, limited to our account and our receipt rule:
   *   https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html#receiving-email-permissions-s3
   * - Key policy: the caller of an SSE-KMS PutObject needs kms:GenerateDataKey on the bucket's key
   *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#aws-managed-customer-managed-keys),
   *   here only through S3 and only for this bucket (the S3 encryption context is the bucket's ARN
   *   with bucket keys on); who may write to the bucket at all is the bucket policy's source check.
   *   SES is given the key by its full ARN via the bucket default, as
   *   https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-s3.html asks.
   */
  private letSesStoreMail(receiptRuleArn: string, bucketArn: string): void {
    const ses = new ServicePrincipal('ses.amazonaws.com');
    this.mailBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSESPuts',
        principals: [ses],
        actions: ['s3:PutObject'],
        resources: [this.mailBucket.arnForObjects(`${INBOUND_PREFIX}*`)],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': receiptRuleArn } },
      }),
    );
    this.mailKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSESPutsThroughS3',
        principals: [ses],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` },
          // The bucket's ARN (bucket keys on), or an object's in it; by name, as the bucket refers to the key.
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] },
        },
      }),
    );
  }
}
