/**
 * The signed, expiring link in every page that acknowledges it in one click. The token is
 * `<payload>.<mac>`: the payload is base64url JSON (`{"c":caseId,"d":deadlineId,"p":personId,"e":expiresAt}`),
 * the mac base64url HMAC-SHA256 of the payload's text. Keys rotate: a token is signed with the
 * newest key and verified against every key still listed, so links sent before a rotation keep
 * working until they expire. Nothing here reads a clock.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import { MIN_KEY_BYTES } from './verification-codes.ts';

export interface AckLink {
  readonly caseId: number;
  readonly deadlineId: string;
  readonly personId: string;
  /** Epoch ms; the link is refused from this instant on. */
  readonly expiresAt: number;
}

export type AckLinkCheck =
  | { readonly ok: true; readonly link: AckLink }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

/** Far longer than any token we sign; anything longer is refused before any work. */
const MAX_TOKEN = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAC_CHARS = 43; // 32 bytes in unpadded base64url

const payloadSchema = z.strictObject({
  c: z.number().check(z.int(), z.positive()),
  d: z.string().check(z.minLength(1), z.maxLength(120)),
  p: z.string().check(z.minLength(1), z.maxLength(64)),
  e: z.number().check(z.int(), z.nonnegative()),
});

/** The token for a link (URL-safe as it is). */
export function signAckLink(link: AckLink, key: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify({ c: link.caseId, d: link.deadlineId, p: link.personId, e: link.expiresAt })).toString(
    'base64url',
  );
  return `${payload}.${mac(key, payload)}`;
}

/** The link a token stands for, if one of `keys` signed it and it has not expired at `now`. */
export function verifyAckLink(token: string, keys: readonly Uint8Array[], now: number): AckLinkCheck {
  if (keys.length === 0) throw new DomainError('invalid_config', 'ack links need at least one key');
  if (token.length > MAX_TOKEN) return { ok: false, reason: 'malformed' };
  const [payload, signature, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return { ok: false, reason: 'malformed' };
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature) || signature.length !== MAC_CHARS) return { ok: false, reason: 'malformed' };
  if (!signedByOneOf(keys, payload, signature)) return { ok: false, reason: 'bad-signature' };
  const parsed = payloadSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { c, d, p, e } = parsed.data;
  if (now >= e) return { ok: false, reason: 'expired' };
  return { ok: true, link: { caseId: c, deadlineId: d, personId: p, expiresAt: e } };
}

/**
 * Whether `signature` is the MAC of `payload` under one of `keys` (the signature's length checked first).
 * The text is compared, not the decoded bytes: base64url's last character carries spare bits, so
 * two spellings decode alike and a byte comparison would accept a changed token. Every key is
 * tried, whichever matches, so the time taken does not say which one did.
 */
export function signedByOneOf(keys: readonly Uint8Array[], payload: string, signature: string): boolean {
  if (!BASE64URL.test(signature) || signature.length !== MAC_CHARS) return false;
  const given = Buffer.from(signature, 'ascii');
  return keys.map((key) => timingSafeEqual(given, Buffer.from(mac(key, payload), 'ascii'))).includes(true);
}

/** The base64url HMAC-SHA256 of `payload` under `key`. */
export function mac(key: Uint8Array, payload: string): string {
  if (key.length < MIN_KEY_BYTES) throw new DomainError('invalid_config', `an ack-link key takes at least ${MIN_KEY_BYTES} bytes`);
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
