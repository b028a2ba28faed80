/**
 * Webhook signatures per the Standard Webhooks convention (https://www.standardwebhooks.com/):
 * `webhook-id` (the event's id, the same on every retry, so receivers dedupe by it),
 * `webhook-timestamp` (Unix seconds of this attempt, so receivers can refuse old replays) and
 * `webhook-signature`: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` for each secret the
 * endpoint has, space-separated, while a rotated secret is still honoured.
 *
 * Secrets are `whsec_<base64 of 24 to 64 random bytes>`. The random bytes come from the caller:
 * this module only computes (no clock, no randomness).
 */

import { createHmac } from 'node:crypto';
import { DomainError } from '#shared/domain-error.ts';

const SECRET_PREFIX = 'whsec_';
/** 24 bytes (192 bits) is the convention's minimum; 64 its maximum. */
export const SECRET_BYTES = { min: 24, max: 64 } as const;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A signing secret made of the given random bytes. */
export function secretOf(bytes: Uint8Array): string {
  if (bytes.length < SECRET_BYTES.min || bytes.length > SECRET_BYTES.max) {
    throw new DomainError('invalid_config', `a webhook secret takes ${SECRET_BYTES.min} to ${SECRET_BYTES.max} bytes, not ${bytes.length}`);
  }
  return `${SECRET_PREFIX}${Buffer.from(bytes).toString('base64')}`;
}

/** The key bytes of a secret, or `undefined` when it is not a well-formed `whsec_` secret. */
export function secretKey(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : undefined;
  if (encoded === undefined || !BASE64.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const key = Buffer.from(encoded, 'base64');
  return key.length >= SECRET_BYTES.min && key.length <= SECRET_BYTES.max ? key : undefined;
}

export interface SignedMessage {
  /** The event's id (stable across retries and replays). */
  readonly id: string;
  /** When this attempt is made (epoch ms; sent in whole seconds). */
  readonly at: number;
  /** The exact bytes that are sent. */
  readonly body: string;
}

/** `v1,<base64>` for one secret. */
export function signature(secret: string, { id, at, body }: SignedMessage): string {
  const key = secretKey(secret);
  if (key === undefined) throw new DomainError('invalid_config', 'a webhook secret must be whsec_ followed by base64 of 24 to 64 bytes');
  const mac = createHmac('sha256', key)
    .update(`${id}.${unixSeconds(at)}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The three headers of a delivery, signed with every secret given (the newest first). */
export function signatureHeaders(secrets: readonly string[], message: SignedMessage) {
  if (secrets.length === 0) throw new DomainError('invalid_config', 'an endpoint needs a secret to sign with');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(unixSeconds(message.at)),
    'webhook-signature': secrets.map((secret) => signature(secret, message)).join(' '),
  };
}

const unixSeconds = (ms: number) => Math.floor(ms / 1000);
