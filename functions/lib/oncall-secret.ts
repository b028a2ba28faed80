/**
 * The on-call keys (ack links, SMS verification codes), from the Secrets Manager secret named by
 * ONCALL_SECRET_ARN. Read through the AWS Parameters and Secrets Lambda extension, which AWS
 * recommends over the SDK for Lambda: it caches the secret (300 s by default) and needs no SDK
 * client in the bundle (https://docs.aws.amazon.com/lambda/latest/dg/with-secrets-manager.html).
 * Each container keeps the derived keys for as long as the extension caches the secret, so a
 * rotation reaches every container within twice that.
 *
 * The secret (infra/aws/oncall-data.ts generates it): `{"key":"…","previousKeys":["…"]}`. The
 * ack-link key and the verification key are derived from `key` with HKDF-SHA-256 under labels of
 * their own, so one generated value gives two independent keys; links signed under a key moved to
 * `previousKeys` keep verifying until it is removed.
 */

import { hkdfSync } from 'node:crypto';
import * as z from 'zod/mini';
import type { OncallKeys } from '#shared/oncall/ports.ts';

/** How many letters and digits Secrets Manager generates for `key` (about 380 random bits). */
export const ONCALL_SECRET_KEY_LENGTH = 64;
/** The shortest key accepted: 43 base64 characters carry 32 bytes. */
const MIN_KEY_LENGTH = 43;
/** How long a container keeps the keys: the extension's default cache time (SECRETS_MANAGER_TTL). */
export const ONCALL_KEYS_TTL_MS = 300_000;

const key = z.string().check(z.minLength(MIN_KEY_LENGTH, `a key must have at least ${MIN_KEY_LENGTH} characters`));
const secretSchema = z.object({ key, previousKeys: z._default(z.array(key), []) });

const derive = (secret: string, label: string) => new Uint8Array(hkdfSync('sha256', secret, '', `sla-escalator ${label}`, 32));

/** The keys of a secret's value; an invalid value throws, naming the field (never the value). */
export function oncallKeysFrom(secretString: string): OncallKeys {
  let raw: unknown;
  try {
    raw = JSON.parse(secretString);
  } catch {
    throw new Error('the on-call secret is not JSON: expected {"key":"…","previousKeys":[…]}');
  }
  const parsed = secretSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `the on-call secret is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const { key: current, previousKeys } = parsed.data;
  return {
    ackLinkKeys: [current, ...previousKeys].map((k) => derive(k, 'ack link')),
    verificationKey: derive(current, 'sms verification'),
  };
}

/** What the extension needs: its port (PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, default 2773) and the function's session token. */
export interface ExtensionSettings {
  readonly port?: string | undefined;
  readonly sessionToken: string | undefined;
}

/**
 * A secret's string through the extension's local endpoint: `GET /secretsmanager/get?secretId=`,
 * authenticated by the function's session token in `X-Aws-Parameters-Secrets-Token`; the answer
 * is GetSecretValue's. https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
 */
export function secretFromExtension(settings: ExtensionSettings, request: typeof fetch = fetch) {
  return async (secretId: string): Promise<string> => {
    if (settings.sessionToken === undefined) throw new Error('no AWS_SESSION_TOKEN: the secrets extension runs only inside Lambda');
    const url = `http://localhost:${settings.port ?? '2773'}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
    const response = await request(url, { headers: { 'X-Aws-Parameters-Secrets-Token': settings.sessionToken } });
    if (!response.ok) throw new Error(`the secrets extension answered ${response.status} for the on-call secret`);
    const body = z.object({ SecretString: z.string() }).safeParse(await response.json());
    if (!body.success) throw new Error('the on-call secret has no SecretString');
    return body.data.SecretString;
  };
}

/**
 * The keys, read on first use and again once `ttlMs` has passed since; concurrent callers share
 * one read, and a failed read is not kept (the next call tries again).
 */
export function oncallKeys(
  secretId: string,
  read: (secretId: string) => Promise<string>,
  now: () => number,
  ttlMs = ONCALL_KEYS_TTL_MS,
): () => Promise<OncallKeys> {
  let cached: { readonly keys: Promise<OncallKeys>; readonly readAt: number } | undefined;
  return () => {
    const at = now();
    if (cached === undefined || at - cached.readAt >= ttlMs) {
      const keys = read(secretId).then(oncallKeysFrom);
      const entry = { keys, readAt: at };
      cached = entry;
      keys.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.keys;
  };
}

/** A Lambda's keys: the secret ONCALL_SECRET_ARN names, through the extension beside it, kept per container. */
export function productionOncallKeys(secretArn: string, variables: Readonly<Record<string, string | undefined>> = process.env) {
  const read = secretFromExtension({ port: variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, sessionToken: variables.AWS_SESSION_TOKEN });
  return oncallKeys(secretArn, read, Date.now);
}
