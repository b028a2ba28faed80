/**
 * Which organisation a token speaks for: decided here, from the membership the admin API wrote,
 * never from an attribute the user can edit.
 *
 * Cognito's pre token generation trigger (V1_0 event, available on every feature plan) may add,
 * override or suppress claims of the ID token; `sub`, `aud`, `iss`, `token_use` and the other
 * reserved claims cannot be changed, `custom:*` attributes can
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
 * Clients send the ID token: the HTTP API's JWT authorizer accepts it because its `aud` is our app
 * client; an access token (no `aud`, checked by `client_id` instead) carries no custom attributes
 * at all, so it names no organisation either
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
 */

/** The claim the API reads a customer's organisation from (`functions/lib/http/auth.ts`). */
export const ORG_CLAIM = 'custom:org';

/** Staff are authorised by group, not by organisation: their tokens are left as Cognito builds them. */
export const STAFF_GROUPS: readonly string[] = ['agent', 'admin'];

/** The V1_0 response field `claimsOverrideDetails` (group overrides are never used). */
export interface ClaimsOverride {
  readonly claimsToAddOrOverride?: Readonly<Record<string, string>>;
  readonly claimsToSuppress?: readonly string[];
}

export interface TokenRequest {
  /** The user's `sub`: the key of their membership item. */
  readonly sub: string;
  readonly groups: readonly string[];
}

/** The organisation a user belongs to, if any (the membership item `MEMBER#<sub>`). */
export type MembershipLookup = (sub: string) => Promise<string | undefined>;

/**
 * A customer's org claim is their membership's org, whatever their own `custom:org` says; without
 * a membership the claim is suppressed, so the API answers 403. Staff are not looked up.
 */
export async function orgClaimFor(request: TokenRequest, membershipOf: MembershipLookup): Promise<ClaimsOverride> {
  if (request.groups.some((group) => STAFF_GROUPS.includes(group))) return {};
  const org = await membershipOf(request.sub);
  return org === undefined ? { claimsToSuppress: [ORG_CLAIM] } : { claimsToAddOrOverride: { [ORG_CLAIM]: org } };
}
