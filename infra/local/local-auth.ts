/**
 * Tokens for the local stack. On AWS, Cognito issues tokens and API Gateway verifies them; here a
 * key kept in the data directory signs (HS256) tokens with the same claims, and the local server
 * verifies them before building the API Gateway event.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'sla-escalator-local';
const AUDIENCE = 'sla-escalator';

export type LocalRole = 'admin' | 'agent' | 'customer';

/** Each data directory's key, read once per process (the local gateway verifies a token per request). */
const secrets = new Map<string, Uint8Array>();

function secret(dataDir: string): Uint8Array {
  let key = secrets.get(dataDir);
  if (key === undefined) {
    key = readOrCreateSecret(dataDir);
    secrets.set(dataDir, key);
  }
  return key;
}

function readOrCreateSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'local-jwt.key');
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
    .sign(secret(dataDir));
}

/** The claims of a valid token, or `undefined`. */
export async function verifyLocalToken(dataDir: string, token: string): Promise<Record<string, string | string[]> | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret(dataDir), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    return payload as Record<string, string | string[]>;
  } catch {
    return undefined;
  }
}
