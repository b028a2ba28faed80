/** Starts DynamoDB Local once (in memory) for the whole test run; test files create their own tables. */

import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/lib/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
