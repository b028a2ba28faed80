/** The demo receiver (`npm run webhook-receiver`) verifies what our sender signs, refuses what it did not, and fails on request. */

import { afterAll, describe, expect, it } from 'vitest';
import { signatureHeaders } from '#shared/webhooks/signature.ts';
import { startWebhookReceiver } from '../../infra/local/webhook-receiver.ts';

const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const OTHER = `whsec_${Buffer.alloc(32, 8).toString('base64')}`;

describe('the demo webhook receiver', async () => {
  const lines: string[] = [];
  const { server, port } = await startWebhookReceiver({ port: 0, secret: SECRET, fail: 1, print: (line) => lines.push(line) });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const deliver = (secret: string) => {
    const body = JSON.stringify({
      type: 'ticket.created',
      timestamp: new Date().toISOString(),
      data: { ticket: { caseId: 10_001, status: 'open' } },
    });
    const headers = signatureHeaders([secret], { id: 'evt_10001_v1_created', at: Date.now(), body });
    return fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  };

  it('fails the first delivery on request, then accepts a correctly signed one and refuses a forged one', async () => {
    expect((await deliver(SECRET)).status).toBe(500);
    expect((await deliver(SECRET)).status).toBe(204);
    expect((await deliver(OTHER)).status).toBe(401);
    expect(lines).toEqual([
      'ticket.created evt_10001_v1_created: signature verified; answering 500 on purpose (0 more to fail)',
      'ticket.created evt_10001_v1_created: signature verified; case 10001 is open',
      expect.stringMatching(/^refused evt_10001_v1_created: /),
    ]);
  });
});
