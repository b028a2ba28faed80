import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRequestContentException, InvokeCommand, ResourceNotFoundException as LambdaNotFound } from '@aws-sdk/client-lambda';
import * as Scheduler from '@aws-sdk/client-scheduler';
import { BadRequestException, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { InvalidParameterException, NotFoundException, PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STREAM_CONSUMERS } from '../../infra/aws/stream-consumers.ts';
import { createApiGatewayServer } from '../../infra/local/lib/api-gateway-server.ts';
import { signLocalToken, verifyLocalToken } from '../../infra/local/lib/local-auth.ts';
import { LocalClock, parseIsoDuration } from '../../infra/local/lib/local-clock.ts';
import { LocalLambda, SleepUntil } from '../../infra/local/lib/local-lambda.ts';
import { LocalSes } from '../../infra/local/lib/local-mail.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { LocalScheduler } from '../../infra/local/lib/local-scheduler.ts';
import { LOCAL_TOPIC_PREFIX, LocalSns } from '../../infra/local/lib/local-sns.ts';
import { Outbox } from '../../infra/local/lib/outbox.ts';
import { byItem } from '../../infra/local/lib/stream-poller.ts';
import { localEndpoints } from '../../infra/local/local-endpoints.ts';
import { freshTable } from '../support/test-table.ts';

const schedule = (overrides: Record<string, unknown> = {}) =>
  new Scheduler.CreateScheduleCommand({
    Name: 'sla-10001-response-abc',
    GroupName: 'sla-escalator',
    ScheduleExpression: 'at(2026-03-02T14:15:00)',
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: 'arn:notify', RoleArn: 'arn:role', Input: '{}' },
    ...overrides,
  });

describe('the local Scheduler stand-in', () => {
  it('enforces the documented rules: names, at() expressions, 409 and 404', async () => {
    const scheduler = new LocalScheduler(undefined);
    await scheduler.send(schedule());
    await expect(scheduler.send(schedule())).rejects.toBeInstanceOf(Scheduler.ConflictException);
    await expect(scheduler.send(schedule({ Name: 'x'.repeat(65) }))).rejects.toBeInstanceOf(Scheduler.ValidationException);
    await expect(scheduler.send(schedule({ Name: 'has space' }))).rejects.toBeInstanceOf(Scheduler.ValidationException);
    await expect(scheduler.send(schedule({ Name: 'b', ScheduleExpression: 'at(2026-03-02 14:15)' }))).rejects.toBeInstanceOf(
      Scheduler.ValidationException,
    );
    await expect(scheduler.send(schedule({ Name: 'c', ScheduleExpression: 'rate(5 minutes)' }))).rejects.toBeInstanceOf(
      Scheduler.ValidationException,
    );
    await expect(scheduler.send(schedule({ Name: 'd', FlexibleTimeWindow: undefined }))).rejects.toBeInstanceOf(
      Scheduler.ValidationException,
    );
    expect(scheduler.earliest()?.at).toBe(Date.parse('2026-03-02T14:15:00Z'));
    await scheduler.send(new Scheduler.DeleteScheduleCommand({ Name: 'sla-10001-response-abc', GroupName: 'sla-escalator' }));
    await expect(
      scheduler.send(new Scheduler.DeleteScheduleCommand({ Name: 'sla-10001-response-abc', GroupName: 'sla-escalator' })),
    ).rejects.toBeInstanceOf(Scheduler.ResourceNotFoundException);
  });

  it('retries a failing target per its retry policy, then deletes the schedule into the dead-letter list', async () => {
    const scheduler = new LocalScheduler(undefined);
    await scheduler.send(
      schedule({ Target: { Arn: 'arn:notify', RoleArn: 'arn:role', Input: '{"n":1}', RetryPolicy: { MaximumRetryAttempts: 2 } } }),
    );
    let attempts = 0;
    await scheduler.fire(scheduler.earliest() as never, async () => {
      attempts++;
      throw new Error('down');
    });
    expect(attempts).toBe(3);
    expect(scheduler.size).toBe(0);
    expect(scheduler.deadLetters).toHaveLength(1);
  });
});

describe('the local Lambda stand-in (asynchronous invocation)', () => {
  const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:sla-escalator-notify';
  const invoke = (overrides: Record<string, unknown> = {}) =>
    new InvokeCommand({ FunctionName: ARN, InvocationType: 'Event', Payload: JSON.stringify({ caseId: 1 }), ...overrides });

  it('answers 202 and runs the event later; retries a failure after 1 and then 2 minutes, then parks it on the on-failure list', async () => {
    let now = Date.parse('2026-03-02T14:00:00Z');
    const dir = mkdtempSync(join(tmpdir(), 'sla-lambda-'));
    const files = { queue: join(dir, 'queue.json'), failures: join(dir, 'failures.json') };
    const lambda = new LocalLambda(() => now, files);
    const runs: string[] = [];
    lambda.register(ARN, async (payload) => {
      runs.push(new Date(now).toISOString().slice(11, 16));
      throw new Error(`down for ${JSON.stringify(payload)}`);
    });
    expect((await lambda.send(invoke())).StatusCode).toBe(202);
    expect(runs).toEqual([]); // accepted, not run
    for (let guard = 0; guard < 5 && lambda.earliest() !== undefined; guard++) {
      now = lambda.earliest() as number;
      await lambda.runNext();
    }
    expect(runs).toEqual(['14:00', '14:01', '14:03']);
    expect(lambda.failures).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ functionArn: ARN, condition: 'RetriesExhausted', approximateInvokeCount: 3 }),
        requestPayload: { caseId: 1 },
        responsePayload: { errorType: 'Error', errorMessage: 'down for {"caseId":1}' },
      }),
    ]);
    // Kept across a restart, like schedules.json; a redrive queues it again as a new invocation.
    const restarted = new LocalLambda(() => now, files);
    expect(restarted.failures).toHaveLength(1);
    expect(restarted.redrive()).toBe(1);
    expect(restarted.failures).toHaveLength(0);
    expect(restarted.queued).toBe(1);
  });

  it('lets a function sleep until an instant without using up an attempt', async () => {
    let now = 0;
    const lambda = new LocalLambda(() => now);
    let attempts = 0;
    lambda.register(ARN, async () => {
      attempts++;
      if (now < 30_000) throw new SleepUntil(30_000);
    });
    await lambda.send(invoke({ FunctionName: 'sla-escalator-notify' }));
    await lambda.runNext();
    expect(lambda.earliest()).toBe(30_000);
    now = 30_000;
    await lambda.runNext();
    expect([attempts, lambda.queued, lambda.failures.length]).toEqual([2, 0, 0]);
  });

  it('rejects what Lambda rejects: an unknown function, a payload that is not JSON', async () => {
    const lambda = new LocalLambda(() => 0);
    lambda.register(ARN, async () => {});
    await expect(lambda.send(invoke({ FunctionName: 'other' }))).rejects.toBeInstanceOf(LambdaNotFound);
    await expect(lambda.send(invoke({ Payload: '{oops' }))).rejects.toBeInstanceOf(InvalidRequestContentException);
    await expect(lambda.send(invoke({ InvocationType: 'RequestResponse' }))).rejects.toThrow('asynchronous invocation only');
  });
});

describe('the local SNS stand-in', () => {
  const publish = (overrides: Record<string, unknown> = {}) =>
    new PublishCommand({
      TopicArn: `${LOCAL_TOPIC_PREFIX}manager`,
      MessageStructure: 'json',
      Message: JSON.stringify({ default: 'd', sms: 'short', email: 'long' }),
      Subject: '[#1] x',
      MessageAttributes: {
        delivery: { DataType: 'String', StringValue: 'page' },
        caseId: { DataType: 'Number', StringValue: '1' },
        kind: { DataType: 'String', StringValue: 'response' },
      },
      ...overrides,
    });

  it('delivers a page by SMS and e-mail and a notice by e-mail only', async () => {
    const outbox = new Outbox(undefined);
    const sns = new LocalSns(outbox, () => Date.parse('2026-03-02T14:15:00Z'));
    await sns.send(publish());
    await sns.send(
      publish({
        MessageAttributes: { delivery: { DataType: 'String', StringValue: 'notice' }, caseId: { DataType: 'Number', StringValue: '1' } },
      }),
    );
    expect(outbox.items.map((i) => `${i.channel} ${i.role} ${i.text}`)).toEqual([
      'sms manager short',
      'email manager long',
      'email manager long',
    ]);
  });

  it('rejects what SNS rejects: an unknown topic, a JSON message without default', async () => {
    const sns = new LocalSns(new Outbox(undefined), Date.now);
    await expect(sns.send(publish({ TopicArn: 'arn:aws:sns:us-east-1:1:other' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(sns.send(publish({ Message: JSON.stringify({ sms: 'x' }) }))).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('the local SES stand-in', () => {
  const email = (overrides: Partial<SendEmailCommandInput> = {}, headers = [{ Name: 'X-Case-Id', Value: '10001' }]) =>
    new SendEmailCommand({
      FromEmailAddress: 'support@sla-escalator.local',
      Destination: { ToAddresses: ['anna@kore-demo.example'] },
      Content: {
        Simple: {
          Subject: { Data: '[#10001] Grüße', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Hallo', Charset: 'UTF-8' } },
          Headers: headers,
        },
      },
      ...overrides,
    });
  const refused = async (command: SendEmailCommand) => {
    const error = await new LocalSes(new Outbox(undefined), Date.now).send(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as Error).message;
  };

  it('assigns its own Message-ID, as SES does, and records the mail with the threading headers as sent', async () => {
    const outbox = new Outbox(undefined);
    const ses = new LocalSes(outbox, () => Date.parse('2026-03-02T14:00:00Z'));
    const threaded = [
      { Name: 'In-Reply-To', Value: '<case-10001@sla-escalator.local>' },
      { Name: 'References', Value: '<case-10001@sla-escalator.local> <x@kore-demo.example>' },
      { Name: 'X-Case-Id', Value: '10001' },
    ];
    expect(await ses.send(email({}, threaded))).toEqual({ MessageId: 'local-ses-1' });
    expect(await ses.send(email())).toEqual({ MessageId: 'local-ses-2' });
    expect(outbox.items).toEqual([
      {
        at: '2026-03-02T14:00:00.000Z',
        role: 'requester',
        channel: 'email',
        caseId: 10001,
        kind: 'mail',
        to: 'anna@kore-demo.example',
        subject: '[#10001] Grüße',
        text: 'Hallo',
        messageId: '<local-ses-1@local.amazonses.com>',
        inReplyTo: '<case-10001@sla-escalator.local>',
        references: ['<case-10001@sla-escalator.local>', '<x@kore-demo.example>'],
      },
      expect.objectContaining({ messageId: '<local-ses-2@local.amazonses.com>' }),
    ]);
    expect(outbox.items[1]).not.toHaveProperty('references');
  });

  it('requires a sender, a recipient, a subject and a body', async () => {
    expect(await refused(email({ FromEmailAddress: undefined }))).toMatch(/FromEmailAddress/);
    expect(await refused(email({ Destination: { ToAddresses: [] } }))).toMatch(/ToAddresses/);
    expect(await refused(email({ Content: { Simple: { Subject: { Data: 'x' }, Body: {} } } }))).toMatch(/Body/);
    expect(await refused(email({ Content: { Simple: { Subject: undefined, Body: { Text: { Data: 'x' } } } } }))).toMatch(/Subject/);
  });

  it('refuses the headers SES refuses: its own (in any case), too long, CR/LF', async () => {
    const sesOwn = ['Message-ID', 'message-id', 'From', 'To', 'CC', 'Bcc', 'Subject', 'Date', 'Reply-To', 'Return-Path'];
    for (const name of [...sesOwn, 'MIME-Version', 'Content-Type', 'Content-Disposition']) {
      expect(await refused(email({}, [{ Name: name, Value: 'x' }]))).toContain(name);
    }
    expect(await refused(email({}, [{ Name: `X-${'a'.repeat(125)}`, Value: '1' }]))).toMatch(/126/);
    expect(await refused(email({}, [{ Name: 'X-Bad:Name', Value: '1' }]))).toMatch(/colon/);
    expect(await refused(email({}, [{ Name: 'References', Value: 'a'.repeat(871) }]))).toMatch(/870/);
    expect(await refused(email({}, [{ Name: 'In-Reply-To', Value: '<a@b.example>\r\nBcc: x@y.example' }]))).toMatch(/CR or LF/);
    await expect(
      new LocalSes(new Outbox(undefined), Date.now).send(email({}, [{ Name: 'References', Value: 'a'.repeat(870) }])),
    ).resolves.toEqual({ MessageId: 'local-ses-1' });
  });

  it('refuses a header given twice and a recipient that is not an address', async () => {
    const twice = [
      { Name: 'References', Value: '<a@b.example>' },
      { Name: 'references', Value: '<c@d.example>' },
    ];
    expect(await refused(email({}, twice))).toMatch(/given twice/);
    expect(await refused(email({ Destination: { ToAddresses: [''] } }))).toMatch(/not an e-mail address/);
    expect(await refused(email({ Destination: { ToAddresses: ['John Doe'] } }))).toMatch(/not an e-mail address/);
  });

  it('takes simple content only, saying so for raw MIME', async () => {
    expect(await refused(email({ Content: { Raw: { Data: Buffer.from('Subject: x\r\n\r\nhi') } } }))).toMatch(/Content\.Simple only/);
  });
});

describe('the local clock endpoints', () => {
  let url: string;
  let admin: string;
  let agent: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sla-endpoints-'));
    const { name: table } = await freshTable('endpoints');
    const clock = new LocalClock('manual', Date.parse('2026-03-02T14:00:00Z'));
    const runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table, clock });
    const server = createApiGatewayServer(runtime.api, (token) => verifyLocalToken(dataDir, token), localEndpoints(runtime, clock));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    admin = await signLocalToken(dataDir, { role: 'admin' });
    agent = await signLocalToken(dataDir, { role: 'agent' });
    close = () => new Promise((done) => server.close(() => done()));
  });
  afterAll(() => close());

  const post = (token: string, body: unknown) =>
    fetch(`${url}/_local/clock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('moves a manual clock by an ISO duration or to an instant, never back', async () => {
    expect(await (await post(admin, { advance: 'PT2H' })).json()).toEqual({ now: '2026-03-02T16:00:00.000Z' });
    expect(await (await post(admin, { to: '2026-03-03T00:00:00Z' })).json()).toEqual({ now: '2026-03-03T00:00:00.000Z' });
    expect((await post(admin, { to: '2026-03-02T00:00:00Z' })).status).toBe(409);
    expect((await post(admin, { advance: 'two hours' })).status).toBe(400);
  });

  it('is for administrators only', async () => {
    expect((await post(agent, { advance: 'PT1H' })).status).toBe(403);
    expect((await fetch(`${url}/_local/outbox`)).status).toBe(401);
    expect(await (await fetch(`${url}/_local/outbox`, { headers: { authorization: `Bearer ${admin}` } })).json()).toEqual({ items: [] });
  });

  it('reads ISO-8601 durations', () => {
    expect(parseIsoDuration('PT15M')).toBe(15 * 60_000);
    expect(parseIsoDuration('P1DT2H')).toBe(26 * 3_600_000);
    expect(parseIsoDuration('P')).toBeUndefined();
    expect(parseIsoDuration('PT')).toBeUndefined();
  });
});

describe('the local stream poller', () => {
  const record = (pk: string, seq: number) => ({ dynamodb: { Keys: { PK: { S: pk }, SK: { S: 'TICKET' } }, SequenceNumber: String(seq) } });

  it('splits a batch into at most the parallelization factor, each item in one batch and in stream order', () => {
    const records = Array.from({ length: 200 }, (_, i) => record(`TICKET#${i % 37}`, i));
    const batches = byItem(records, STREAM_CONSUMERS.scheduleSync.parallelizationFactor);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.length).toBeLessThanOrEqual(10);
    expect(batches.flat()).toHaveLength(200);
    for (const batch of batches) {
      const sequence = batch.map((r) => Number(r.dynamodb?.SequenceNumber));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    }
    const batchOf = new Map<string, number>();
    for (const [i, batch] of batches.entries())
      for (const r of batch) {
        const pk = String(r.dynamodb?.Keys?.PK?.S);
        expect(batchOf.get(pk) ?? i).toBe(i);
        batchOf.set(pk, i);
      }
    expect(byItem(records, 1)).toEqual([records]);
  });
});
