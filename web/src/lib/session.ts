/**
 * Who is signed in. The token is the API's bearer token (locally one the local stack signs; on
 * AWS the Cognito ID token, obtained with the authorisation code flow and PKCE by oidc-client-ts),
 * kept in this tab's session storage only, never in a cookie. What the console shows follows
 * `me` (`GET /me`); the API decides what is allowed.
 */

import { computed, signal } from '@preact/signals';
import type { AuthConfig, ConsoleConfig } from './config.ts';
import { safeReturnTo } from './return-to.ts';

import type { Role } from './role.ts';

export type { Role };

export interface Me {
  readonly role: Role;
  readonly sub: string;
  readonly org?: string;
  readonly orgName?: string;
  readonly policy?: string;
  readonly tier?: string;
  readonly region?: string;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: number;
  readonly me: Me;
}

const KEY = 'sla.session';

export const session = signal<Session | null>(restore());
export const role = computed(() => session.value?.me.role);
export const isStaff = computed(() => role.value === 'admin' || role.value === 'agent');

function restore(): Session | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return saved !== null && saved.expiresAt > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

async function start(config: ConsoleConfig, token: string, expiresAt: number): Promise<Session> {
  const response = await fetch(`${config.apiBase}/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`signing in failed: the API answered ${response.status}`);
  const next: Session = { token, expiresAt, me: (await response.json()) as Me };
  sessionStorage.setItem(KEY, JSON.stringify(next));
  session.value = next;
  return next;
}

/** Ends the session here (and, on AWS, at Cognito's hosted UI). */
export async function signOut(config: ConsoleConfig): Promise<void> {
  sessionStorage.removeItem(KEY);
  session.value = null;
  if (config.auth.kind === 'cognito') {
    const auth = config.auth;
    const manager = await userManager(auth);
    // The hosted UI's logout ends its own cookie only; the refresh token would stay valid for hours.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
    await manager.revokeTokens(['refresh_token']).catch(() => undefined);
    await manager.removeUser();
    // Cognito's logout endpoint is not in its discovery document; it takes client_id and logout_uri.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
    location.assign(
      `${auth.domain}/logout?client_id=${encodeURIComponent(auth.clientId)}&logout_uri=${encodeURIComponent(auth.postLogoutRedirectUri)}`,
    );
  }
}

/** The session has expired or the API no longer accepts its token. */
export function expire(): void {
  sessionStorage.removeItem(KEY);
  // oidc-client-ts keeps its user (refresh token included) and sign-in state under `oidc.` keys.
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('oidc.')) sessionStorage.removeItem(key);
  session.value = null;
}

// --- local sign-in (the local stack only) ---

export interface LocalIdentity {
  readonly id: string;
  readonly role: Role;
  readonly org?: string;
  readonly label: string;
}

export async function localIdentities(): Promise<LocalIdentity[]> {
  const response = await fetch('/_local/identities');
  if (!response.ok) throw new Error(`the local stack did not list its identities (HTTP ${response.status})`);
  return ((await response.json()) as { items: LocalIdentity[] }).items;
}

export async function signInLocally(config: ConsoleConfig, identity: string): Promise<Session> {
  const response = await fetch('/_local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity }),
  });
  if (!response.ok) throw new Error(`the local stack refused to sign in "${identity}" (HTTP ${response.status})`);
  const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
  return start(config, token, Date.parse(expiresAt));
}

// --- Cognito hosted UI (AWS) ---

type CognitoAuth = Extract<AuthConfig, { kind: 'cognito' }>;

/** oidc-client-ts is loaded only where Cognito is used, so the local console and the first page stay small. */
async function userManager(auth: CognitoAuth) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    post_logout_redirect_uri: auth.postLogoutRedirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    // Cognito's discovery document names no revocation endpoint.
    metadataSeed: { revocation_endpoint: `${auth.domain}/oauth2/revoke` },
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** Sends the browser to the hosted UI (authorisation code with PKCE; oidc-client-ts makes the verifier). */
export async function signInWithCognito(auth: CognitoAuth, returnTo: string): Promise<void> {
  await (await userManager(auth)).signinRedirect({ state: { returnTo } });
}

/** At `/callback`: exchanges the code for tokens and starts the session with the ID token. */
export async function completeCognitoSignIn(config: ConsoleConfig, auth: CognitoAuth): Promise<string> {
  const user = await (await userManager(auth)).signinRedirectCallback();
  if (user.id_token === undefined) throw new Error('Cognito answered without an ID token');
  await start(config, user.id_token, (user.expires_at ?? 0) * 1000);
  return safeReturnTo((user.state as { returnTo?: string } | undefined)?.returnTo);
}
