/** Cognito's pre token generation trigger (V1_0): sets or suppresses a customer's org claim from the table. */

import '../lib/zod-english.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { documentsOf } from '../adapters/dynamo/client.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { preTokenEnvironment } from './environment.ts';
import { dynamoMembership } from './membership.ts';
import { type MembershipLookup, orgClaimFor } from './pre-token.ts';

const event = z.looseObject({
  request: z.looseObject({
    userAttributes: z.looseObject({ sub: z.string().check(z.minLength(1)) }),
    groupConfiguration: z.optional(z.looseObject({ groupsToOverride: z.optional(z.array(z.string())) })),
  }),
  response: z.optional(z.looseObject({})),
});

export function createPreTokenHandler(membershipOf: () => MembershipLookup) {
  return middy(async (input: unknown) => {
    const parsed = event.parse(input);
    const claimsOverrideDetails = await orgClaimFor(
      { sub: parsed.request.userAttributes.sub, groups: parsed.request.groupConfiguration?.groupsToOverride ?? [] },
      membershipOf(),
    );
    // Cognito reads the answer from the event it sent, returned with `response` filled in.
    return { ...parsed, response: { ...parsed.response, claimsOverrideDetails } };
  });
}

/**
 * Cognito waits at most 5 s for a trigger, so DynamoDB calls get a short timeout and one retry;
 * a failure fails the sign-in (closed), never issues a token with an unchecked claim.
 */
function productionMembership(): MembershipLookup {
  const env = parseEnvironment(preTokenEnvironment);
  return dynamoMembership(
    documentsOf(
      new DynamoDBClient({ region: env.AWS_REGION, maxAttempts: 2, requestHandler: { connectionTimeout: 500, requestTimeout: 1_500 } }),
    ),
    env.TABLE_NAME,
  );
}

export const handler = entryPoint(productionMembership, createPreTokenHandler);
