import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_SIGNING_SECRETS, newEndpoint, ROTATION_OVERLAP_MS, rotateSecret, signingSecrets } from '#shared/webhooks/endpoint.ts';
import { secretKey, secretOf, signature, signatureHeaders } from '#shared/webhooks/signature.ts';

const NOW = Date.parse('2026-03-02T14:00:00.250Z');
const bytes = (fill: number, length = 32) => new Uint8Array(length).fill(fill);
const secretA = secretOf(bytes(1));
const secretB = secretOf(bytes(2));
const body = JSON.stringify({
  type: 'ticket.created',
  timestamp: '2026-03-02T14:00:00.000Z',
  data: { org: 'acme', ticket: { caseId: 1001 } },
});
const message = { id: 'evt_1001_v1_created', at: NOW, body };

// The independent implementation checks the timestamp against its own clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('webhook signatures', () => {
  it('verify with the Standard Webhooks reference library', () => {
    const headers = signatureHeaders([secretA], message);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(NOW / 1000)));
    expect(new Webhook(secretA).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('are what the reference library computes for the same id, instant and body', () => {
    expect(signature(secretA, message)).toBe(new Webhook(secretA).sign(message.id, new Date(NOW), body));
  });

  it('fail verification when the body, the id or the secret differs', () => {
    const headers = signatureHeaders([secretA], message);
    expect(() => new Webhook(secretA).verify(body.replace('1001', '1002'), headers)).toThrow();
    expect(() => new Webhook(secretA).verify(body, { ...headers, 'webhook-id': 'evt_other' })).toThrow();
    expect(() => new Webhook(secretB).verify(body, headers)).toThrow();
  });

  it('carry one signature per secret during a rotation, so receivers with either secret verify', () => {
    const headers = signatureHeaders([secretB, secretA], message);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(secretA).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(secretB).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('refuse to sign without a secret, or with a malformed one', () => {
    expect(() => signatureHeaders([], message)).toThrow(/needs a secret/);
    for (const bad of ['', 'whsec_', 'abc', `whsec_${Buffer.from(bytes(1, 16)).toString('base64')}`, 'whsec_!!!!']) {
      expect(secretKey(bad)).toBeUndefined();
      expect(() => signature(bad, message)).toThrow(/whsec_/);
    }
    expect(() => secretOf(bytes(1, 23))).toThrow(/24 to 64 bytes/);
  });
});

describe('secret rotation', () => {
  const registration = { url: 'https://hooks.example.com/sla', events: ['ticket.created' as const] };
  const endpoint = newEndpoint('wh_1', { kind: 'org', org: 'acme' }, registration, secretA, 'user-1', NOW);

  it('signs with the new secret first and keeps the old one for a day', () => {
    const rotated = rotateSecret(endpoint, secretB, NOW + 1000);
    expect(signingSecrets(rotated, NOW + 1000).map((s) => s.secret)).toEqual([secretB, secretA]);
    expect(signingSecrets(rotated, NOW + 1000 + ROTATION_OVERLAP_MS - 1).map((s) => s.secret)).toEqual([secretB, secretA]);
    expect(signingSecrets(rotated, NOW + 1000 + ROTATION_OVERLAP_MS).map((s) => s.secret)).toEqual([secretB]);
  });

  it('does not extend an old secret when rotated again, and drops the expired ones', () => {
    const secretC = secretOf(bytes(3));
    const twice = rotateSecret(rotateSecret(endpoint, secretB, NOW), secretC, NOW + 3_600_000);
    expect(twice.secrets.map((s) => [s.secret, s.expiresAt])).toEqual([
      [secretC, undefined],
      [secretB, NOW + 3_600_000 + ROTATION_OVERLAP_MS],
      [secretA, NOW + ROTATION_OVERLAP_MS],
    ]);
    const later = rotateSecret(twice, secretOf(bytes(4)), NOW + 2 * ROTATION_OVERLAP_MS);
    expect(later.secrets.map((s) => s.secret)).toEqual([secretOf(bytes(4)), secretC]);
  });

  it('signs with at most MAX_SIGNING_SECRETS however often it is rotated within a day', () => {
    let rotated = endpoint;
    for (let n = 10; n < 20; n++) rotated = rotateSecret(rotated, secretOf(bytes(n)), NOW + n * 1000);
    expect(rotated.secrets.map((s) => s.secret)).toEqual([secretOf(bytes(19)), secretOf(bytes(18)), secretOf(bytes(17))]);
    expect(MAX_SIGNING_SECRETS).toBe(3);
  });
});
