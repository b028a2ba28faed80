/** Where the console is deployed: how users sign in and where the API is. Served next to it as `/config.json`. */

export type AuthConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'cognito';
      /** The user pool's issuer, for OIDC discovery. */
      readonly authority: string;
      readonly clientId: string;
      /** The hosted UI's origin: its `/logout` ends the Cognito session. */
      readonly domain: string;
      readonly redirectUri: string;
      readonly postLogoutRedirectUri: string;
    };

export interface ConsoleConfig {
  readonly auth: AuthConfig;
  /** The API's prefix on this origin (`/api`). */
  readonly apiBase: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`the console's configuration did not load (HTTP ${response.status})`);
  return (await response.json()) as ConsoleConfig;
}
