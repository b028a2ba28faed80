/**
 * The on-call keys from the Secrets Manager secret (functions/lib/oncall-secret.ts): the secret's
 * shape, the keys derived from it, the extension's request, and the per-container cache.
 */

import { describe, expect, it } from 'vitest';
import { oncallKeys, oncallKeysFrom, secretFromExtension } from '../../functions/lib/oncall-secret.ts';
import { signAckLink, verifyAckLink } from '../../shared/oncall/ack-link.ts';

const KEY_A = 'AAAAAAAAAAAAAAAAAAAAb3cD9eFgH1iJkL2mNoP4qRsT5uVwX6yZ7a8b9c0dE1fG2hI3jK4lM5n';
const KEY_B = 'Z9y8X7w6V5u4T3s2R1q0PoNmLkJiHgFeDcBa9876543210zyxwvutsrq';
const link = { caseId: 7, deadlineId: 'resolution#1', personId: 'ana', expiresAt: 10_000 };

describe('the on-call secret', () => {
  it('derives a 32-byte ack-link key and a different verification key from `key`', () => {
    const keys = oncallKeysFrom(JSON.stringify({ key: KEY_A, previousKeys: [] }));
    expect(keys.ackLinkKeys).toHaveLength(1);
    expect(keys.ackLinkKeys[0]).toHaveLength(32);
    expect(keys.verificationKey).toHaveLength(32);
    expect(Buffer.from(keys.verificationKey).equals(Buffer.from(keys.ackLinkKeys[0] as Uint8Array))).toBe(false);
    // Deterministic: every container derives the same keys from the same secret.
    expect(oncallKeysFrom(JSON.stringify({ key: KEY_A }))).toEqual(keys);
  });

  it('keeps links signed before a rotation verifying: the old key moves to previousKeys', () => {
    const before = oncallKeysFrom(JSON.stringify({ key: KEY_A, previousKeys: [] }));
    const after = oncallKeysFrom(JSON.stringify({ key: KEY_B, previousKeys: [KEY_A] }));
    const token = signAckLink(link, before.ackLinkKeys[0] as Uint8Array);
    expect(verifyAckLink(token, after.ackLinkKeys, 0)).toMatchObject({ ok: true });
    // Newest first: new links are signed with the new key, which the old secret does not know.
    const fresh = signAckLink(link, after.ackLinkKeys[0] as Uint8Array);
    expect(verifyAckLink(fresh, before.ackLinkKeys, 0)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['not JSON', 'key=abc', /not JSON/],
    ['no key', '{"previousKeys":[]}', /invalid: key: /],
    ['a short key', JSON.stringify({ key: 'short' }), /invalid: key: a key must have at least 43 characters/],
    ['a short previous key', JSON.stringify({ key: KEY_A, previousKeys: ['x'] }), /invalid: previousKeys\.0: /],
  ])('refuses %s, naming the field and never the value', (_, value, message) => {
    expect(() => oncallKeysFrom(value)).toThrow(message);
    try {
      oncallKeysFrom(value);
    } catch (error) {
      expect(String(error)).not.toContain(KEY_A);
    }
  });
});

describe('reading it through the Parameters and Secrets Lambda extension', () => {
  it('asks the local endpoint with the session token and returns SecretString', async () => {
    const calls: Array<{ url: string; headers: unknown }> = [];
    const request = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers });
      return new Response(JSON.stringify({ Name: 'oncall', SecretString: '{"key":"k"}', VersionStages: ['AWSCURRENT'] }));
    }) as typeof fetch;
    const read = secretFromExtension({ port: undefined, sessionToken: 'session' }, request);
    const arn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:Oncall-AbC123';
    await expect(read(arn)).resolves.toBe('{"key":"k"}');
    expect(calls).toEqual([
      {
        url: `http://localhost:2773/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
        headers: { 'X-Aws-Parameters-Secrets-Token': 'session' },
      },
    ]);
  });

  it('fails with the status when the extension refuses, and outside Lambda without a session token', async () => {
    const refused = (async () => new Response('forbidden', { status: 403 })) as typeof fetch;
    await expect(secretFromExtension({ port: '9000', sessionToken: 's' }, refused)('x')).rejects.toThrow(/answered 403/);
    await expect(secretFromExtension({ sessionToken: undefined }, refused)('x')).rejects.toThrow(/AWS_SESSION_TOKEN/);
  });
});

describe('the per-container cache', () => {
  const secret = JSON.stringify({ key: KEY_A });

  it('reads once for concurrent and later callers, and again once the TTL has passed', async () => {
    let now = 0;
    let reads = 0;
    const keys = oncallKeys(
      'arn',
      async () => {
        reads += 1;
        return secret;
      },
      () => now,
      1000,
    );
    const [a, b] = await Promise.all([keys(), keys()]);
    expect(a).toBe(b);
    now = 999;
    await keys();
    expect(reads).toBe(1);
    now = 1000;
    await keys();
    expect(reads).toBe(2);
  });

  it('does not keep a failed read: the next call tries again', async () => {
    let attempt = 0;
    const keys = oncallKeys(
      'arn',
      async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('extension not ready');
        return secret;
      },
      () => 0,
    );
    await expect(keys()).rejects.toThrow('extension not ready');
    await expect(keys()).resolves.toMatchObject({ ackLinkKeys: [expect.any(Uint8Array)] });
    expect(attempt).toBe(2);
  });
});
