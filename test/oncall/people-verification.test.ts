import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkVerification,
  newVerification as newOrRefused,
  type PendingVerification,
  VERIFICATION,
} from '#shared/oncall/verification-codes.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const KEY = new Uint8Array(32).fill(7);
const NUMBER = '+4915112345678';
/** A random source that hands out the given 4-byte words in turn. */
const words = (...values: number[]) => {
  let i = 0;
  return (n: number) => {
    const bytes = Buffer.alloc(n);
    bytes.writeUInt32BE(values[i++] ?? 0, 0);
    return new Uint8Array(bytes);
  };
};

/** A code that must not be refused. */
const newVerification = (options: Parameters<typeof newOrRefused>[0]) => {
  const result = newOrRefused(options);
  if ('refused' in result) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  return result;
};

describe('verification codes', () => {
  it('are six digits, kept only as an HMAC-SHA256 bound to the number, for ten minutes and five tries', () => {
    const { code, pending } = newVerification({ number: NUMBER, randomBytes: words(42), now: NOW, key: KEY });
    expect(code).toBe('000042');
    expect(pending).toEqual({
      number: NUMBER,
      hash: createHmac('sha256', KEY).update(`${NUMBER}:000042`).digest('base64url'),
      expiresAt: NOW + 10 * 60_000,
      attemptsLeft: 5,
      sentToday: 1,
      countedSince: NOW,
    });
    expect(JSON.stringify(pending)).not.toContain('000042');
  });

  it('draws again above the last whole multiple of a million, so no code is likelier than another', () => {
    // 4 294 000 000 is the first value a plain modulo would fold onto codes 0…967 295 a 4 295th time.
    expect(newVerification({ number: NUMBER, randomBytes: words(4_294_000_000, 123_456), now: NOW, key: KEY }).code).toBe('123456');
    expect(newVerification({ number: NUMBER, randomBytes: words(4_293_999_999), now: NOW, key: KEY }).code).toBe('999999');
  });

  it('verify with the right code, ignoring spaces, up to the last millisecond', () => {
    const { pending } = newVerification({ number: NUMBER, randomBytes: words(123_456), now: NOW, key: KEY });
    expect(checkVerification(pending, '123 456', pending.expiresAt - 1, KEY)).toEqual({ outcome: 'verified' });
  });

  it('count a wrong code against the tries, then lock', () => {
    let { pending } = newVerification({ number: NUMBER, randomBytes: words(123_456), now: NOW, key: KEY });
    for (let left = VERIFICATION.attempts - 1; left >= 0; left--) {
      const check = checkVerification(pending, '654321', NOW, KEY);
      expect(check).toEqual({ outcome: 'wrong', pending: { ...pending, attemptsLeft: left } });
      if (check.outcome === 'wrong') pending = check.pending;
    }
    expect(checkVerification(pending, '123456', NOW, KEY)).toEqual({ outcome: 'locked' });
  });

  it('expire at ten minutes', () => {
    const { pending } = newVerification({ number: NUMBER, randomBytes: words(123_456), now: NOW, key: KEY });
    expect(checkVerification(pending, '123456', NOW + 10 * 60_000, KEY)).toEqual({ outcome: 'expired' });
  });

  it('do not verify another number, nor under another key', () => {
    const { pending } = newVerification({ number: NUMBER, randomBytes: words(123_456), now: NOW, key: KEY });
    expect(checkVerification({ ...pending, number: '+4915112345679' }, '123456', NOW, KEY).outcome).toBe('wrong');
    expect(checkVerification(pending, '123456', NOW, new Uint8Array(32).fill(8)).outcome).toBe('wrong');
  });

  it('refuse a key shorter than 32 bytes', () => {
    expect(() => newVerification({ number: NUMBER, randomBytes: words(1), now: NOW, key: new Uint8Array(16) })).toThrow(/32 bytes/);
  });

  it('accept no entry but the code (property)', () => {
    const { code, pending } = newVerification({ number: NUMBER, randomBytes: words(314_159), now: NOW, key: KEY });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (entry) => {
        const check = checkVerification(pending, entry, NOW, KEY);
        expect(check.outcome === 'verified').toBe(entry.replace(/\s+/g, '') === code);
      }),
    );
  });

  describe('are texted to a number', () => {
    const first = newVerification({ number: NUMBER, randomBytes: words(1), now: NOW, key: KEY }).pending;
    const next = (earlier: PendingVerification, now: number) =>
      newOrRefused({ number: NUMBER, randomBytes: words(2), now, key: KEY, earlier });

    it('once a minute at most, saying from when the next may go', () => {
      expect(next(first, NOW + 59_999)).toEqual({ refused: { reason: 'interval', until: NOW + 60_000 } });
      expect(next(first, NOW + 60_000)).toMatchObject({ pending: { sentToday: 2, countedSince: NOW, attemptsLeft: 5 } });
    });

    it('five times a day at most, counting a day from the first, and again after it', () => {
      let pending = first;
      for (let i = 1; i < VERIFICATION.perDay; i++) {
        const result = next(pending, NOW + i * 60_000);
        if ('refused' in result) throw new Error('refused too early');
        pending = result.pending;
      }
      expect(pending.sentToday).toBe(5);
      const day = 24 * 3600_000;
      expect(next(pending, NOW + 3600_000)).toEqual({ refused: { reason: 'daily', until: NOW + day } });
      expect(next(pending, NOW + day - 1)).toEqual({ refused: { reason: 'daily', until: NOW + day } });
      expect(next(pending, NOW + day)).toMatchObject({ pending: { sentToday: 1, countedSince: NOW + day } });
    });
  });
});
