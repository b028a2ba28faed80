import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSecurityHeaders } from '../../infra/console-headers.ts';
import { createApiGatewayServer } from '../../infra/local/lib/api-gateway-server.ts';
import { signLocalToken, verifyLocalToken } from '../../infra/local/lib/local-auth.ts';
import { localIdentities, localSignIn, loopbackHost } from '../../infra/local/lib/local-sign-in.ts';

/** A request exactly as written: fetch would normalise `..`, and refuses to set `Host`. */
function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(options.body !== undefined && { 'content-length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

const problemOf = (body: string) => JSON.parse(body) as { status: number; errors?: Array<{ path: string }> };

describe('the local stack as the console origin', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-console-'));
  const webDir = join(dataDir, 'web');
  const events: APIGatewayProxyEventV2[] = [];
  let port = 0;
  let adminToken = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(webDir, 'assets', 'main-AB12CD34.js'), 'export {};');
    writeFileSync(join(webDir, 'assets', 'main-AB12CD34.css'), 'body{}');
    writeFileSync(join(dataDir, 'secret.txt'), 'not for the browser');
    symlinkSync(join(dataDir, 'secret.txt'), join(webDir, 'assets', 'linked.txt'));
    adminToken = await signLocalToken(dataDir, { role: 'admin' });
    const server = createApiGatewayServer(
      async (event) => {
        events.push(event);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api: event.rawPath }) };
      },
      (token) => verifyLocalToken(dataDir, token),
      async (_method, path) => ({
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ local: path }),
      }),
      { webDir, signIn: localSignIn(dataDir, localIdentities([{ id: 'kore-demo', name: 'KORE (demo)' }])) },
    );
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
    close = () => new Promise((closed) => server.close(() => closed()));
  });
  afterAll(async () => {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('routing', () => {
    it('hands /api/... to the API with the prefix stripped, as CloudFront will', async () => {
      const answer = await raw(port, '/api/tickets/7?limit=2', { headers: { authorization: `Bearer ${adminToken}` } });
      expect(JSON.parse(answer.body)).toEqual({ api: '/tickets/7' });
      expect(events.at(-1)).toMatchObject({ rawPath: '/tickets/7', routeKey: 'GET /tickets/{caseId}', rawQueryString: 'limit=2' });
    });

    it('keeps the API at the root for existing clients, and its own 401 without a token', async () => {
      expect(JSON.parse((await raw(port, '/health')).body)).toEqual({ api: '/health' });
      const anonymous = await raw(port, '/queue');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toBe('application/problem+json');
    });

    it("never serves the console under /api: an unknown API path is the API's to answer", async () => {
      const answer = await raw(port, '/api/work');
      expect(JSON.parse(answer.body)).toEqual({ api: '/work' });
    });

    it('sends other methods on console paths to the API (which answers 404), not to the files', async () => {
      const before = events.length;
      const answer = await raw(port, '/work', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(JSON.parse(answer.body)).toEqual({ api: '/work' });
      expect(events.length).toBe(before + 1);
    });

    it('keeps the other /_local/ endpoints for administrators', async () => {
      expect((await raw(port, '/_local/outbox')).status).toBe(401);
      const answer = await raw(port, '/_local/outbox', { headers: { authorization: `Bearer ${adminToken}` } });
      expect(JSON.parse(answer.body)).toEqual({ local: '/_local/outbox' });
      expect((await raw(port, '/api/_local/outbox', { headers: { authorization: `Bearer ${adminToken}` } })).body).toBe(
        JSON.stringify({ api: '/_local/outbox' }),
      );
    });
  });

  describe('the console files', () => {
    it.each(['/', '/work', '/case/42', '/admin/orgs/kore-demo', '/portal/tickets?page=2', '/ack/eyJjIjoxfQ.pA-Pw5yp_q'])(
      'serves index.html for the route %s',
      async (path) => {
        const answer = await raw(port, path);
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('<title>console</title>');
        expect(answer.headers).toMatchObject({
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-cache',
          ...consoleSecurityHeaders(),
        });
      },
    );

    it('answers HEAD with the headers and no body', async () => {
      const answer = await raw(port, '/work', { method: 'HEAD' });
      expect([answer.status, answer.body, answer.headers['content-type']]).toEqual([200, '', 'text/html; charset=utf-8']);
    });

    it('serves hashed assets with their type, cached for a year', async () => {
      const script = await raw(port, '/assets/main-AB12CD34.js');
      expect(script.headers).toMatchObject({
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      });
      expect(script.body).toBe('export {};');
      expect((await raw(port, '/assets/main-AB12CD34.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    });

    it('tells the app to sign in locally and find the API under /api', async () => {
      const answer = await raw(port, '/config.json');
      expect(JSON.parse(answer.body)).toEqual({ auth: { kind: 'local' }, apiBase: '/api' });
      expect(answer.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-cache' });
    });

    it.each(['/assets/missing-XYZ.js', '/favicon.ico', '/assets/', '/assets/linked.txt'])('answers %s with a 404 problem', async (path) => {
      const answer = await raw(port, path);
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.headers['content-security-policy']).toBe(consoleSecurityHeaders()['content-security-policy']);
    });

    it.each([
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/..%2fsecret.txt',
      '/assets/..%5csecret.txt',
      '/assets/main-AB12CD34.js%00.png',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/./main-AB12CD34.js',
      '/assets/%zz',
    ])('refuses the traversal %s with a 400 problem and never reads outside the build', async (path) => {
      const answer = await raw(port, path);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.body).not.toContain('not for the browser');
    });
  });

  describe('local sign-in', () => {
    const signIn = (body: unknown, headers: Record<string, string> = {}) =>
      raw(port, '/_local/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('lists the demo identities without a token', async () => {
      const answer = await raw(port, '/_local/identities');
      expect(JSON.parse(answer.body)).toEqual({
        items: [
          { id: 'admin', role: 'admin', label: 'Administrator' },
          { id: 'agent', role: 'agent', label: 'Agent' },
          { id: 'customer:kore-demo', role: 'customer', org: 'kore-demo', label: 'Customer of KORE (demo)' },
        ],
      });
    });

    it('hands out a 12-hour token with a stable subject per identity', async () => {
      const started = Date.now();
      const answer = await signIn({ identity: 'customer:kore-demo' }, { origin: `http://127.0.0.1:${port}` });
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
      const { token, expiresAt, identity } = JSON.parse(answer.body) as { token: string; expiresAt: string; identity: { id: string } };
      expect(identity.id).toBe('customer:kore-demo');
      expect(await verifyLocalToken(dataDir, token)).toMatchObject({
        sub: 'local-customer-kore-demo',
        'custom:org': 'kore-demo',
        'cognito:groups': [],
      });
      const ttl = Date.parse(expiresAt) - started;
      expect(ttl).toBeGreaterThan(12 * 3600_000 - 2_000);
      expect(ttl).toBeLessThanOrEqual(12 * 3600_000 + 1_000);
      const agent = JSON.parse((await signIn({ identity: 'agent' })).body) as { token: string };
      expect(await verifyLocalToken(dataDir, agent.token)).toMatchObject({ sub: 'local-agent', 'cognito:groups': ['agent'] });
    });

    it.each(['localhost', 'LOCALHOST', '[::1]'])('accepts the loopback host name %s with the port', async (name) => {
      expect((await raw(port, '/_local/identities', { headers: { host: `${name}:${port}` } })).status).toBe(200);
    });

    it.each(['evil.example', `evil.example:${'PORT'}`, '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example'])(
      'refuses a request that names the host "%s" (DNS rebinding)',
      async (host) => {
        const named = host.replace('PORT', String(port));
        for (const [path, method] of [
          ['/_local/identities', 'GET'],
          ['/_local/sign-in', 'POST'],
        ] as const) {
          const body = method === 'POST' ? '{"identity":"admin"}' : undefined;
          const answer = await raw(port, path, {
            method,
            headers: { host: named, 'content-type': 'application/json' },
            ...(body && { body }),
          });
          expect(answer.status, `${method} ${path}: ${answer.body}`).toBe(403);
          expect(answer.headers['content-type']).toBe('application/problem+json');
          expect(answer.body).not.toContain('token');
        }
      },
    );

    it('refuses a sign-in from another origin (CSRF)', async () => {
      for (const origin of ['http://evil.example', `http://localhost:${port}`, 'null', `https://127.0.0.1:${port}`]) {
        const answer = await signIn({ identity: 'admin' }, { origin });
        expect(answer.status).toBe(403);
        expect(answer.body).not.toContain('token');
      }
    });

    it('refuses a form or text body, which a cross-site form could send', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
        const answer = await signIn('{"identity":"admin"}', { 'content-type': type });
        expect(answer.status).toBe(415);
        expect(answer.headers['content-type']).toBe('application/problem+json');
      }
    });

    it('answers an unknown or missing identity with a 422 naming the field', async () => {
      for (const body of [{ identity: 'root' }, {}, { identity: 7 }, [], 'null']) {
        const answer = await signIn(body);
        expect(answer.status).toBe(422);
        expect(problemOf(answer.body).errors?.[0]?.path).toBe('identity');
      }
      expect((await signIn('{"identity":')).status).toBe(400);
    });

    it('answers the wrong method with 405 and what is allowed', async () => {
      const get = await raw(port, '/_local/sign-in');
      expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
      const post = await raw(port, '/_local/identities', { method: 'POST', body: '{}' });
      expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    });

    it('refuses a client that is not on this machine, whatever Host it sends', () => {
      const from = (remoteAddress: string) =>
        ({ socket: { remoteAddress, localPort: 3000 }, headers: { host: '127.0.0.1:3000' } }) as unknown as IncomingMessage;
      expect(loopbackHost(from('127.0.0.1'))).toBe('127.0.0.1:3000');
      expect(loopbackHost(from('::ffff:127.0.0.1'))).toBe('127.0.0.1:3000');
      expect(loopbackHost(from('::1'))).toBe('127.0.0.1:3000');
      for (const remote of ['192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', '', '127.0.0.1.evil'])
        expect(loopbackHost(from(remote))).toBeUndefined();
    });
  });
});
