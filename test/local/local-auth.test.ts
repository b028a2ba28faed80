import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { signLocalToken, verifyLocalToken } from '../../infra/local/lib/local-auth.ts';

const made: string[] = [];
const dataDir = () => {
  made.push(mkdtempSync(join(tmpdir(), 'sla-auth-')));
  return made.at(-1) as string;
};

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('local tokens', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('verifies its own tokens and refuses one signed under another data directory or changed', async () => {
    const [mine, theirs] = [dataDir(), dataDir()];
    const token = await signLocalToken(mine, { role: 'customer', org: 'acme' });
    expect(await verifyLocalToken(mine, token)).toMatchObject({ 'custom:org': 'acme', 'cognito:groups': [] });
    // Verified (and remembered) under `mine` first: that must not make it valid elsewhere.
    expect(await verifyLocalToken(theirs, token)).toBeUndefined();
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()), 'custom:org': 'other' }),
    );
    expect(await verifyLocalToken(mine, `${header}.${forged.toString('base64url')}.${signature}`)).toBeUndefined();
  });

  it('refuses a token once it has expired, even one it verified before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T14:00:00Z'));
    const dir = dataDir();
    const token = await signLocalToken(dir, { role: 'agent' }, 60);
    expect(await verifyLocalToken(dir, token)).toMatchObject({ 'cognito:groups': ['agent'] });
    vi.setSystemTime(new Date('2026-03-02T14:00:59Z'));
    expect(await verifyLocalToken(dir, token)).toBeDefined();
    vi.setSystemTime(new Date('2026-03-02T14:01:01Z'));
    expect(await verifyLocalToken(dir, token)).toBeUndefined();
  });
});
