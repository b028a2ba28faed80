import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { localDynamoConfig } from '../../infra/local/lib/dynamodb-local.ts';
import { withTableGrant } from '../../infra/local/lib/table-grants.ts';
import { freshTable } from '../support/test-table.ts';

describe("the local stack's table grants", () => {
  it('refuses what the function may not do on AWS, as IAM would, and lets its grant through', async () => {
    const { name: table } = await freshTable('grants');
    const client = (fn: 'outboundMail' | 'notify') =>
      documentsOf(withTableGrant(new DynamoDBClient(localDynamoConfig(inject('dynamoEndpoint'))), fn));
    const Key = { PK: 'X', SK: 'Y' };
    await expect(client('outboundMail').send(new GetCommand({ TableName: table, Key }))).resolves.toBeDefined();
    await expect(client('outboundMail').send(new DeleteCommand({ TableName: table, Key }))).rejects.toThrow(
      'AccessDeniedException: outboundMail is not authorized to perform dynamodb:DeleteItem',
    );
    // A transaction needs each part's item action: notify may put, not delete.
    const transaction = new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: table, Item: Key } }, { Delete: { TableName: table, Key: { PK: 'X', SK: 'Z' } } }],
    });
    await expect(client('notify').send(transaction)).rejects.toThrow('not authorized to perform dynamodb:DeleteItem');
  });
});
