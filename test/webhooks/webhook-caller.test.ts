/**
 * One attempt over HTTP, as the sender makes it: the SSRF rules again at delivery (the name is
 * resolved then, and any non-public address refuses it: DNS rebinding), the connection pinned to
 * the address that was checked, no redirects, and a timeout. Receivers are real servers on
 * 127.0.0.1; public names are "resolved" by a test resolver that points them there or elsewhere.
 */

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpWebhookCaller, type Resolver } from '../../functions/adapters/webhook-caller.ts';
import { webhookReceiver } from '../support/webhook-receiver.ts';

const AWS_RULES = { allowLoopbackHttp: false } as const;
const LOCAL_RULES = { allowLoopbackHttp: true } as const;
const resolving =
  (answers: Record<string, string[]>): Resolver =>
  async (host) =>
    (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('a webhook attempt', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  async function server(handler: Parameters<typeof createServer>[1]) {
    const s = createServer(handler);
    servers.push(s);
    s.listen(0, '127.0.0.1');
    await once(s, 'listening');
    return (s.address() as AddressInfo).port;
  }

  it('posts the body with the given headers and reports the status (the local stack may call 127.0.0.1 over http)', async () => {
    const hooks = await webhookReceiver([202]);
    const outcome = await new HttpWebhookCaller(LOCAL_RULES).call(hooks.url, { 'webhook-id': 'evt_1_x' }, '{"a":1}');
    expect(outcome).toMatchObject({ status: 202 });
    expect(hooks.received[0]).toMatchObject({ body: '{"a":1}', headers: { 'webhook-id': 'evt_1_x', 'content-type': 'application/json' } });
    await hooks.close();
  });

  it('on AWS refuses loopback, private and metadata addresses, named or literal, before connecting', async () => {
    const hooks = await webhookReceiver();
    const caller = new HttpWebhookCaller(AWS_RULES, {
      resolve: resolving({ 'hooks.example.com': ['169.254.169.254'], 'mixed.example.com': ['93.184.216.34', '10.0.0.7'] }),
    });
    for (const url of [
      hooks.url,
      'https://127.0.0.1/x',
      'https://hooks.example.com/x',
      'https://mixed.example.com/x',
      'https://[::ffff:7f00:1]/x',
    ]) {
      const outcome = await caller.call(url, {}, '{}');
      expect(outcome, url).toMatchObject({ error: expect.stringMatching(/^refused: /) });
    }
    expect(hooks.received).toEqual([]);
    await hooks.close();
  });

  it('refuses at delivery a name that resolved to a public address at registration and now resolves to loopback (DNS rebinding)', async () => {
    let answer = '93.184.216.34';
    const caller = new HttpWebhookCaller(AWS_RULES, { resolve: async () => [{ address: answer, family: 4 }], timeoutMs: 200 });
    answer = '127.0.0.1';
    expect(await caller.call('https://rebind.example.com/hook', {}, '{}')).toMatchObject({
      error: 'refused: 127.0.0.1 is not a public address',
    });
  });

  it('connects to the address it checked, never resolving the name a second time', async () => {
    // The name exists nowhere: had Node resolved it again at connect time, the attempt would end in
    // ENOTFOUND (or EAI_AGAIN). Pinned, it goes to the checked public address (unreachable from here).
    const caller = new HttpWebhookCaller(AWS_RULES, { resolve: async () => [{ address: '1.1.1.1', family: 4 }], timeoutMs: 300 });
    const outcome = await caller.call('https://no-such-host.sla-escalator-tests.example/hook', {}, '{}');
    expect(outcome).toHaveProperty('error');
    expect((outcome as { error: string }).error).not.toMatch(/ENOTFOUND|EAI_AGAIN|refused/);
  });

  it('does not follow a redirect: a 3xx is a failed attempt, and the target is never called', async () => {
    const target = await webhookReceiver();
    const port = await server((_, response) => response.writeHead(307, { location: target.url }).end());
    expect(await new HttpWebhookCaller(LOCAL_RULES).call(`http://127.0.0.1:${port}/`, {}, '{}')).toMatchObject({ status: 307 });
    expect(target.received).toEqual([]);
    await target.close();
  });

  it('gives up on a receiver that never answers at the timeout, as a failed attempt', async () => {
    const port = await server(() => undefined);
    const outcome = await new HttpWebhookCaller(LOCAL_RULES, { timeoutMs: 100 }).call(`http://127.0.0.1:${port}/`, {}, '{}');
    expect(outcome).toMatchObject({ error: 'timed out after 100 ms' });
  });

  it('counts a slow name resolution towards the timeout', async () => {
    const caller = new HttpWebhookCaller(AWS_RULES, { resolve: () => new Promise(() => undefined), timeoutMs: 50 });
    expect(await caller.call('https://slow-dns.example.com/hook', {}, '{}')).toMatchObject({ error: 'timed out after 50 ms' });
  });

  it('reports a refused connection as a failed attempt, never throws', async () => {
    const port = await server(() => undefined);
    servers.at(-1)?.close();
    await once(servers.at(-1) as Server, 'close');
    const outcome = await new HttpWebhookCaller(LOCAL_RULES).call(`http://127.0.0.1:${port}/`, {}, '{}');
    expect(outcome).toMatchObject({ error: expect.stringContaining('ECONNREFUSED') });
  });
});
