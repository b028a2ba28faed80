/**
 * Cognito: the user pool, the staff groups, the portal's app client, the console's hosted UI and
 * app client, and the pre token generation trigger that decides a customer's org claim
 * (`functions/pre-token`).
 */

import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/**
 * What the portal may let a user edit about themselves. Never `custom:org`: a user who could set
 * it (UpdateUserAttributes with their own access token) could speak for another organisation.
 * The org claim comes from the membership item through the trigger; the attribute is neither
 * writable nor readable by the client, and an ID token carries only attributes its client may
 * read, so it never reaches a token on its own
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes).
 */
export const CLIENT_WRITES = new ClientAttributes().withStandardAttributes({ email: true, fullname: true });
export const CLIENT_READS = new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true });

export interface Users {
  readonly pool: UserPool;
  /** The portal's client (SRP sign-in, no OAuth). */
  readonly client: UserPoolClient;
  /** The hosted UI's prefix domain, where the console sends users to sign in. */
  readonly signInDomain: UserPoolDomain;
}

export function users(scope: Construct, preToken: IFunction, signInDomainPrefix: string): Users {
  const pool = new UserPool(scope, 'Users', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    // Kept (custom attributes cannot be removed from a pool); no longer trusted for anything.
    customAttributes: { org: new StringAttribute({ mutable: true, maxLen: 63 }) },
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    mfa: Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    // A changed e-mail takes effect only once the user confirms the new address; until then the
    // old, verified one stays (AttributesRequireVerificationBeforeUpdate:
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html).
    keepOriginal: { email: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const name of ['agent', 'admin']) new CfnUserPoolGroup(scope, `Group-${name}`, { userPoolId: pool.userPoolId, groupName: name });
  // V1_0 event: customises the ID token, which is what clients send (see functions/pre-token).
  pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, preToken);
  const client = pool.addClient('Portal', {
    authFlows: { userSrp: true },
    // No OAuth until the console brings a code + PKCE flow: CDK's defaults would allow the implicit
    // grant and a callback to https://example.com.
    disableOAuth: true,
    preventUserExistenceErrors: true,
    writeAttributes: CLIENT_WRITES,
    readAttributes: CLIENT_READS,
  });
  const signInDomain = pool.addDomain('SignIn', { cognitoDomain: { domainPrefix: signInDomainPrefix } });
  return { pool, client, signInDomain };
}

/** The origins the console's pages talk to for sign-in: the hosted UI (authorize, token, logout) and the issuer (discovery, keys). */
export function signInOrigins({ pool, signInDomain }: Users): { hostedUiOrigin: string; issuerOrigin: string } {
  // The provider URL is https://cognito-idp.<region>.amazonaws.com/<pool id>; its origin is the first three parts.
  return { hostedUiOrigin: signInDomain.baseUrl(), issuerOrigin: `https://${Fn.select(2, Fn.split('/', pool.userPoolProviderUrl))}` };
}

/**
 * The console's app client: a public client (a browser keeps no secret) that may only use the
 * authorization code grant, with PKCE, through the hosted UI; no implicit grant, no password
 * flows of its own. Tokens come back only to the console's /callback
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html).
 * Its ID tokens are short-lived: the console renews them with the refresh token while the shift lasts.
 */
export function consoleClient(pool: UserPool, consoleUrl: string): UserPoolClient {
  return pool.addClient('Console', {
    generateSecret: false,
    // The hosted sign-in pages offer the methods the app client's flows allow: with SRP, a password
    // (then the pool's MFA) without the password crossing the wire in the clear
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-managedlogin.html).
    // The browser app itself never calls InitiateAuth; it gets tokens by the code grant.
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls: [`${consoleUrl}/callback`],
      logoutUrls: [`${consoleUrl}/`],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    writeAttributes: CLIENT_WRITES,
    readAttributes: CLIENT_READS,
    idTokenValidity: Duration.minutes(15),
    accessTokenValidity: Duration.minutes(15),
    refreshTokenValidity: Duration.hours(12),
    enableTokenRevocation: true,
  });
}
