import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeAlarmHistoryCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/smoke.ts';
import { ALARM_ACTION_POLLS, runSmoke, SCHEDULE_POLLS, type SmokeDeps, type SmokeOptions } from '../../bin/smoke-run.ts';

const OUTPUTS = {
  ApiUrl: 'https://abc.execute-api.eu-central-1.amazonaws.com',
  ScheduleGroupName: 'sla-escalator-prod',
  SmokeAlarmName: 'SlaEscalator-prod-Service-Api5xx-XYZ',
  SupportAddress: 'support@support.example.com',
  NotifyFailuresQueueUrl: 'https://sqs.eu-central-1.amazonaws.com/1/NotifyFailures',
};

type Command = { constructor: { name: string }; input: Record<string, unknown> };
type Reply = (command: Command) => unknown;

/** SDK clients that record every command and answer from `replies` (by command name); an Error reply is thrown. */
function stubs(replies: Record<string, Reply> = {}, http: Record<string, { status: number; body: unknown }> = {}) {
  const sent: Command[] = [];
  const requests: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }> = [];
  const defaults: Record<string, Reply> = {
    DescribeStacksCommand: () => ({
      Stacks: [{ Outputs: Object.entries(OUTPUTS).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
    }),
    ListSchedulesCommand: () => ({ Schedules: [{ Name: 'sla-10042-response-abc' }] }),
    SetAlarmStateCommand: () => ({}),
    DescribeAlarmHistoryCommand: () => ({
      AlarmHistoryItems: [{ HistoryItemType: 'Action', HistorySummary: 'Successfully executed action arn:aws:sns:eu-central-1:1:ops' }],
    }),
    SendEmailCommand: () => ({ MessageId: 'm-1' }),
  };
  const client = {
    send: async (command: Command) => {
      sent.push(command);
      const answer = (replies[command.constructor.name] ?? defaults[command.constructor.name])?.(command);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as SmokeDeps['scheduler'];
  const answers: Record<string, { status: number; body: unknown }> = {
    'POST /tickets': { status: 201, body: { caseId: 10042, status: 'open' } },
    'PATCH /tickets/10042': { status: 200, body: { caseId: 10042, status: 'resolved' } },
    ...http,
  };
  const fetchStub = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    requests.push({
      method: String(init.method),
      url,
      headers: init.headers as Record<string, string>,
      body: JSON.parse(String(init.body)),
    });
    const answer = answers[`${init.method} ${path}`] ?? { status: 404, body: { title: 'not found' } };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as typeof fetch;
  const log: string[] = [];
  const sleeps: number[] = [];
  const deps: SmokeDeps = {
    cloudFormation: client as unknown as SmokeDeps['cloudFormation'],
    scheduler: client,
    cloudWatch: client as unknown as SmokeDeps['cloudWatch'],
    ses: client as unknown as SmokeDeps['ses'],
    fetch: fetchStub,
    token: 'id-token',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (line) => log.push(line),
    now: () => new Date('2026-12-02T23:00:00Z'),
    runId: 'run-1',
  };
  return { deps, sent, requests, log, sleeps, names: () => sent.map((c) => c.constructor.name) };
}

const options: SmokeOptions = { stage: 'prod', mailToSupport: false, severity: 'low' };

describe('the post-deploy smoke test', () => {
  it('reads the outputs, opens a ticket, finds its schedules, fires and resets the alarm, then resolves the ticket', async () => {
    const { deps, sent, requests, log, names } = stubs();
    expect(await runSmoke(options, deps)).toBe(0);
    expect(names()).toEqual([
      'DescribeStacksCommand',
      'ListSchedulesCommand',
      'SetAlarmStateCommand',
      'DescribeAlarmHistoryCommand',
      'SetAlarmStateCommand',
    ]);
    expect(sent[0]).toBeInstanceOf(DescribeStacksCommand);
    expect(sent[0]?.input).toEqual({ StackName: 'SlaEscalator-prod-Service' });
    expect(sent[1]).toBeInstanceOf(ListSchedulesCommand);
    expect(sent[1]?.input).toEqual({ GroupName: 'sla-escalator-prod', NamePrefix: 'sla-10042-' });
    expect(sent.filter((c) => c instanceof SetAlarmStateCommand).map((c) => [c.input.AlarmName, c.input.StateValue])).toEqual([
      [OUTPUTS.SmokeAlarmName, 'ALARM'],
      [OUTPUTS.SmokeAlarmName, 'OK'],
    ]);
    // The alarm's own actions since a minute before it fired (clock margin), newest first.
    expect(sent.find((c) => c instanceof DescribeAlarmHistoryCommand)?.input).toEqual({
      AlarmName: OUTPUTS.SmokeAlarmName,
      HistoryItemType: 'Action',
      StartDate: new Date('2026-12-02T22:59:00Z'),
      ScanBy: 'TimestampDescending',
    });
    expect(sent[2]).toBeInstanceOf(SetAlarmStateCommand);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${OUTPUTS.ApiUrl}/tickets`,
      `PATCH ${OUTPUTS.ApiUrl}/tickets/10042`,
    ]);
    expect(requests[0]?.headers.authorization).toBe('Bearer id-token');
    expect(requests[0]?.body).toMatchObject({ subject: '[smoke] run-1', severity: 'low' });
    expect(requests[1]?.body).toEqual({ status: 'resolved' });
    expect(log.at(-1)).toBe('smoke test passed');
    expect(log.filter((line) => line.startsWith('FAIL'))).toEqual([]);
  });

  it('mails the support address from the support domain only when asked', async () => {
    const { deps, sent } = stubs();
    expect(await runSmoke({ ...options, mailToSupport: true, org: 'kore' }, deps)).toBe(0);
    const mail = sent.find((c) => c instanceof SendEmailCommand);
    expect(mail?.input).toMatchObject({
      FromEmailAddress: 'smoke-test@support.example.com',
      Destination: { ToAddresses: ['support@support.example.com'] },
    });
  });

  it('waits for schedule-sync: polls the group until the schedules appear', async () => {
    let polls = 0;
    const { deps, sleeps } = stubs({ ListSchedulesCommand: () => ({ Schedules: ++polls < 3 ? [] : [{ Name: 'sla-10042-x' }] }) });
    expect(await runSmoke(options, deps)).toBe(0);
    expect(polls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('fails (exit 1) when no schedule appears, and still resolves the ticket it opened', async () => {
    const { deps, requests, log, names } = stubs({ ListSchedulesCommand: () => ({ Schedules: [] }) });
    expect(await runSmoke(options, deps)).toBe(1);
    expect(names().filter((n) => n === 'ListSchedulesCommand')).toHaveLength(SCHEDULE_POLLS);
    expect(log).toContainEqual(expect.stringMatching(/^FAIL schedules of case 10042: none named sla-10042-\*/));
    expect(requests.at(-1)).toMatchObject({ method: 'PATCH', body: { status: 'resolved' } });
    expect(log.at(-1)).toBe('smoke test FAILED');
  });

  it('fails (exit 1) when the API refuses the ticket, and neither looks for schedules nor resolves anything', async () => {
    const { deps, requests, log, names } = stubs({}, { 'POST /tickets': { status: 403, body: { title: 'forbidden' } } });
    expect(await runSmoke(options, deps)).toBe(1);
    expect(names()).not.toContain('ListSchedulesCommand');
    expect(requests.map((r) => r.method)).toEqual(['POST']);
    expect(log).toContainEqual('FAIL open a ticket: 403 {"title":"forbidden"}');
  });

  it('fails (exit 1) when the alarm could not publish to the ops topic, and still resets it', async () => {
    const refused =
      'Failed to execute action arn:aws:sns:eu-central-1:1:ops. Received error: "Resource: arn:aws:cloudwatch:eu-central-1:1:alarm:x is not authorized to perform: SNS:Publish"';
    const { deps, sent, log } = stubs({
      DescribeAlarmHistoryCommand: () => ({ AlarmHistoryItems: [{ HistoryItemType: 'Action', HistorySummary: refused }] }),
    });
    expect(await runSmoke(options, deps)).toBe(1);
    expect(log).toContainEqual(`FAIL test alarm ${OUTPUTS.SmokeAlarmName} did not reach the ops topic: ${refused}`);
    expect(sent.at(-1)?.input).toMatchObject({ AlarmName: OUTPUTS.SmokeAlarmName, StateValue: 'OK' });
  });

  it('waits for the alarm action to be recorded, and fails when none is', async () => {
    let polls = 0;
    const late = stubs({
      DescribeAlarmHistoryCommand: () => ({ AlarmHistoryItems: ++polls < 3 ? [] : [{ HistorySummary: 'Successfully executed action x' }] }),
    });
    expect(await runSmoke(options, late.deps)).toBe(0);
    expect(polls).toBe(3);

    const never = stubs({ DescribeAlarmHistoryCommand: () => ({ AlarmHistoryItems: [] }) });
    expect(await runSmoke(options, never.deps)).toBe(1);
    expect(never.names().filter((n) => n === 'DescribeAlarmHistoryCommand')).toHaveLength(ALARM_ACTION_POLLS);
    expect(never.log).toContainEqual(expect.stringMatching(/^FAIL test alarm .*: no action recorded after 30 s/));
  });

  it('reports an alarm it could not reset to OK', async () => {
    const { deps, log } = stubs({
      SetAlarmStateCommand: (c) => (c.input.StateValue === 'OK' ? new Error('AccessDenied') : {}),
    });
    expect(await runSmoke(options, deps)).toBe(1);
    expect(log).toContainEqual(`FAIL reset test alarm ${OUTPUTS.SmokeAlarmName} to OK: AccessDenied`);
  });

  it('does not start (exit 2) without a token, without the stack, or with outputs missing', async () => {
    const noToken = stubs();
    expect(await runSmoke(options, { ...noToken.deps, token: undefined })).toBe(2);
    expect(noToken.sent).toEqual([]);
    expect(noToken.log[0]).toMatch(/SLA_SMOKE_TOKEN is not set/);

    const noStack = stubs({ DescribeStacksCommand: () => new Error('Stack with id SlaEscalator-prod-Service does not exist') });
    expect(await runSmoke(options, noStack.deps)).toBe(2);
    expect(noStack.requests).toEqual([]);

    const old = stubs({ DescribeStacksCommand: () => ({ Stacks: [{ Outputs: [{ OutputKey: 'ApiUrl', OutputValue: OUTPUTS.ApiUrl }] }] }) });
    expect(await runSmoke(options, old.deps)).toBe(2);
    expect(old.log[0]).toMatch(/lacks outputs ScheduleGroupName, SmokeAlarmName, SupportAddress/);
  });

  it('answers a usage error (exit 2) for a missing stage or an unknown option', async () => {
    const log: string[] = [];
    expect(await main([], {}, (line) => log.push(line))).toBe(2);
    expect(await main(['--stage', 'prod', '--bogus'], {}, (line) => log.push(line))).toBe(2);
    expect(log.join('\n')).toMatch(/usage: npm run smoke -- --stage <stage>/);
  });
});
