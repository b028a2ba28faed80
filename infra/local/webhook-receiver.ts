/**
 * A webhook receiver for trying webhooks on the local stack: it verifies each delivery's signature
 * with the `standardwebhooks` library (an implementation of the convention independent of ours),
 * prints what arrived, and can fail the first deliveries on purpose to show the retries.
 *
 *   npm run webhook-receiver -- --port 4000 --secret whsec_... [--fail 3]
 */

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

export interface ReceiverOptions {
  readonly port: number;
  /** The endpoint's signing secret (`whsec_…`), as registration showed it. */
  readonly secret: string;
  /** Answer 500 to this many deliveries first. */
  readonly fail?: number;
  readonly print: (line: string) => void;
}

export async function startWebhookReceiver(options: ReceiverOptions): Promise<{ server: Server; port: number }> {
  const verifier = new Webhook(options.secret);
  let failures = options.fail ?? 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(request.headers['webhook-id']);
      let event: { type?: string; data?: { ticket?: { caseId?: number; status?: string } } };
      try {
        event = verifier.verify(body, request.headers as Record<string, string>) as typeof event;
      } catch (error) {
        options.print(`refused ${id}: ${(error as Error).message}`);
        response.writeHead(401).end();
        return;
      }
      const ticket = event.data?.ticket;
      if (failures > 0) {
        failures--;
        options.print(`${event.type} ${id}: signature verified; answering 500 on purpose (${failures} more to fail)`);
        response.writeHead(500).end();
        return;
      }
      options.print(`${event.type} ${id}: signature verified; case ${ticket?.caseId} is ${ticket?.status}`);
      response.writeHead(204).end();
    });
  });
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4000' },
      secret: { type: 'string' },
      fail: { type: 'string', default: '0' },
    },
  });
  if (values.secret === undefined) {
    console.error('usage: npm run webhook-receiver -- --port 4000 --secret whsec_... [--fail 3]');
    process.exit(2);
  }
  const { port } = await startWebhookReceiver({
    port: Number(values.port),
    secret: values.secret,
    fail: Number(values.fail),
    print: (line) => console.log(line),
  });
  console.log(`listening on http://127.0.0.1:${port}/hook`);
}
