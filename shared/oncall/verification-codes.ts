/**
 * The code that proves a person holds an SMS number: six digits, texted to the number, valid for
 * ten minutes and five tries. Only an HMAC-SHA256 of the code (keyed, and bound to the number) is
 * kept, so a leaked item neither gives the code away nor lets it verify another number; the
 * check compares in constant time. A number gets one code a minute and five a day (each text
 * costs money and brings five fresh tries). Randomness and the instant come from the caller.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '#shared/domain-error.ts';
import { DAY_MS } from '#shared/time/duration.ts';

export const VERIFICATION = { digits: 6, validForMs: 10 * 60_000, attempts: 5, intervalMs: 60_000, perDay: 5 } as const;

/** Keys shorter than SHA-256's output would weaken the HMAC (RFC 2104 §3). */
export const MIN_KEY_BYTES = 32;

export interface PendingVerification {
  /** The number the code was texted to (E.164). */
  readonly number: string;
  /** base64url HMAC-SHA256 of `<number>:<code>`. */
  readonly hash: string;
  /** Epoch ms; the code is refused from this instant on. */
  readonly expiresAt: number;
  readonly attemptsLeft: number;
  /** Codes texted to the number in the day that began at `countedSince` (this one included). */
  readonly sentToday: number;
  readonly countedSince: number;
}

/** Why no code may be texted now, and from when one may. */
export interface CodeRefused {
  readonly reason: 'interval' | 'daily';
  readonly until: number;
}

export type VerificationCheck =
  | { readonly outcome: 'verified' }
  /** The pending verification to keep, one try fewer. */
  | { readonly outcome: 'wrong'; readonly pending: PendingVerification }
  | { readonly outcome: 'expired' }
  | { readonly outcome: 'locked' };

const RANGE = 10 ** VERIFICATION.digits;
/** The largest multiple of RANGE below 2³², so `value % RANGE` is uniform. */
const UNBIASED_LIMIT = Math.floor(2 ** 32 / RANGE) * RANGE;

/**
 * A new code for `number` (to text it) and what to keep of it in place of `earlier`, the one kept
 * for the number now (if any); or why none may be texted yet. `randomBytes` is
 * `crypto.randomBytes` in production.
 */
export function newVerification(options: {
  readonly number: string;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly now: number;
  readonly key: Uint8Array;
  readonly earlier?: PendingVerification | undefined;
}): { code: string; pending: PendingVerification } | { refused: CodeRefused } {
  const { now, earlier } = options;
  const sameDay = earlier !== undefined && now < earlier.countedSince + DAY_MS;
  if (earlier !== undefined) {
    // A code lives for `validForMs`, so its expiry tells when it was sent.
    const nextAt = earlier.expiresAt - VERIFICATION.validForMs + VERIFICATION.intervalMs;
    if (now < nextAt) return { refused: { reason: 'interval', until: nextAt } };
    if (sameDay && earlier.sentToday >= VERIFICATION.perDay) return { refused: { reason: 'daily', until: earlier.countedSince + DAY_MS } };
  }
  const code = String(uniformBelowRange(options.randomBytes)).padStart(VERIFICATION.digits, '0');
  return {
    code,
    pending: {
      number: options.number,
      hash: codeHash(options.key, options.number, code),
      expiresAt: now + VERIFICATION.validForMs,
      attemptsLeft: VERIFICATION.attempts,
      sentToday: sameDay ? earlier.sentToday + 1 : 1,
      countedSince: sameDay ? earlier.countedSince : now,
    },
  };
}

/**
 * What entering `code` at `now` does, given the pending code as it was before this try (the store
 * takes the try atomically and hands back the state before it: `Directory.takeVerificationTry`).
 * Spaces in the entry are ignored; anything else that is not six digits counts as a wrong try.
 */
export function checkVerification(pending: PendingVerification, code: string, now: number, key: Uint8Array): VerificationCheck {
  if (pending.attemptsLeft <= 0) return { outcome: 'locked' };
  if (now >= pending.expiresAt) return { outcome: 'expired' };
  const entered = code.replace(/\s+/g, '').slice(0, 32);
  const expected = Buffer.from(pending.hash, 'base64url');
  const actual = Buffer.from(codeHash(key, pending.number, entered), 'base64url');
  if (expected.length === actual.length && timingSafeEqual(expected, actual)) return { outcome: 'verified' };
  return { outcome: 'wrong', pending: { ...pending, attemptsLeft: pending.attemptsLeft - 1 } };
}

function codeHash(key: Uint8Array, number: string, code: string): string {
  if (key.length < MIN_KEY_BYTES) throw new DomainError('invalid_config', `a verification key takes at least ${MIN_KEY_BYTES} bytes`);
  return createHmac('sha256', key).update(`${number}:${code}`).digest('base64url');
}

/** A uniform integer in [0, 10⁶) from 4-byte draws, drawing again above the last whole multiple (no modulo bias). */
function uniformBelowRange(randomBytes: (n: number) => Uint8Array): number {
  for (let draw = 0; draw < 64; draw++) {
    const bytes = randomBytes(4);
    if (bytes.length !== 4) throw new DomainError('invalid_config', 'randomBytes(4) must return 4 bytes');
    const value = Buffer.from(bytes).readUInt32BE(0);
    if (value < UNBIASED_LIMIT) return value % RANGE;
  }
  // 64 draws above the limit (each 0.03 % likely) means the source is not random.
  throw new DomainError('invalid_config', 'the random source keeps returning the same out-of-range value');
}
