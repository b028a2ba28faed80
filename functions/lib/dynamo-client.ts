/** One DynamoDB document client per process, created on first use so warm invocations reuse it. */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config.ts';

let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  if (client === undefined) {
    const { AWS_REGION, DYNAMODB_ENDPOINT } = config();
    const base = new DynamoDBClient({
      region: AWS_REGION,
      ...(DYNAMODB_ENDPOINT !== undefined && {
        endpoint: DYNAMODB_ENDPOINT,
        // DynamoDB Local accepts any credentials; these keep the SDK from searching for real ones.
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    });
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}
