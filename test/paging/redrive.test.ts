import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { run } from '../../bin/cli.ts';
import { redriveQueue } from '../../bin/ops.ts';
import { LambdaHandoff } from '../../functions/adapters/lambda-handoff.ts';
import { createApiGatewayServer } from '../../infra/local/lib/api-gateway-server.ts';
import { intercept } from '../../infra/local/lib/intercept.ts';
import { signLocalToken, verifyLocalToken } from '../../infra/local/lib/local-auth.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { localEndpoints } from '../../infra/local/local-endpoints.ts';
import { as, caller } from '../support/api-events.ts';
import { freshTable } from '../support/test-table.ts';

const FUNCTION = 'arn:aws:lambda:eu-west-1:123456789012:function:sla-escalator-notify';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/NotifyFailures';
const deadline = { caseId: 10_001, deadlineId: 'response', due: 1_772_460_900_000, version: 3 };

/** Lambda's on-failure invocation record, as SQS holds it. */
const record = (payload: unknown) =>
  JSON.stringify({
    version: '1.0',
    timestamp: '2026-03-02T14:18:00.000Z',
    requestContext: { requestId: 'r', functionArn: `${FUNCTION}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: payload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: 'SNS down' },
  });

function stubs(messages: Array<{ MessageId: string; Body: string; ReceiptHandle: string }>, invokeStatus = 202) {
  const sent: unknown[] = [];
  let received = false;
  return {
    sent,
    sqs: {
      send: async (command: unknown) => {
        sent.push(command);
        if (command instanceof ReceiveMessageCommand) {
          const batch = received ? [] : messages;
          received = true;
          return { Messages: batch };
        }
        return {};
      },
    },
    lambda: {
      send: async (command: unknown) => {
        sent.push(command);
        return { StatusCode: invokeStatus };
      },
    },
  };
}

describe('sla redrive on AWS (stubbed SQS and Lambda)', () => {
  it('re-invokes notify asynchronously for each parked deadline, deleting each message after the invoke was accepted', async () => {
    const clients = stubs([
      { MessageId: 'm1', Body: record(deadline), ReceiptHandle: 'h1' },
      { MessageId: 'm2', Body: '{"not":"a record"}', ReceiptHandle: 'h2' },
    ]);
    const outcome = await redriveQueue(clients as never, { queueUrl: QUEUE, functionName: FUNCTION, max: 100 });
    expect(outcome).toEqual({ redriven: 1, unreadable: ['m2'] });
    const commands = clients.sent.map((c) => c?.constructor.name);
    expect(commands).toEqual(['ReceiveMessageCommand', 'InvokeCommand', 'DeleteMessageCommand', 'ReceiveMessageCommand']);
    const invoke = clients.sent[1] as InvokeCommand;
    expect(invoke.input).toMatchObject({ FunctionName: FUNCTION, InvocationType: 'Event' });
    expect(JSON.parse(Buffer.from(invoke.input.Payload as Uint8Array).toString('utf8'))).toEqual(deadline);
    expect((clients.sent[2] as DeleteMessageCommand).input).toEqual({ QueueUrl: QUEUE, ReceiptHandle: 'h1' });
  });

  it('keeps the message when Lambda does not accept the invoke', async () => {
    const clients = stubs([{ MessageId: 'm1', Body: record(deadline), ReceiptHandle: 'h1' }], 500);
    await expect(redriveQueue(clients as never, { queueUrl: QUEUE, functionName: FUNCTION, max: 100 })).rejects.toThrow('did not accept');
    expect(clients.sent.some((c) => c instanceof DeleteMessageCommand)).toBe(false);
  });

  it('hands a deadline over with an asynchronous invoke (LambdaHandoff)', async () => {
    const clients = stubs([]);
    await new LambdaHandoff(clients.lambda as never, FUNCTION).handOff(deadline);
    expect(clients.sent[0]).toBeInstanceOf(InvokeCommand);
    expect((clients.sent[0] as InvokeCommand).input.InvocationType).toBe('Event');
  });
});

describe('sla redrive --local (end to end on the local stack)', () => {
  it('sends a page whose notify runs all failed, once SNS is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sla-redrive-'));
    const { name: table } = await freshTable('redrive');
    const clock = new LocalClock('manual', Date.parse('2026-03-02T14:00:00Z'));
    let snsDown = true;
    const runtime = new LocalRuntime({
      dynamoEndpoint: inject('dynamoEndpoint'),
      table,
      clock,
      dataDir,
      wrap: (service, client) =>
        service !== 'sns'
          ? client
          : intercept(client, 'initialize', 'snsDown', async (_, call) => {
              if (snsDown) throw new Error('SNS down');
              return call();
            }),
    });
    const call = caller(runtime.api);
    await call('POST', '/orgs', { claims: as.admin(), body: { id: 'acme', name: 'acme', policy: 'kore', tier: 'premium', region: 'us' } });
    const created = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer('acme'),
      body: { subject: 'Outage', description: 'Down', severity: 'urgent' },
    });
    await runtime.advanceTo(Date.parse('2026-03-02T14:04:00Z')); // attempts at 14:00, 14:01, 14:03
    expect(runtime.lambda.failures.map((f) => f.requestPayload)).toEqual([
      expect.objectContaining({ caseId: created.body.caseId, deadlineId: 'escalation.urgent.1' }),
    ]);
    snsDown = false;

    const server = createApiGatewayServer(runtime.api, (token) => verifyLocalToken(dataDir, token), localEndpoints(runtime, clock));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    const out: string[] = [];
    const token = await signLocalToken(dataDir, { role: 'admin' });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), stdin: () => '' };
    expect(await run(['redrive', '--local', '--url', url, '--token', token], io)).toBe(0);
    await new Promise<void>((done) => server.close(() => done()));
    await runtime.settle();
    expect(out.join('')).toContain('redrive: 1 parked deadlines');
    expect(runtime.lambda.failures).toEqual([]);
    const pages = runtime.outbox.items.filter((i) => i.caseId === created.body.caseId && i.channel === 'sms');
    expect(pages.map((p) => `${p.at.slice(11, 16)} ${p.role}`)).toEqual(['14:04 manager']);
  });
});
