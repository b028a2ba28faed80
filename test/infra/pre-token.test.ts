import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { createPreTokenHandler } from '../../functions/pre-token/handler.ts';
import { dynamoMembership } from '../../functions/pre-token/membership.ts';
import type { MembershipLookup } from '../../functions/pre-token/pre-token.ts';
import { freshTable } from '../support/test-table.ts';

/** A V1_0 pre token generation event as Cognito sends it (trimmed to what the trigger reads and returns). */
function tokenEvent(sub: string, attributes: Record<string, string>, groups: string[] = []) {
  return {
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-central-1',
    userPoolId: 'eu-central-1_test',
    userName: sub,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: {
      userAttributes: { sub, email: `${sub}@example.com`, ...attributes },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: null },
    },
    response: { claimsOverrideDetails: null },
  };
}

describe('the pre token generation trigger', () => {
  let lookup: MembershipLookup;
  const reads: string[] = [];
  const invoke = (event: unknown) => createPreTokenHandler(() => lookup)(event, {} as Context);

  beforeAll(async () => {
    const { name, client } = await freshTable('pre-token');
    const documents = documentsOf(client);
    await documents.send(new PutCommand({ TableName: name, Item: { ...keys.member('sub-kore'), org: 'kore' } }));
    await documents.send(new PutCommand({ TableName: name, Item: { ...keys.member('sub-broken'), org: 'Not An Org!' } }));
    const fromTable = dynamoMembership(documents, name);
    lookup = (sub) => {
      reads.push(sub);
      return fromTable(sub);
    };
  });

  it("sets a customer's org claim from their membership, whatever their own custom:org says", async () => {
    const answer = await invoke(tokenEvent('sub-kore', { 'custom:org': 'kolmisoft' }));
    expect(answer.response.claimsOverrideDetails).toEqual({ claimsToAddOrOverride: { 'custom:org': 'kore' } });
    expect(answer.request.userAttributes.sub).toBe('sub-kore');
  });

  it('suppresses the org claim of a customer without a membership, so the API refuses them', async () => {
    const answer = await invoke(tokenEvent('sub-stranger', { 'custom:org': 'kore' }));
    expect(answer.response.claimsOverrideDetails).toEqual({ claimsToSuppress: ['custom:org'] });
  });

  it('grants nothing for a membership item that names no valid org', async () => {
    const answer = await invoke(tokenEvent('sub-broken', {}));
    expect(answer.response.claimsOverrideDetails).toEqual({ claimsToSuppress: ['custom:org'] });
  });

  it('leaves staff tokens as Cognito builds them, without a table read', async () => {
    reads.length = 0;
    for (const group of ['agent', 'admin']) {
      const answer = await invoke(tokenEvent(`sub-${group}`, {}, [group]));
      expect(answer.response.claimsOverrideDetails).toEqual({});
    }
    expect(reads).toEqual([]);
  });

  it('fails the sign-in (closed) on an event without a sub', async () => {
    await expect(invoke({ request: { userAttributes: {} } })).rejects.toThrow(/sub/);
  });

  it('fails the sign-in when the membership cannot be read', async () => {
    const failing = createPreTokenHandler(() => async () => {
      throw new Error('ProvisionedThroughputExceededException');
    });
    await expect(failing(tokenEvent('sub-kore', {}), {} as Context)).rejects.toThrow(/Throughput/);
  });
});
