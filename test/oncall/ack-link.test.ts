import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AckLink, signAckLink, verifyAckLink } from '#shared/oncall/ack-link.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const OLD_KEY = new Uint8Array(32).fill(1);
const NEW_KEY = new Uint8Array(32).fill(2);
const link: AckLink = { caseId: 10001, deadlineId: 'response', personId: 'ana-lima', expiresAt: NOW + 24 * 3_600_000 };

describe('ack links', () => {
  it('are compact and URL-safe, and verify to what was signed', () => {
    const token = signAckLink(link, NEW_KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(token.length).toBeLessThan(160);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyAckLink(token, [NEW_KEY], NOW)).toEqual({ ok: true, link });
  });

  it('keep working across a key rotation while the old key is listed, and not after', () => {
    const token = signAckLink(link, OLD_KEY);
    expect(verifyAckLink(token, [NEW_KEY, OLD_KEY], NOW)).toEqual({ ok: true, link });
    expect(verifyAckLink(token, [NEW_KEY], NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('expire at their instant', () => {
    const token = signAckLink(link, NEW_KEY);
    expect(verifyAckLink(token, [NEW_KEY], link.expiresAt - 1).ok).toBe(true);
    expect(verifyAckLink(token, [NEW_KEY], link.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['', 'malformed'],
    ['abc', 'malformed'],
    ['a.b.c', 'malformed'],
    [`e30.${'A'.repeat(42)}`, 'malformed'],
    [`e30.${'A'.repeat(43)}`, 'bad-signature'],
    [`${'A'.repeat(600)}.${'A'.repeat(43)}`, 'malformed'],
    [`e30=.${'A'.repeat(43)}`, 'malformed'],
  ])('refuse %j as %s', (token, reason) => {
    expect(verifyAckLink(token, [NEW_KEY], NOW)).toEqual({ ok: false, reason });
  });

  it('refuse a signature spelled another way that decodes to the same bytes', () => {
    // 32 bytes take 42⅔ base64 characters: the last one's two low bits are spare, so flipping one
    // gives the same bytes. Comparing decoded bytes would let that changed token through.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = signAckLink(link, NEW_KEY);
    const sibling = alphabet[alphabet.indexOf(token.at(-1) ?? '') ^ 1];
    const respelled = `${token.slice(0, -1)}${sibling}`;
    expect(Buffer.from(respelled.split('.')[1] ?? '', 'base64url')).toEqual(Buffer.from(token.split('.')[1] ?? '', 'base64url'));
    expect(verifyAckLink(respelled, [NEW_KEY], NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuse a well-signed payload that is not a link', () => {
    // Signed with our key but not by signAckLink: checked after the signature, still refused.
    const payload = Buffer.from(JSON.stringify({ c: -1, d: 'x', p: 'y', e: NOW + 1 })).toString('base64url');
    const mac = createHmac('sha256', NEW_KEY).update(payload).digest('base64url');
    expect(verifyAckLink(`${payload}.${mac}`, [NEW_KEY], NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuse a key shorter than 32 bytes and an empty key list', () => {
    expect(() => signAckLink(link, new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => verifyAckLink(signAckLink(link, NEW_KEY), [], NOW)).toThrow(/at least one key/);
  });

  describe('tampering (property)', () => {
    const links = fc.record({
      caseId: fc.integer({ min: 1, max: 10 ** 9 }),
      deadlineId: fc.string({ minLength: 1, maxLength: 40 }),
      personId: fc.stringMatching(/^[a-z0-9-]{1,30}$/),
      expiresAt: fc.integer({ min: NOW + 1, max: NOW + 10 ** 9 }),
    });

    it('any one character changed is refused', () => {
      fc.assert(
        fc.property(
          links,
          fc.nat(),
          fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '),
          (signed, at, char) => {
            const token = signAckLink(signed, NEW_KEY);
            const i = at % token.length;
            fc.pre(token[i] !== char);
            const tampered = `${token.slice(0, i)}${char}${token.slice(i + 1)}`;
            expect(verifyAckLink(tampered, [NEW_KEY], NOW).ok).toBe(false);
          },
        ),
      );
    });

    it('a payload re-signed with another key, or cut, or extended is refused', () => {
      fc.assert(
        fc.property(links, fc.string({ minLength: 1, maxLength: 5 }), (signed, extra) => {
          const token = signAckLink(signed, NEW_KEY);
          const [payload] = token.split('.');
          const forged = signAckLink({ ...signed, expiresAt: signed.expiresAt + 1 }, OLD_KEY);
          expect(verifyAckLink(forged, [NEW_KEY], NOW)).toEqual({ ok: false, reason: 'bad-signature' });
          expect(verifyAckLink(`${payload}.${forged.split('.')[1]}`, [NEW_KEY], NOW).ok).toBe(false);
          expect(verifyAckLink(token.slice(0, -1), [NEW_KEY], NOW).ok).toBe(false);
          expect(verifyAckLink(`${token}${extra}`, [NEW_KEY], NOW).ok).toBe(false);
          expect(verifyAckLink(token, [NEW_KEY], NOW)).toEqual({ ok: true, link: signed });
        }),
      );
    });
  });
});
