/**
 * Tokens for the local stack. On AWS, Cognito issues tokens and API Gateway verifies them; here a
 * key kept in the data directory signs (HS256) tokens with the same claims, and the local server
 * verifies them before building the API Gateway event.
 */

import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'sla-escalator-local';
const AUDIENCE = 'sla-escalator';

export type LocalRole = 'admin' | 'agent' | 'customer';

/**
 * Each data directory's key, read and imported once per process: the local gateway verifies a
 * token per request, and importing raw key bytes on each verification costs more than the HMAC.
 */
const secrets = new Map<string, Promise<webcrypto.CryptoKey>>();

function secret(dataDir: string): Promise<webcrypto.CryptoKey> {
  let key = secrets.get(dataDir);
  if (key === undefined) {
    key = webcrypto.subtle.importKey('raw', readOrCreateSecret(dataDir), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    secrets.set(dataDir, key);
  }
  return key;
}

/** A random 32-byte key kept in the data directory under `name`, made on first use (the JWT key, the on-call keys). */
export function readOrCreateSecret(dataDir: string, name = 'local-jwt.key'): Uint8Array {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(readFileSync(file, 'utf8'), 'base64');
}

export async function signLocalToken(
  dataDir: string,
  claims: { role: LocalRole; org?: string; sub?: string },
  ttlSeconds = 7 * 24 * 3600,
): Promise<string> {
  if (claims.role === 'customer' && claims.org === undefined) throw new Error('a customer token needs --org');
  const groups = claims.role === 'customer' ? [] : [claims.role];
  return new SignJWT({ 'cognito:groups': groups, ...(claims.org !== undefined && { 'custom:org': claims.org }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? `${claims.role}${claims.org ? `@${claims.org}` : ''}`)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await secret(dataDir));
}

/**
 * Tokens this process has verified, with their claims, until they expire. The local gateway sees
 * the same few tokens on every request, and Node's WebCrypto HMAC costs more than all the rest of
 * the gateway's work. Keyed by data directory and token, so a token is only ever trusted under the
 * key that signed it.
 */
const verified = new Map<string, { claims: Record<string, string | string[]>; expiresAt: number }>();
const MAX_VERIFIED = 1_000;

/** The claims of a valid token, or `undefined`. */
export async function verifyLocalToken(dataDir: string, token: string): Promise<Record<string, string | string[]> | undefined> {
  const cacheKey = `${dataDir}\n${token}`;
  const known = verified.get(cacheKey);
  if (known !== undefined && Date.now() < known.expiresAt) return known.claims;
  verified.delete(cacheKey);
  try {
    const { payload } = await jwtVerify(token, await secret(dataDir), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (verified.size >= MAX_VERIFIED) verified.clear();
    // Every token we sign has `exp`; one without it is verified each time.
    // Frozen, since every later request with this token gets the same object.
    const claims = Object.freeze(structuredClone(payload)) as Record<string, string | string[]>;
    if (payload.exp !== undefined) verified.set(cacheKey, { claims, expiresAt: payload.exp * 1000 });
    return claims;
  } catch {
    return undefined;
  }
}
