import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../infra/local/lib/dynamodb-local.ts';
import { signLocalToken } from '../../infra/local/lib/local-auth.ts';
import { type StackProcess, spawnStack, startStack, stopStack } from '../support/console-stack.ts';
import { type ReceivedHook, webhookReceiver } from '../support/webhook-receiver.ts';

function javaProcessesFor(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(dataDir));
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-local-'));
  let stack: StackProcess | undefined;
  afterAll(async () => {
    if (stack !== undefined && stack.child.exitCode === null) await stopStack(stack);
  });

  it('serves the API with its printed tokens, stops cleanly and keeps the data across a restart', async () => {
    const port = await freePort();
    const smtpPort = await freePort();
    stack = await startStack({ dataDir, port, smtpPort });
    const customer = stack.tokens.KORE_CUSTOMER_TOKEN as string;
    expect(customer).toBeDefined();

    const health = await fetch(`${stack.url}/health`);
    expect(health.status).toBe(200);
    const anonymous = await fetch(`${stack.url}/tickets`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const forged = await fetch(`${stack.url}/tickets`, { headers: { authorization: `Bearer ${customer.slice(0, -4)}AAAA` } });
    expect(forged.status).toBe(401);

    // A customer registers a webhook on a receiver on this machine before opening the ticket.
    const receiver = await webhookReceiver();
    const registered = await fetch(`${stack.url}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['ticket.created'], contact: 'ops@kore-demo.example' }),
    });
    expect(registered.status).toBe(201);
    const { secret } = (await registered.json()) as { secret: string };

    const created = await fetch(`${stack.url}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'API down', description: 'Every call fails', severity: 'urgent' }),
    });
    expect(created.status).toBe(201);
    const ticket = (await created.json()) as { caseId: number; deadlines: unknown[] };
    expect(ticket.deadlines.length).toBeGreaterThan(0);
    // The stack's background tick reads the stream and sends the signed ticket.created (real clock).
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const hook = receiver.received[0] as ReceivedHook;
    const event = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as {
      type: string;
      data: { ticket: { caseId: number } };
    };
    expect([event.type, event.data.ticket.caseId]).toEqual(['ticket.created', ticket.caseId]);
    await receiver.close();

    // E-mail over SMTP from a known domain opens a ticket and gets an acknowledgement; a second copy changes nothing.
    const smtp = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const message = {
      from: 'anna@kore-demo.example',
      to: 'support@sla-escalator.local',
      subject: 'Mail outage',
      text: 'No mail since 09:00.',
      messageId: '<smtp-1@kore-demo.example>',
    };
    await smtp.sendMail(message);
    await smtp.sendMail(message);
    const admin = { authorization: `Bearer ${stack.tokens.ADMIN_TOKEN}` };
    const outbox = (await (await fetch(`${stack.url}/_local/outbox`, { headers: admin })).json()) as {
      items: Array<{ role: string; subject?: string; caseId: number }>;
    };
    const acks = outbox.items.filter((i) => i.role === 'requester');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.subject).toBe(`[#${acks[0]?.caseId}] Your request: Mail outage`);
    const mailed = await fetch(`${stack.url}/tickets/${acks[0]?.caseId}`, { headers: { authorization: `Bearer ${customer}` } });
    expect(((await mailed.json()) as { org: string; channel: string }).channel).toBe('email');

    expect(await stopStack(stack)).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);

    stack = await startStack({ dataDir, port, smtpPort });
    const again = await fetch(`${stack.url}/tickets/${ticket.caseId}`, {
      headers: { authorization: `Bearer ${stack.tokens.KORE_CUSTOMER_TOKEN}` },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { caseId: number }).caseId).toBe(ticket.caseId);
    expect(await stopStack(stack)).toBe(0);
  }, 120_000);

  it('answers /health only once the demo organisations exist and SMTP listens', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'sla-local-'));
    const [port, smtpPort] = [await freePort(), await freePort()];
    const customer = await signLocalToken(fresh, { role: 'customer', org: 'kore-demo' });
    const child = spawnStack({ dataDir: fresh, port, smtpPort });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // As a script would: poll /health, then use the stack at once.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const status = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error('npm start never became healthy');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const smtpOpen = await new Promise<boolean>((resolve) => {
        const socket = connect(smtpPort, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(smtpOpen).toBe(true);
      const created = await fetch(`http://127.0.0.1:${port}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'Right after start', description: 'x', severity: 'low' }),
      });
      expect(created.status).toBe(201);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);
});
