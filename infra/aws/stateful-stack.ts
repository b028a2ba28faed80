/**
 * What must outlive deployments: the table, the mail bucket and its key, the role topics and
 * theirs, the on-call secret and the two-way SMS topic (oncall-data.ts).
 */

import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, StorageClass } from 'aws-cdk-lib/aws-s3';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/adapters/dynamo/table-design.ts';
import { stageNames } from './names.ts';
import { inboundSmsTopic, oncallSecret } from './oncall-data.ts';

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
  /** The keys of ack links and verification codes. */
  readonly oncallSecret: Secret;
  /** Where End User Messaging SMS publishes the replies to our two-way number. */
  readonly inboundSms: Topic;

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

    this.roleTopics = new Map(
      props.roles.map((role) => [
        role,
        new Topic(this, `Role-${role}`, { topicName: `${names.topicPrefix}${role}`, masterKey: this.topicKey, enforceSSL: true }),
      ]),
    );
    this.oncallSecret = oncallSecret(this, props.stage);
    this.inboundSms = inboundSmsTopic(this, names.inboundSmsTopic);
  }
}
